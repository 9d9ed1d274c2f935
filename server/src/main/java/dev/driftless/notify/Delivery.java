package dev.driftless.notify;

/**
 * How sending one event to one channel went.
 *
 * @param channel   the channel's name
 * @param delivered whether the receiver accepted it (a 2xx answer)
 * @param attempts  how many requests were made
 * @param error     why the last attempt failed, empty when delivered; never holds the channel's URL path or query
 */
public record Delivery(String channel, boolean delivered, int attempts, String error) {
}
