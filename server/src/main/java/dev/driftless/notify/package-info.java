/**
 * Notifications of application events to generic webhooks and Slack-compatible incoming webhooks, delivered on
 * virtual threads with retries ({@link dev.driftless.notify.Notifier}).
 */
package dev.driftless.notify;
