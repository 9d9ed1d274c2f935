/**
 * The service's database: what neither Git nor the clusters hold. {@link dev.driftless.store.Store} opens it (H2 in
 * the data directory, or PostgreSQL), migrates it with Flyway and hands out one DAO per table; credentials are
 * encrypted with AES-GCM before they are written.
 */
package dev.driftless.store;
