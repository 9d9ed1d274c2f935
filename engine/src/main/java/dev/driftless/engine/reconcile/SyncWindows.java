package dev.driftless.engine.reconcile;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.driftless.engine.app.Globs;
import dev.driftless.engine.app.SyncWindow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates sync windows at an instant, as Argo CD does: while a deny window is open, automated syncs wait; when
 * allow windows exist, automated syncs run only while one of them is open; deny wins. Schedules are UNIX cron
 * expressions in UTC. Pure.
 */
public final class SyncWindows {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * @param automatedAllowed whether an automated sync may run now
     * @param manualAllowed    whether a manual sync may run now
     * @param until            when blocked, the earliest instant the block can end; empty when not blocked or unknown
     * @param reason           why it is blocked, empty when not
     */
    public record Verdict(boolean automatedAllowed, boolean manualAllowed, Optional<Instant> until, String reason) {
        public static final Verdict OPEN = new Verdict(true, true, Optional.empty(), "");
    }

    private SyncWindows() {
    }

    /**
     * @throws IllegalArgumentException naming the schedule when a window's cron expression is invalid
     */
    public static Verdict evaluate(List<SyncWindow> windows, String application, String cluster, Instant now) {
        List<SyncWindow> applying = windows.stream().filter(window -> appliesTo(window, application, cluster)).toList();
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        List<SyncWindow> openDenies = applying.stream()
                .filter(window -> window.kind() == SyncWindow.Kind.DENY && openUntil(window, at).isPresent()).toList();
        if (!openDenies.isEmpty()) {
            Optional<Instant> until = openDenies.stream().map(window -> openUntil(window, at).orElseThrow())
                    .max(Comparator.naturalOrder());
            boolean manual = openDenies.stream().allMatch(SyncWindow::manualSync);
            return new Verdict(false, manual, until, "deny window '" + openDenies.getFirst().schedule() + "' is open");
        }
        List<SyncWindow> allows = applying.stream().filter(window -> window.kind() == SyncWindow.Kind.ALLOW).toList();
        if (allows.isEmpty() || allows.stream().anyMatch(window -> openUntil(window, at).isPresent())) {
            return Verdict.OPEN;
        }
        Optional<Instant> nextOpening = allows.stream().map(window -> nextOpening(window, at))
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
        boolean manual = allows.stream().allMatch(SyncWindow::manualSync);
        return new Verdict(false, manual, nextOpening, "no allow window is open");
    }

    private static Optional<Instant> openUntil(SyncWindow window, ZonedDateTime at) {
        return executionTime(window).lastExecution(at.plusSeconds(1))
                .map(opened -> opened.plus(window.duration()))
                .filter(closes -> closes.isAfter(at))
                .map(ZonedDateTime::toInstant);
    }

    private static Optional<Instant> nextOpening(SyncWindow window, ZonedDateTime at) {
        return executionTime(window).nextExecution(at).map(ZonedDateTime::toInstant);
    }

    private static ExecutionTime executionTime(SyncWindow window) {
        try {
            return ExecutionTime.forCron(PARSER.parse(window.schedule()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync window schedule '" + window.schedule()
                    + "' is not a five-field cron expression: " + e.getMessage(), e);
        }
    }

    private static boolean appliesTo(SyncWindow window, String application, String cluster) {
        return matchesAny(window.applications(), application) && matchesAny(window.clusters(), cluster);
    }

    private static boolean matchesAny(List<String> globs, String name) {
        return globs.isEmpty() || globs.stream().anyMatch(glob -> Globs.matches(glob, name));
    }
}
