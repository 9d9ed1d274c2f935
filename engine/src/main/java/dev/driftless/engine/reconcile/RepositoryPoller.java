package dev.driftless.engine.reconcile;

import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks each repository for its refs once per interval, whatever the number of applications using it, and reports
 * the refs when they differ from the previous answer. Each repository polls on its own virtual thread with its own
 * jittered interval, so a slow server delays only itself and polls do not all fall at once.
 */
public final class RepositoryPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryPoller.class);

    /** Told the advertised refs of a repository (ref name to SHA) when they changed since the previous poll. */
    @FunctionalInterface
    public interface RefsListener {
        void onRefs(String repositoryIdentity, Map<String, String> refs);
    }

    /** Told that a poll of a repository failed; the next poll that succeeds reports the refs again. */
    @FunctionalInterface
    public interface FailureListener {
        FailureListener NONE = (repositoryIdentity, message) -> { };

        void onFailure(String repositoryIdentity, String message);
    }

    private final GitSource git;
    private final Duration interval;
    private final double jitter;
    private final RefsListener listener;
    private final FailureListener failures;
    private final Clock clock;
    private final Map<String, RepositoryPoll> lastPolls = new ConcurrentHashMap<>();
    private final Map<String, RepoSpec> repositories = new HashMap<>();
    private final Map<String, Thread> loops = new HashMap<>();
    private boolean closed;

    /** @param jitter fraction of the interval each wait moves at random, in [0, 1) */
    public RepositoryPoller(GitSource git, Duration interval, double jitter, RefsListener listener) {
        this(git, interval, jitter, listener, FailureListener.NONE);
    }

    /** @param jitter fraction of the interval each wait moves at random, in [0, 1) */
    public RepositoryPoller(GitSource git, Duration interval, double jitter, RefsListener listener,
                            FailureListener failures) {
        this(git, interval, jitter, listener, failures, Clock.systemUTC());
    }

    /**
     * @param jitter fraction of the interval each wait moves at random, in [0, 1)
     * @param clock  stamps {@link #lastPolls()}
     */
    public RepositoryPoller(GitSource git, Duration interval, double jitter, RefsListener listener,
                            FailureListener failures, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.git = Objects.requireNonNull(git, "git");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.jitter = jitter;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Polls exactly these repositories from now on, keyed by {@link RepositoryUrls#identity}: new ones start, gone
     * ones stop, and changed credentials are used from the next poll.
     */
    public synchronized void track(Map<String, RepoSpec> byIdentity) {
        if (closed) {
            return;
        }
        repositories.clear();
        repositories.putAll(byIdentity);
        lastPolls.keySet().retainAll(byIdentity.keySet());
        loops.entrySet().removeIf(loop -> {
            if (byIdentity.containsKey(loop.getKey())) {
                return false;
            }
            loop.getValue().interrupt();
            return true;
        });
        byIdentity.keySet().forEach(identity -> loops.computeIfAbsent(identity,
                key -> Thread.ofVirtual().name("poll " + key).start(() -> pollLoop(key))));
    }

    /** The repositories polled now, by identity. */
    public synchronized Collection<String> tracked() {
        return List.copyOf(repositories.keySet());
    }

    /** How the last poll of each repository polled now went, by identity; a repository not polled yet is absent. */
    public Map<String, RepositoryPoll> lastPolls() {
        return Map.copyOf(lastPolls);
    }

    private void pollLoop(String identity) {
        Map<String, String> previous = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(jittered());
            } catch (InterruptedException e) {
                return;
            }
            RepoSpec repository = current(identity);
            if (repository == null) {
                return;
            }
            try {
                Map<String, String> refs = git.lsRemote(repository);
                lastPolls.put(identity, new RepositoryPoll(clock.instant(), ""));
                if (!refs.equals(previous)) {
                    previous = refs;
                    listener.onRefs(identity, refs);
                }
            } catch (SourceException e) {
                LOG.warn("polling {} failed: {}", repository.url(), e.getMessage());
                // Forgetting the refs makes the first poll that succeeds again report them, which ends the failure.
                previous = null;
                lastPolls.put(identity, new RepositoryPoll(clock.instant(), e.getMessage()));
                failures.onFailure(identity, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("handling the refs of {} failed", repository.url(), e);
            }
        }
    }

    private synchronized RepoSpec current(String identity) {
        return closed ? null : repositories.get(identity);
    }

    private Duration jittered() {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, (long) (interval.toMillis() * factor)));
    }

    @Override
    public synchronized void close() {
        closed = true;
        loops.values().forEach(Thread::interrupt);
        loops.clear();
        repositories.clear();
    }
}
