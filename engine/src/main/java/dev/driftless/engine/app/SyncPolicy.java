package dev.driftless.engine.app;

import java.time.Duration;
import java.util.List;

/**
 * How an application syncs.
 *
 * @param automated       sync on every change of Git; a manual application never applies on its own
 * @param prune           delete tracked objects that Git no longer has
 * @param selfHeal        revert changes made directly in the cluster (automated only)
 * @param allowEmpty      let an empty render prune everything
 * @param createNamespace create the destination namespace
 * @param retry           retries of a failed sync
 * @param windows         when automated syncs may run
 */
public record SyncPolicy(boolean automated, boolean prune, boolean selfHeal, boolean allowEmpty,
                         boolean createNamespace, Retry retry, List<SyncWindow> windows) {

    /**
     * Exponential backoff: {@code backoff}, then times {@code factor}, capped at {@code maxBackoff}.
     *
     * @param limit how many retries after the first attempt; 0 for none
     */
    public record Retry(int limit, Duration backoff, double factor, Duration maxBackoff) {
        public static Retry defaults() {
            return new Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
        }

        /** The delay before retry number {@code attempt} (1-based). */
        public Duration delay(int attempt) {
            double millis = backoff.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    public SyncPolicy {
        retry = retry == null ? Retry.defaults() : retry;
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    public static SyncPolicy manual() {
        return new SyncPolicy(false, false, false, false, false, Retry.defaults(), List.of());
    }

    public SyncPolicy withAutomated(boolean newAutomated) {
        return new SyncPolicy(newAutomated, prune, selfHeal, allowEmpty, createNamespace, retry, windows);
    }
}
