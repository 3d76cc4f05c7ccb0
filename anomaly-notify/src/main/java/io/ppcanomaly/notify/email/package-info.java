/** The {@code email} notifier: SMTP with STARTTLS and AUTH through Eclipse Angus Mail, HTML and plain-text parts. */
package io.ppcanomaly.notify.email;
