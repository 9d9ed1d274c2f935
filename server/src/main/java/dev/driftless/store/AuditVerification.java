package dev.driftless.store;

import java.util.Optional;

/**
 * The outcome of checking the audit log's hash chain.
 *
 * @param checked how many entries were read, up to and including the first broken one
 * @param broken  the first break in the chain; empty when the chain is intact
 */
public record AuditVerification(long checked, Optional<Break> broken) {

    public AuditVerification {
        broken = broken == null ? Optional.empty() : broken;
    }

    public boolean intact() {
        return broken.isEmpty();
    }

    /** Why an entry breaks the chain. */
    public enum Reason {
        /** A field of the entry was changed after it was written: its hash no longer matches. */
        EDITED,
        /** The entry's hash was replaced: it matches neither its fields nor what the next entry chains to. */
        FORGED_HASH,
        /** Entries before this one, or after the newest when it names the newest, were deleted. */
        DELETED,
        /** The entry chains to an entry that comes after it. */
        REORDERED,
        /** The entry chains past the entry before it: that one was inserted. */
        INSERTED
    }

    /**
     * The first entry where the chain breaks.
     *
     * @param entry  the id of the entry
     * @param reason the kind of tampering the break shows
     * @param detail for people: what does not match
     */
    public record Break(long entry, Reason reason, String detail) {
    }
}
