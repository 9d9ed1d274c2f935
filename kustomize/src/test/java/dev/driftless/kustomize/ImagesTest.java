package dev.driftless.kustomize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Image reference splitting and matching, including registry ports that look like tags. */
class ImagesTest {

    @Test
    void splitsNameTagAndDigestKeepingRegistryPortsInTheName() {
        assertThat(ImageReference.parse("localhost:5000/app:1"))
                .isEqualTo(new ImageReference("localhost:5000/app", "1", ""));
        assertThat(ImageReference.parse("localhost:5000/app"))
                .isEqualTo(new ImageReference("localhost:5000/app", "", ""));
        assertThat(ImageReference.parse("nginx:1.25@sha256:abc"))
                .isEqualTo(new ImageReference("nginx", "1.25", "sha256:abc"));
        assertThat(ImageReference.parse("nginx@sha256:abc")).isEqualTo(new ImageReference("nginx", "", "sha256:abc"));
        assertThat(ImageReference.parse("nginx:1.25@sha256:abc").toString()).isEqualTo("nginx:1.25@sha256:abc");
    }

    @Test
    void matchesTheWholeNameWithAnyTagOrDigestAndTakesDotsLiterally() {
        assertThat(ImageReference.matches("nginx:1.25@sha256:abc", "nginx")).isTrue();
        assertThat(ImageReference.matches("nginxy:1", "nginx")).isFalse();
        assertThat(ImageReference.matches("docker.io/nginx", "nginx")).isFalse();
        assertThat(ImageReference.matches("registryXio/app", "registry.io/app")).isFalse();
        assertThat(ImageReference.matches("nginx:1.19", "nginx:1.19")).isTrue();
        assertThat(ImageReference.matches("nginx:1.20", "nginx:1.19")).isFalse();
    }

    @Test
    void aNewTagDropsTheOldDigestAndANewDigestDropsTheOldTag() {
        Images.ImageOverride tag = new Images.ImageOverride("nginx", "", "2", "");
        Images.ImageOverride digest = new Images.ImageOverride("nginx", "", "", "sha256:new");
        Images.ImageOverride both = new Images.ImageOverride("nginx", "mirror/nginx", "2", "sha256:new");

        assertThat(tag.apply("nginx:1@sha256:old")).isEqualTo("nginx:2");
        assertThat(digest.apply("nginx:1@sha256:old")).isEqualTo("nginx@sha256:new");
        assertThat(both.apply("nginx:1")).isEqualTo("mirror/nginx:2@sha256:new");
        assertThat(both.apply("redis:1")).isEqualTo("redis:1");
    }
}
