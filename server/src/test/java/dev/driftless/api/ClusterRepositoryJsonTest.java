package dev.driftless.api;

import dev.driftless.service.ClusterView;
import dev.driftless.service.Origin;
import dev.driftless.service.RepositoryView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.driftless.api.ApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The fields the dashboard's cluster and repository pages read, as the contract names them. */
class ClusterRepositoryJsonTest {

    @Test
    void aClusterCarriesItsApplicationsConnectionAndMessage() {
        ClusterView failed = new ClusterView("prod", "https://prod.example.com:6443", Map.of("env", "prod"), false,
                Origin.CONFIG, 3, ClusterView.Connection.FAILED, "cannot reach the API server: ConnectException");
        ClusterView connected = new ClusterView("dev", "https://dev.example.com:6443", Map.of(), false, Origin.API,
                0, ClusterView.Connection.CONNECTED, "");

        assertThat(ApiJson.clusters(List.of(failed, connected))).containsExactly(parse("""
                {"name":"prod","server":"https://prod.example.com:6443","labels":{"env":"prod"},"sandbox":false,
                 "origin":"config","applications":3,"connection":"Failed",
                 "message":"cannot reach the API server: ConnectException"}"""), parse("""
                {"name":"dev","server":"https://dev.example.com:6443","labels":{},"sandbox":false,"origin":"api",
                 "applications":0,"connection":"Connected"}"""));
    }

    @Test
    void aRepositoryCarriesItsApplicationsAndLastPoll() {
        RepositoryView inferred = new RepositoryView("https://github.com/shop/config.git", "NONE", null,
                Origin.INFERRED, 2, RepositoryView.PollState.FAILED, "repository not found",
                Optional.of(Instant.parse("2026-05-01T10:00:00Z")));
        RepositoryView neverPolled = new RepositoryView("https://gitlab.com/", "TOKEN", null, Origin.API);

        assertThat(ApiJson.repositories(List.of(inferred, neverPolled))).containsExactly(parse("""
                {"urlPrefix":"https://github.com/shop/config.git","type":"none","username":null,"origin":"inferred",
                 "applications":2,"state":"Failed","message":"repository not found",
                 "lastPolledAt":"2026-05-01T10:00:00Z"}"""), parse("""
                {"urlPrefix":"https://gitlab.com/","type":"token","username":null,"origin":"api","applications":0,
                 "state":"Unknown"}"""));
    }
}
