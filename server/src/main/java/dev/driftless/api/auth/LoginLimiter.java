package dev.driftless.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Limits failed sign-ins per user name and per client address: after {@code maxFailures} failures within a
 * window, further attempts for that name or from that address are refused until the window ends, whether the
 * password would be right or not, so guessing gains nothing from trying faster.
 */
public final class LoginLimiter {

    /** Five failures per minute. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(Instant windowStart, int count) {
    }

    public LoginLimiter(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public static LoginLimiter defaults() {
        return new LoginLimiter(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, Clock.systemUTC());
    }

    /** How long to wait before trying again, when the name or the address used up its failures. */
    public Optional<Duration> retryAfter(String userName, String address) {
        Instant now = clock.instant();
        return Stream.of(userKey(userName), addressKey(address))
                .map(failures::get)
                .filter(found -> found != null && found.count() >= maxFailures)
                .map(found -> Duration.between(now, found.windowStart().plus(window)))
                .filter(Duration::isPositive)
                .max(Duration::compareTo);
    }

    public void failed(String userName, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {userKey(userName), addressKey(address)}) {
            failures.compute(key, (ignored, previous) -> previous == null
                    || !now.isBefore(previous.windowStart().plus(window))
                    ? new Failures(now, 1) : new Failures(previous.windowStart(), previous.count() + 1));
        }
        failures.values().removeIf(entry -> !now.isBefore(entry.windowStart().plus(window)));
    }

    /** A successful sign-in forgets the user name's failures; the address keeps its own. */
    public void succeeded(String userName) {
        failures.remove(userKey(userName));
    }

    private static String userKey(String userName) {
        return "user\u0000" + userName;
    }

    private static String addressKey(String address) {
        return "address\u0000" + address;
    }
}
