package dev.driftless.store;

import dev.driftless.store.AuditVerification.Break;
import dev.driftless.store.AuditVerification.Reason;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Walks the audit log in id order, one entry behind what it reads: whether an entry's hash was forged or its fields
 * edited shows only in what the next entry chains to. A break in the links is resolved afterwards, with a look-up
 * of the entry chained to ({@link #linkBreak}), because the walk reads a stream it cannot query beside.
 */
final class ChainCheck {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** An entry that does not chain to the entry before it. */
    record LinkBreak(long entry, long entryBefore, String chainedTo) {
    }

    /** The first problem found: a complete break, or a link break still to be explained. */
    sealed interface Problem {
        record Found(Break found) implements Problem {
        }

        record Link(LinkBreak link) implements Problem {
        }
    }

    private String expectedPrevious = AuditChain.GENESIS;
    private long lastGoodId;
    private AuditEvent pending;
    private long checked;
    private Problem problem;

    /** Reads the next entry; false once a problem was found and nothing more needs reading. */
    boolean accept(AuditEvent event) {
        if (pending != null) {
            problem = check(pending, event.previousHash());
        }
        pending = event;
        return problem == null;
    }

    /**
     * Checks the newest entry against the chain head.
     *
     * @param headId   the id the chain head names; 0 when nothing was ever appended
     * @param headHash the hash the chain head holds
     */
    Optional<Problem> finish(long headId, String headHash) {
        if (problem == null && pending != null) {
            problem = check(pending, headHash);
        }
        if (problem == null && !expectedPrevious.equals(headHash)) {
            problem = new Problem.Found(new Break(headId, Reason.DELETED, "the chain head records entry " + headId
                    + " as the newest, but the log ends at entry " + lastGoodId + ": the newest entries were deleted"));
        }
        return Optional.ofNullable(problem);
    }

    long checked() {
        return checked;
    }

    private Problem check(AuditEvent event, String successorPrevious) {
        checked++;
        if (!wellFormed(event.previousHash()) || !wellFormed(event.hash())) {
            return new Problem.Found(new Break(event.id(), Reason.EDITED,
                    "entry " + event.id() + "'s hashes are not 64 hexadecimal digits"));
        }
        String expected = AuditChain.expectedHash(event);
        if (!expected.equals(event.hash())) {
            return new Problem.Found(expected.equals(successorPrevious)
                    ? new Break(event.id(), Reason.FORGED_HASH, "entry " + event.id() + "'s stored hash was replaced:"
                    + " its fields and the next entry both agree on " + expected)
                    : new Break(event.id(), Reason.EDITED, "entry " + event.id()
                    + "'s fields do not match its hash: a field was changed after it was written"));
        }
        if (!event.previousHash().equals(expectedPrevious)) {
            return new Problem.Link(new LinkBreak(event.id(), lastGoodId, event.previousHash()));
        }
        expectedPrevious = event.hash();
        lastGoodId = event.id();
        return null;
    }

    private static boolean wellFormed(String hash) {
        return hash != null && HASH.matcher(hash).matches();
    }

    /** What a link break shows, knowing the id of the entry whose hash it chains to, if any has it. */
    static Break linkBreak(LinkBreak link, OptionalLong chainedToId) {
        long entry = link.entry();
        if (chainedToId.isEmpty()) {
            return new Break(entry, Reason.DELETED, "entry " + entry + " chains to an entry that is no longer in the"
                    + " log: entries between " + link.entryBefore() + " and " + entry + " were deleted, or entry "
                    + link.entryBefore() + " was rewritten with a new hash");
        }
        long target = chainedToId.getAsLong();
        if (target > entry) {
            return new Break(entry, Reason.REORDERED, "entry " + entry + " chains to entry " + target
                    + ", which comes after it: entries were reordered");
        }
        return new Break(link.entryBefore(), Reason.INSERTED, "entry " + entry + " chains to entry " + target
                + ", not to entry " + link.entryBefore() + " before it: entry " + link.entryBefore() + " was inserted");
    }
}
