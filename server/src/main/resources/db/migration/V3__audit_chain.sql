-- The audit log becomes tamper-evident: each entry records from where and with what result, and is chained to the
-- entry before it by hash (see store/AuditChain for the exact bytes hashed). Rows written before this migration get
-- 'unknown' for what was not recorded then; the store chains them, in id order, the first time it opens (only those:
-- a row inserted later without a hash is tampering, and verification reports it).
ALTER TABLE audit_events ADD COLUMN source VARCHAR NOT NULL DEFAULT 'unknown';
ALTER TABLE audit_events ADD COLUMN result VARCHAR NOT NULL DEFAULT 'unknown';
ALTER TABLE audit_events ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE audit_events ADD COLUMN entry_hash VARCHAR(64);

CREATE INDEX audit_events_by_hash ON audit_events (entry_hash);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at, id);

-- The newest entry of the chain. Every append locks and updates this one row in its transaction, so appenders on
-- several replicas queue on the row lock and the chain never forks; it also shows when the newest entries are
-- deleted.
CREATE TABLE audit_chain_head (
    id             INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    last_id        BIGINT      NOT NULL,
    last_hash      VARCHAR(64) NOT NULL,
    -- the newest entry written before this migration, still to be chained; 0 once chained
    legacy_last_id BIGINT      NOT NULL
);

INSERT INTO audit_chain_head (id, last_id, last_hash, legacy_last_id)
SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', COALESCE(MAX(id), 0)
FROM audit_events;
