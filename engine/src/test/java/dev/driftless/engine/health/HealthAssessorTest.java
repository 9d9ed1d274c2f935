package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.driftless.engine.health.HealthStatus.DEGRADED;
import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.MISSING;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static dev.driftless.engine.health.HealthStatus.SUSPENDED;
import static dev.driftless.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class HealthAssessorTest {

    private final HealthAssessor assessor = new HealthAssessor();

    @Test
    void anObjectNotInTheClusterIsMissing() {
        assertThat(assessor.assess(null)).isEqualTo(new Health(MISSING, "Not found in the cluster"));
        assertThat(assessor.assess(NullNode.getInstance())).isEqualTo(new Health(MISSING, "Not found in the cluster"));
    }

    @Test
    void aLiveObjectThatIsNotAnObjectIsUnknown() throws Exception {
        assertThat(assessor.assess(Documents.JSON.readTree("[1, 2]")))
                .isEqualTo(new Health(UNKNOWN, "Cannot assess health: the live object is not a JSON object"));
    }

    @Test
    void anObjectBeingDeletedIsProgressingWhateverItsStatus() {
        var deleting = (ObjectNode) HealthFixtures.load("deployment/healthy.yaml");
        deleting.withObject("metadata").put("deletionTimestamp", "2025-03-02T11:00:00Z");

        assertThat(assessor.assess(deleting)).isEqualTo(new Health(PROGRESSING, "Pending deletion"));
    }

    @Test
    void aKindWithTheSameNameInAnotherGroupGetsTheGenericCheck() throws Exception {
        JsonNode notAnAppsDeployment = Documents.YAML.readTree("""
                apiVersion: example.com/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, generation: 1}
                spec: {paused: true}
                status:
                  conditions:
                    - {type: Ready, status: "True", message: all good}
                """);

        assertThat(assessor.assess(notAnAppsDeployment)).isEqualTo(new Health(HEALTHY, "all good"));
    }

    @Test
    void overridesAreConsultedBeforeTheBuiltInChecks() {
        HealthCheck pausedIsFine = new HealthCheck() {
            @Override
            public boolean appliesTo(String group, String kind) {
                return group.equals("apps") && kind.equals("Deployment");
            }

            @Override
            public Health assess(JsonNode live) {
                return Health.healthy("overridden");
            }
        };

        Health health = new HealthAssessor(List.of(pausedIsFine)).assess(HealthFixtures.load("deployment/paused.yaml"));

        assertThat(health).isEqualTo(new Health(HEALTHY, "overridden"));
    }

    @Test
    void aCheckThatThrowsGivesUnknownNamingTheObject() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public boolean appliesTo(String group, String kind) {
                return true;
            }

            @Override
            public Health assess(JsonNode live) {
                throw new IllegalStateException("no rule for this shape");
            }
        };

        Health health = new HealthAssessor(List.of(broken)).assess(HealthFixtures.load("pvc/bound.yaml"));

        assertThat(health).isEqualTo(new Health(UNKNOWN,
                "Cannot assess health of /PersistentVolumeClaim:shop/data-db-0: no rule for this shape"));
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public boolean appliesTo(String group, String kind) {
                return true;
            }

            @Override
            public Health assess(JsonNode live) {
                throw new NullPointerException();
            }
        };

        Health health = new HealthAssessor(List.of(broken)).assess(HealthFixtures.load("pvc/bound.yaml"));

        assertThat(health).isEqualTo(new Health(UNKNOWN,
                "Cannot assess health of /PersistentVolumeClaim:shop/data-db-0: NullPointerException"));
    }

    @Test
    void worstFollowsArgoCdOrder() {
        assertThat(HealthAssessor.worst(List.of(Health.healthy(""), Health.suspended("")))).isEqualTo(SUSPENDED);
        assertThat(HealthAssessor.worst(List.of(Health.suspended(""), Health.progressing("")))).isEqualTo(PROGRESSING);
        assertThat(HealthAssessor.worst(List.of(Health.missing(""), Health.progressing("")))).isEqualTo(MISSING);
        assertThat(HealthAssessor.worst(List.of(Health.degraded(""), Health.missing(""), Health.healthy(""))))
                .isEqualTo(DEGRADED);
        assertThat(HealthAssessor.worst(List.of(Health.degraded(""), Health.unknown("")))).isEqualTo(UNKNOWN);
    }

    @Test
    void worstOfNothingIsHealthy() {
        assertThat(HealthAssessor.worst(List.of())).isEqualTo(HEALTHY);
    }

    @Test
    void statusesCompareAndDisplayAsArgoCdShowsThem() {
        assertThat(DEGRADED.isWorseThan(MISSING)).isTrue();
        assertThat(SUSPENDED.isWorseThan(PROGRESSING)).isFalse();
        assertThat(HEALTHY.isWorseThan(HEALTHY)).isFalse();
        assertThat(PROGRESSING.displayName()).isEqualTo("Progressing");
    }
}
