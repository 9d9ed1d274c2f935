package dev.driftless.engine.render;

import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * How much one render may produce. A repository can render far more than any application needs (a Helm loop, a
 * generated file); past these limits the render fails rather than filling the service's memory, caches and clusters.
 *
 * @param maxObjects the most objects one render may produce
 * @param maxBytes   the most bytes its objects may take as JSON, as they are sent to the cluster
 */
public record RenderLimits(int maxObjects, long maxBytes) {

    /** 10,000 objects and 64 MiB: far above any application's needs, far below what harms the service. */
    public static final RenderLimits DEFAULTS = new RenderLimits(10_000, 64L * 1024 * 1024);

    public RenderLimits {
        if (maxObjects < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("render limits must be positive, got " + maxObjects + " objects and "
                    + maxBytes + " bytes");
        }
    }

    /** Fails when the rendered objects exceed a limit, naming the application's path and the limit. */
    void check(RenderRequest request, List<Manifest> manifests) throws RenderException {
        String application = "application path '" + request.path() + "'";
        if (manifests.size() > maxObjects) {
            throw new RenderException(application + " rendered " + manifests.size()
                    + " objects, more than the limit of " + maxObjects + " per render");
        }
        ByteCount bytes = new ByteCount(maxBytes);
        try {
            for (Manifest manifest : manifests) {
                Documents.JSON.writeValue(bytes, manifest.body());
            }
        } catch (IOException e) {
            throw new RenderException(application + " rendered more than the limit of " + maxBytes
                    + " bytes per render");
        }
    }

    /** Counts what is written to it and stops the writer as soon as the limit is passed. */
    private static final class ByteCount extends OutputStream {
        private final long limit;
        private long count;

        ByteCount(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long bytes) throws IOException {
            count += bytes;
            if (count > limit) {
                throw new IOException("more than " + limit + " bytes");
            }
        }
    }
}
