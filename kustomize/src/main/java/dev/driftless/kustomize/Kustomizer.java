package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Builds a kustomization the way {@code kustomize build} does, in process.
 *
 * <pre>{@code
 * List<ObjectNode> objects = new Kustomizer(Kustomizer.Options.restrictedTo(repoRoot)).build(repoRoot.resolve("overlays/prod"));
 * }</pre>
 */
public final class Kustomizer {

    /**
     * @param loadRoot    nothing outside this directory is read (kustomize's load restrictor); a remote base is
     *                    restricted to its own fetched tree instead
     * @param helm        renders {@code helmCharts}; {@link HelmInflator#NONE} refuses them
     * @param remoteBases fetches remote bases and components; {@link RemoteBases#REFUSED} refuses them
     * @param decoder     turns each file's stored bytes into those the build reads; {@link ContentDecoder#NONE}
     *                    reads files as stored
     */
    public record Options(Path loadRoot, HelmInflator helm, RemoteBases remoteBases, ContentDecoder decoder) {
        public Options {
            Objects.requireNonNull(loadRoot, "loadRoot");
            helm = helm == null ? HelmInflator.NONE : helm;
            remoteBases = remoteBases == null ? RemoteBases.REFUSED : remoteBases;
            decoder = decoder == null ? ContentDecoder.NONE : decoder;
        }

        public Options(Path loadRoot, HelmInflator helm, RemoteBases remoteBases) {
            this(loadRoot, helm, remoteBases, ContentDecoder.NONE);
        }

        public static Options restrictedTo(Path loadRoot) {
            return new Options(loadRoot, HelmInflator.NONE, RemoteBases.REFUSED, ContentDecoder.NONE);
        }

        public Options withHelm(HelmInflator inflator) {
            return new Options(loadRoot, inflator, remoteBases, decoder);
        }

        public Options withRemoteBases(RemoteBases resolver) {
            return new Options(loadRoot, helm, resolver, decoder);
        }

        public Options withDecoder(ContentDecoder contentDecoder) {
            return new Options(loadRoot, helm, remoteBases, contentDecoder);
        }
    }

    private final Options options;

    public Kustomizer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Whether a directory holds a kustomization file. */
    public static boolean isKustomization(Path directory) {
        return Files.isDirectory(directory) && Kustomization.findIn(directory).isPresent();
    }

    /**
     * Builds the kustomization in a directory.
     *
     * @return the objects in kustomize's default output order
     * @throws KustomizeException naming the kustomization file and field of anything wrong
     */
    public List<ObjectNode> build(Path directory) {
        return buildResources(directory).stream().map(Resource::object).toList();
    }

    /** Like {@link #build} but keeps each object's origin, for error messages of the caller. */
    public List<Resource> buildResources(Path directory) {
        return buildTracingReads(directory).resources();
    }

    /**
     * The objects of a build and what it read of the load root.
     *
     * @param resources the objects with their origins, in kustomize's default output order
     * @param read      the files and directories the build read, resolved or probed, relative to the load root
     */
    public record Built(List<Resource> resources, ReadPaths read) {
        public Built {
            resources = List.copyOf(resources);
        }
    }

    /** Like {@link #buildResources}, also telling which files of the load root the build depends on. */
    public Built buildTracingReads(Path directory) {
        FileLoader loader = new FileLoader(options.loadRoot(), "", options.decoder());
        Build build = new Build(loader, options);
        List<Resource> resources = build.kustomization(directory);
        resources = GeneratedNames.applyHashSuffixes(resources);
        resources = NameReferences.fix(resources, build);
        return new Built(OutputOrder.legacy(resources), loader.read());
    }
}
