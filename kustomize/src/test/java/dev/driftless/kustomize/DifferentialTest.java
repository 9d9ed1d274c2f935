package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every directory under {@code src/test/resources/cases/} is built by the real kustomize and by ours, and the
 * objects must be equal, in the same order. A case directory holds a whole tree; the kustomization to build is
 * the case directory itself, or the relative path in its {@code BUILD} file (for overlays).
 *
 * <ul>
 * <li>{@code EXPECT_ERROR}: both must fail; each line of the file must appear in our error message.</li>
 * <li>{@code V5_EXPECTED.yaml}: kustomize v5 gives a different result than v4.5.4 here and we follow v5; our
 * output must equal this file and the v4.5.4 binary's must differ from it. {@code V5_DIFFERS} says why.</li>
 * </ul>
 */
class DifferentialTest {

    static final Path CASES = Path.of("src/test/resources/cases");

    @TestFactory
    Stream<DynamicTest> eachCaseBuildsLikeTheRealKustomize() throws IOException {
        List<Path> cases;
        try (Stream<Path> listing = Files.list(CASES)) {
            cases = listing.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("test cases under " + CASES).isNotEmpty();
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    static void check(Path caseDir) throws IOException {
        Path buildDir = buildDirectory(caseDir);
        RealKustomize.Result real = RealKustomize.build(buildDir);
        Path expectError = caseDir.resolve("EXPECT_ERROR");
        if (Files.exists(expectError)) {
            assertThat(real.succeeded()).as("the real kustomize must fail on " + caseDir + " too").isFalse();
            KustomizeException error = null;
            try {
                ours(caseDir, buildDir);
            } catch (KustomizeException e) {
                error = e;
            }
            assertThat(error).as("our build of " + caseDir + " must fail").isNotNull();
            for (String expected : Files.readAllLines(expectError)) {
                if (!expected.isBlank()) {
                    assertThat(error.getMessage()).contains(expected.strip());
                }
            }
            return;
        }
        assertThat(real.succeeded()).as("the real kustomize failed on " + caseDir + ": " + real.stderr()).isTrue();
        List<JsonNode> ours = ours(caseDir, buildDir);
        Path v5 = caseDir.resolve("V5_EXPECTED.yaml");
        if (Files.exists(v5)) {
            List<JsonNode> expected = documents(Files.readString(v5));
            assertThat(ours).as("ours against V5_EXPECTED.yaml").isEqualTo(expected);
            assertThat(documents(real.stdout())).as("v4.5.4 differs here, as V5_DIFFERS says").isNotEqualTo(expected);
            return;
        }
        List<JsonNode> theirs = documents(real.stdout());
        assertThat(Kustomization.YAML.writeValueAsString(ours))
                .as("objects and order must match the real kustomize for " + caseDir)
                .isEqualTo(Kustomization.YAML.writeValueAsString(theirs));
    }

    static List<JsonNode> ours(Path caseDir, Path buildDir) {
        List<ObjectNode> built = new Kustomizer(Kustomizer.Options.restrictedTo(caseDir)).build(buildDir);
        return new ArrayList<>(built);
    }

    static Path buildDirectory(Path caseDir) throws IOException {
        Path pointer = caseDir.resolve("BUILD");
        return Files.exists(pointer) ? caseDir.resolve(Files.readString(pointer).strip()) : caseDir;
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = Kustomization.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
