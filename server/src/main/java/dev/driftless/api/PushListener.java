package dev.driftless.api;

import dev.driftless.api.webhook.PushEvent;

/** Receives verified pushes from the webhook endpoint. */
@FunctionalInterface
public interface PushListener {

    /**
     * Refreshes the applications the push concerns and returns how many; called on the request's thread, so it
     * should queue the work rather than do it.
     */
    int onPush(PushEvent push);
}
