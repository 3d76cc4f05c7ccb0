/** The {@code slack} notifier: Block Kit messages through a Slack incoming webhook. */
package io.ppcanomaly.notify.slack;
