package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.ApplyMode;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link ApplicationController} runs.
 *
 * @param parallelism   how many applications reconcile at once
 * @param pollInterval  how often each repository is asked for its refs
 * @param pollJitter    fraction of the interval each poll moves at random (0.1: ±10%), so repositories spread out
 * @param watchDebounce how long after a change to a live object its application is compared, so a burst of
 *                      changes costs one comparison
 * @param applyMode     how objects are written; {@link ApplyMode#AUTO} detects server-side apply
 * @param clock         the time sync windows and history use
 */
public record ControllerSettings(int parallelism, Duration pollInterval, double pollJitter, Duration watchDebounce,
                                 ApplyMode applyMode, Clock clock) {

    public static final int DEFAULT_PARALLELISM = 8;

    public ControllerSettings {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        if (pollJitter < 0 || pollJitter >= 1) {
            throw new IllegalArgumentException("pollJitter must be in [0, 1), got " + pollJitter);
        }
        Objects.requireNonNull(watchDebounce, "watchDebounce");
        Objects.requireNonNull(applyMode, "applyMode");
        Objects.requireNonNull(clock, "clock");
    }

    /** 8 applications at once, polls every 3 minutes ±10%, 200 ms debounce, apply mode detected, UTC clock. */
    public static ControllerSettings defaults() {
        return new ControllerSettings(DEFAULT_PARALLELISM, Duration.ofMinutes(3), 0.1, Duration.ofMillis(200), ApplyMode.AUTO,
                Clock.systemUTC());
    }

    public ControllerSettings withParallelism(int applicationsAtOnce) {
        return new ControllerSettings(applicationsAtOnce, pollInterval, pollJitter, watchDebounce, applyMode, clock);
    }

    public ControllerSettings withPollInterval(Duration interval) {
        return new ControllerSettings(parallelism, interval, pollJitter, watchDebounce, applyMode, clock);
    }

    public ControllerSettings withClock(Clock newClock) {
        return new ControllerSettings(parallelism, pollInterval, pollJitter, watchDebounce, applyMode, newClock);
    }

    public ControllerSettings withApplyMode(ApplyMode mode) {
        return new ControllerSettings(parallelism, pollInterval, pollJitter, watchDebounce, mode, clock);
    }
}
