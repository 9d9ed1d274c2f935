package dev.driftless.engine.source;

/**
 * How much a checkout of one commit may write. A repository can hold far more than any render reads (or be made to,
 * to fill the service's disk); a commit past these limits is refused before any of its files is written.
 *
 * @param maxFiles the most files, symbolic links and submodules a commit may hold
 * @param maxBytes the most bytes its files may hold together
 */
public record CheckoutLimits(long maxFiles, long maxBytes) {

    /** 100,000 files and 1 GiB: more than large monorepos hold, less than what harms a service's disk. */
    public static final CheckoutLimits DEFAULTS = new CheckoutLimits(100_000, 1024L * 1024 * 1024);

    public CheckoutLimits {
        if (maxFiles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("checkout limits must be positive, got " + maxFiles + " files and "
                    + maxBytes + " bytes");
        }
    }
}
