package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.SyncWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncWindowsTest {

    private static final Instant TEN_THIRTY = Instant.parse("2025-03-03T10:30:00Z");

    private static SyncWindow window(SyncWindow.Kind kind, String schedule, Duration duration, List<String> apps,
                                     List<String> clusters, boolean manualSync) {
        return new SyncWindow(kind, schedule, duration, apps, clusters, manualSync);
    }

    @Test
    void anOpenDenyWindowBlocksAutomatedSyncsUntilItCloses() {
        SyncWindow deny = window(SyncWindow.Kind.DENY, "0 10 * * *", Duration.ofHours(1), List.of(), List.of(), true);

        SyncWindows.Verdict verdict = SyncWindows.evaluate(List.of(deny), "shop", "prod", TEN_THIRTY);

        assertThat(verdict.automatedAllowed()).isFalse();
        assertThat(verdict.manualAllowed()).isTrue();
        assertThat(verdict.until()).contains(Instant.parse("2025-03-03T11:00:00Z"));
        assertThat(verdict.reason()).contains("0 10 * * *");
        assertThat(SyncWindows.evaluate(List.of(deny), "shop", "prod", Instant.parse("2025-03-03T11:00:00Z")))
                .isEqualTo(SyncWindows.Verdict.OPEN);
    }

    @Test
    void aDenyWindowForbiddingManualSyncsBlocksThemToo() {
        SyncWindow deny = window(SyncWindow.Kind.DENY, "0 10 * * *", Duration.ofHours(1), List.of(), List.of(), false);

        assertThat(SyncWindows.evaluate(List.of(deny), "shop", "prod", TEN_THIRTY).manualAllowed()).isFalse();
    }

    @Test
    void allowWindowsPermitAutomatedSyncsOnlyWhileOpenAndDenyWins() {
        SyncWindow allow = window(SyncWindow.Kind.ALLOW, "0 22 * * *", Duration.ofHours(2), List.of(), List.of(), true);
        SyncWindow allowNow = window(SyncWindow.Kind.ALLOW, "0 10 * * *", Duration.ofHours(2), List.of(), List.of(), true);
        SyncWindow deny = window(SyncWindow.Kind.DENY, "15 10 * * *", Duration.ofMinutes(30), List.of(), List.of(), true);

        SyncWindows.Verdict closed = SyncWindows.evaluate(List.of(allow), "shop", "prod", TEN_THIRTY);
        assertThat(closed.automatedAllowed()).isFalse();
        assertThat(closed.until()).contains(Instant.parse("2025-03-03T22:00:00Z"));
        assertThat(SyncWindows.evaluate(List.of(allow, allowNow), "shop", "prod", TEN_THIRTY).automatedAllowed()).isTrue();
        assertThat(SyncWindows.evaluate(List.of(allowNow, deny), "shop", "prod", TEN_THIRTY).automatedAllowed()).isFalse();
    }

    @Test
    void windowsApplyOnlyToTheApplicationsAndClustersTheirGlobsName() {
        SyncWindow deny = window(SyncWindow.Kind.DENY, "0 10 * * *", Duration.ofHours(1), List.of("shop-*"),
                List.of("prod-?"), true);

        assertThat(SyncWindows.evaluate(List.of(deny), "shop-web", "prod-1", TEN_THIRTY).automatedAllowed()).isFalse();
        assertThat(SyncWindows.evaluate(List.of(deny), "billing", "prod-1", TEN_THIRTY).automatedAllowed()).isTrue();
        assertThat(SyncWindows.evaluate(List.of(deny), "shop-web", "staging", TEN_THIRTY).automatedAllowed()).isTrue();
        SyncWindow dotted = window(SyncWindow.Kind.DENY, "0 10 * * *", Duration.ofHours(1), List.of("shop.w*"),
                List.of(), true);
        assertThat(SyncWindows.evaluate(List.of(dotted), "shop.web", "prod-1", TEN_THIRTY).automatedAllowed()).isFalse();
        assertThat(SyncWindows.evaluate(List.of(dotted), "shopXweb", "prod-1", TEN_THIRTY).until()).isEqualTo(Optional.empty());
    }

    @Test
    void aBadScheduleIsNamedInTheError() {
        SyncWindow bad = window(SyncWindow.Kind.DENY, "every day", Duration.ofHours(1), List.of(), List.of(), true);

        assertThatThrownBy(() -> SyncWindows.evaluate(List.of(bad), "shop", "prod", TEN_THIRTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'every day'");
    }
}
