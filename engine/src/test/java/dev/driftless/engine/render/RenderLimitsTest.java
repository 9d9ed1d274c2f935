package dev.driftless.engine.render;

import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RenderLimitsTest {

    @TempDir
    Path repo;

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  v: %s\n";

    @Test
    void aRenderWithMoreObjectsThanTheLimitFailsNamingBoth() throws Exception {
        writeConfigMaps(4, "x");
        Renderers renderers = new Renderers().withLimits(new RenderLimits(3, 1_000_000));

        assertThatThrownBy(() -> renderers.render(new RenderRequest(repo, "app", RenderOptions.Directory.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessage("application path 'app' rendered 4 objects, more than the limit of 3 per render");
        assertThat(new Renderers().withLimits(new RenderLimits(4, 1_000_000))
                .render(new RenderRequest(repo, "app", RenderOptions.Directory.defaults()))).hasSize(4);
    }

    @Test
    void aRenderLargerThanTheByteLimitFailsWithoutQuotingItsContent() throws Exception {
        writeConfigMaps(2, "secret-looking-value");
        long size = 0;
        for (var manifest : new Renderers().render(new RenderRequest(repo, "app", RenderOptions.Directory.defaults()))) {
            size += Documents.JSON.writeValueAsBytes(manifest.body()).length;
        }
        long exactSize = size;
        RenderRequest request = new RenderRequest(repo, "app", RenderOptions.Directory.defaults());

        assertThat(new Renderers().withLimits(new RenderLimits(10, exactSize)).render(request)).hasSize(2);
        assertThatThrownBy(() -> new Renderers().withLimits(new RenderLimits(10, exactSize - 1)).render(request))
                .isInstanceOf(RenderException.class)
                .hasMessage("application path 'app' rendered more than the limit of " + (exactSize - 1)
                        + " bytes per render")
                .hasMessageNotContaining("secret-looking-value");
    }

    @Test
    void theDefaultsAreGenerousAndLimitsMustBePositive() {
        assertThat(RenderLimits.DEFAULTS.maxObjects()).isEqualTo(10_000);
        assertThat(RenderLimits.DEFAULTS.maxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThatIllegalArgumentException().isThrownBy(() -> new RenderLimits(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RenderLimits(1, 0));
    }

    private void writeConfigMaps(int count, String value) throws IOException {
        Files.createDirectories(repo.resolve("app"));
        for (int i = 0; i < count; i++) {
            Files.writeString(repo.resolve("app/cm-" + i + ".yaml"), CONFIG_MAP.formatted("cm-" + i, value));
        }
    }
}
