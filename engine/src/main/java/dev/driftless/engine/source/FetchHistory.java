package dev.driftless.engine.source;

/**
 * The fetches of one mirror, numbered as they start, and the decision a caller of {@link GitSource#fetch} takes from
 * them once it holds the mirror's lock. A fetch that started after the caller arrived and then succeeded saw the
 * repository as it was at the caller's arrival or later, so the caller needs no round trip of its own: with a
 * thousand applications of one monorepo asking at once, one fetch serves all that queued behind it.
 *
 * @param started       how many fetches have started
 * @param lastSucceeded the number of the latest fetch that succeeded, 0 for none
 */
record FetchHistory(long started, long lastSucceeded) {

    static final FetchHistory NONE = new FetchHistory(0, 0);

    /** The history once another fetch starts; its number is the new {@link #started()}. */
    FetchHistory withNextStarted() {
        return new FetchHistory(started + 1, lastSucceeded);
    }

    FetchHistory succeeded(long fetch) {
        return new FetchHistory(started, Math.max(lastSucceeded, fetch));
    }

    /**
     * Whether a fetch that started after a caller arrived has succeeded.
     *
     * @param arrival {@link #started()} as the caller read it on arrival
     */
    boolean fetchedSince(long arrival) {
        return lastSucceeded > arrival;
    }
}
