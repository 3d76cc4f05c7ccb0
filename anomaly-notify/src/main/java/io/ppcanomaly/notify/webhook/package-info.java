/** The {@code webhook} notifier: a signed JSON POST of each message, with a delivery id to deduplicate on. */
package io.ppcanomaly.notify.webhook;
