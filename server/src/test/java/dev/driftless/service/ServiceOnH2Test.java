package dev.driftless.service;

import java.util.Map;

/** The service scenarios on H2 in the data directory, the default store. */
class ServiceOnH2Test extends ServiceScenarios {

    @Override
    String databaseUrl() {
        return null;
    }

    @Override
    Map<String, String> environment() {
        return Map.of();
    }
}
