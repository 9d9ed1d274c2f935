package dev.driftless.service;

import dev.driftless.store.StoreSettings;
import dev.driftless.testing.PostgresServer;

import java.util.Map;

/** The service scenarios on PostgreSQL, one fresh database per test. */
class ServiceOnPostgresTest extends ServiceScenarios {

    private final PostgresServer postgres = PostgresServer.shared();
    private final String database = postgres.createDatabase();

    @Override
    String databaseUrl() {
        return postgres.jdbcUrl(database) + "?user=" + PostgresServer.USER;
    }

    @Override
    Map<String, String> environment() {
        return Map.of(StoreSettings.PASSWORD_VARIABLE, postgres.password());
    }
}
