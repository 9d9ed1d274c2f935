package dev.driftless.engine.render;

import dev.driftless.kustomize.YamlLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests written to harm the parser fail with the file, the position and the reason. */
class HostileManifestsTest {

    private static final String BILLION_LAUGHS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: lol}
            data:
              a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
              b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
              c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
              e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            """;

    @Test
    void aliasesAreRefusedInsteadOfExpandedOrReadAsTheAnchorsName() {
        assertThatThrownBy(() -> ManifestParser.parseYaml(BILLION_LAUGHS, "apps/lol.yaml"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("apps/lol.yaml: syntax error at line 6, column ")
                .hasMessageContaining("YAML alias '*a' refused");
        assertThatThrownBy(() -> ManifestParser.parseHelmOutput("# Source: chart/templates/lol.yaml\n" + BILLION_LAUGHS,
                "helm output", source -> source))
                .isInstanceOf(RenderException.class).hasMessageContaining("YAML alias '*a' refused");
    }

    @Test
    void aHugeDocumentIsRefused() {
        String huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n  blob: "
                + "x".repeat(YamlLimits.MAX_DOCUMENT_CODE_POINTS) + "\n";

        assertThatThrownBy(() -> ManifestParser.parseYaml(huge, "apps/huge.yaml"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("apps/huge.yaml: syntax error")
                .hasMessageContaining("exceeds the limit: " + YamlLimits.MAX_DOCUMENT_CODE_POINTS + " code points");
    }

    @Test
    void deepNestingIsRefusedAndAnchorsAloneAreFine() throws RenderException {
        int depth = YamlLimits.MAX_NESTING_DEPTH + 1;
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: "
                + "[".repeat(depth) + "]".repeat(depth) + "\n";

        assertThatThrownBy(() -> ManifestParser.parseYaml(deep, "apps/deep.yaml"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("apps/deep.yaml: cannot be parsed: Document nesting depth (" + depth
                        + ") exceeds the maximum allowed (" + YamlLimits.MAX_NESTING_DEPTH);
        assertThat(ManifestParser.parseYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: fine}\n",
                "apps/fine.yaml")).hasSize(1);
    }
}
