package dev.driftless.store;

import java.time.Instant;

/**
 * One entry of the audit log as stored: what was recorded, when, and its place in the hash chain.
 *
 * @param id           increasing in the order entries were appended
 * @param at           when, to the microsecond
 * @param entry        what was recorded
 * @param previousHash the {@link #hash} of the entry before, hex; {@link AuditChain#GENESIS} for the first
 * @param hash         {@link AuditChain#hash} of this entry, hex
 */
public record AuditEvent(long id, Instant at, AuditEntry entry, String previousHash, String hash) {

    public String actor() {
        return entry.actor();
    }

    public String action() {
        return entry.action();
    }

    public String application() {
        return entry.application();
    }

    public String source() {
        return entry.source();
    }

    public String result() {
        return entry.result();
    }

    public String message() {
        return entry.message();
    }
}
