package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchHistoryTest {

    @Test
    void aFetchThatStartedAfterArrivalAndSucceededServesTheCaller() {
        long arrival = FetchHistory.NONE.started();
        FetchHistory running = FetchHistory.NONE.withNextStarted();

        assertThat(running.fetchedSince(arrival)).isFalse();
        assertThat(running.succeeded(running.started()).fetchedSince(arrival)).isTrue();
    }

    @Test
    void aFetchThatStartedBeforeArrivalDoesNot() {
        FetchHistory running = FetchHistory.NONE.withNextStarted();
        long arrival = running.started();

        assertThat(running.succeeded(running.started()).fetchedSince(arrival)).isFalse();
    }

    @Test
    void aFailedFetchServesNobody() {
        long arrival = FetchHistory.NONE.started();
        FetchHistory failed = FetchHistory.NONE.withNextStarted();

        assertThat(failed.withNextStarted().fetchedSince(arrival)).isFalse();
    }

    @Test
    void anOlderFetchSucceedingLateDoesNotHideANewerOne() {
        FetchHistory twoStarted = FetchHistory.NONE.withNextStarted().withNextStarted();
        FetchHistory newerDone = twoStarted.succeeded(2).succeeded(1);

        assertThat(newerDone.lastSucceeded()).isEqualTo(2);
        assertThat(newerDone.fetchedSince(1)).isTrue();
    }
}
