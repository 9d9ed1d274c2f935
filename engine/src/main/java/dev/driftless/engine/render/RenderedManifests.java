package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks every renderer applies to its result before handing it out. */
final class RenderedManifests {

    private RenderedManifests() {
    }

    /** The manifests as an immutable list, or an error naming both origins of the first object rendered twice. */
    static List<Manifest> requireUniqueKeys(List<Manifest> manifests) throws RenderException {
        Map<ResourceKey, String> originByKey = new HashMap<>();
        for (Manifest manifest : manifests) {
            String earlier = originByKey.putIfAbsent(manifest.key(), manifest.origin());
            if (earlier != null) {
                throw new RenderException("object " + manifest.key() + " is rendered twice: in " + earlier
                        + " and in " + manifest.origin());
            }
        }
        return List.copyOf(manifests);
    }
}
