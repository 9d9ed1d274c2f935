package dev.driftless.engine.app;

import java.time.Duration;
import java.util.List;

/**
 * A time window for automated syncs, as Argo CD's sync windows: {@code allow} windows permit automated syncs
 * only while one is open; {@code deny} windows block them while open. Deny wins over allow.
 *
 * @param kind         {@code allow} or {@code deny}
 * @param schedule     a cron expression (five fields, UTC) for when the window opens
 * @param duration     how long it stays open
 * @param applications application name globs it applies to (empty: all)
 * @param clusters     cluster name globs it applies to (empty: all)
 * @param manualSync   whether manual syncs are allowed while the window blocks automated ones
 */
public record SyncWindow(Kind kind, String schedule, Duration duration, List<String> applications,
                         List<String> clusters, boolean manualSync) {

    public enum Kind { ALLOW, DENY }

    public SyncWindow {
        applications = applications == null ? List.of() : List.copyOf(applications);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }
}
