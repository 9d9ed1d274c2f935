package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One object flowing through a build. Immutable: a transformer that changes an object returns a new resource
 * ({@link #withObject} or, when it changes name or namespace, {@link #renamed}).
 *
 * @param object      the object; treat as read-only, change a {@code deepCopy()} and pass it to {@link #withObject}
 * @param origin      the file it came from (relative to the load root) or the generator that made it, for errors
 * @param previousIds the ids it had before prefixes, suffixes, namespaces or hashes renamed it, oldest first:
 *                    name references written against an old name are rewritten to the current one
 * @param generated   set when a generator made it (configMapGenerator, secretGenerator), else {@code null}
 */
public record Resource(ObjectNode object, String origin, List<ResId> previousIds, Generated generated) {

    /**
     * Generator bookkeeping.
     *
     * @param behavior  create, merge or replace
     * @param hashSuffix whether the content-hash suffix is still to be appended to the name
     */
    public record Generated(String behavior, boolean hashSuffix) {
    }

    public Resource {
        Objects.requireNonNull(object, "object");
        origin = origin == null ? "" : origin;
        previousIds = List.copyOf(previousIds);
    }

    public static Resource of(ObjectNode object, String origin) {
        return new Resource(object, origin, List.of(), null);
    }

    public ResId id() {
        return ResId.of(object);
    }

    /** The same resource with new content whose identity is unchanged. */
    public Resource withObject(ObjectNode newObject) {
        return new Resource(newObject, origin, previousIds, generated);
    }

    /** The same resource under a new name or namespace; the current id is remembered for name references. */
    public Resource renamed(ObjectNode newObject) {
        List<ResId> history = new ArrayList<>(previousIds);
        ResId current = id();
        if (!ResId.of(newObject).equals(current)) {
            history.add(current);
        }
        return new Resource(newObject, origin, history, generated);
    }

    public Resource withGenerated(Generated newGenerated) {
        return new Resource(object, origin, previousIds, newGenerated);
    }

    /** Every id this resource has had, the original first and the current one last. */
    public List<ResId> allIds() {
        List<ResId> ids = new ArrayList<>(previousIds);
        ids.add(id());
        return ids;
    }
}
