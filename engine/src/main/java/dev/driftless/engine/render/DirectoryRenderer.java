package dev.driftless.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.sops.SopsDecoder;
import dev.driftless.engine.render.sops.SopsException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Renders plain manifests: every {@code .yaml}, {@code .yml} and {@code .json} file under the application's path,
 * in order of their path relative to it and then of the documents in each file. Include and exclude globs use
 * {@link java.nio.file.FileSystem#getPathMatcher glob syntax} on that relative path; a leading {@code **}{@code /}
 * also matches files at the top level.
 *
 * <p>SOPS-encrypted manifests are decrypted with the request's keys, and so are Secret {@code data} values that are
 * whole SOPS documents; an encrypted file that the keys do not open fails the render, and so does an object still
 * holding an {@code ENC[...]} value.
 */
public final class DirectoryRenderer {

    private static final List<String> MANIFEST_EXTENSIONS = List.of(".yaml", ".yml", ".json");

    public List<Manifest> render(RenderRequest request, RenderOptions.Directory options) throws RenderException {
        return renderTracingReads(request, options).manifests();
    }

    /** The manifests, with the application's path as footprint and whether anything was decrypted. */
    public Rendering renderTracingReads(RenderRequest request, RenderOptions.Directory options) throws RenderException {
        SopsDecoder sops = new SopsDecoder(request.sopsKeys());
        Globs include = Globs.compile("include", options.include());
        Globs exclude = Globs.compile("exclude", options.exclude());
        Path root = RepoPaths.realRoot(request.repoRoot());
        Path directory = RepoPaths.applicationDirectory(root, request.path());
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : RepoTree.files(root, directory, options.recursive())) {
            String name = RepoPaths.unix(directory.relativize(file));
            boolean selected = isManifestFile(name)
                    && (include.isEmpty() || include.matches(name))
                    && !exclude.matches(name);
            if (selected) {
                String origin = RepoPaths.describe(root, file);
                String text = read(file, origin, sops);
                List<Manifest> parsed = name.endsWith(".json")
                        ? ManifestParser.parseJson(text, origin)
                        : ManifestParser.parseYaml(text, origin);
                for (Manifest manifest : parsed) {
                    manifests.add(manifest.withBody(decryptedObject(sops, manifest)));
                }
            }
        }
        return new Rendering(RenderedManifests.requireUniqueKeys(manifests), Footprint.under(request.path()),
                sops.decryptedAny());
    }

    private static ObjectNode decryptedObject(SopsDecoder sops, Manifest manifest) throws RenderException {
        try {
            return sops.decryptedObject(manifest.body(), manifest.origin());
        } catch (SopsException e) {
            throw new RenderException(e.getMessage(), e);
        }
    }

    private static boolean isManifestFile(String name) {
        return MANIFEST_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static String read(Path file, String origin, SopsDecoder sops) throws RenderException {
        try {
            byte[] content = sops.decrypt(file.getFileName().toString(), origin, Files.readAllBytes(file));
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (SopsException e) {
            throw new RenderException(e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new RenderException(origin + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Compiled glob patterns; a path matches when any pattern does. */
    private record Globs(List<PathMatcher> matchers) {

        static Globs compile(String what, List<String> patterns) throws RenderException {
            List<PathMatcher> matchers = new ArrayList<>();
            for (String pattern : patterns) {
                try {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                    if (pattern.startsWith("**/")) {
                        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                    }
                } catch (PatternSyntaxException e) {
                    throw new RenderException(what + " glob '" + pattern + "' is invalid: " + e.getDescription());
                }
            }
            return new Globs(List.copyOf(matchers));
        }

        boolean isEmpty() {
            return matchers.isEmpty();
        }

        boolean matches(String relativePath) {
            Path path = Path.of(relativePath);
            return matchers.stream().anyMatch(matcher -> matcher.matches(path));
        }
    }
}
