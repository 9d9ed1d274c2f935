package dev.driftless.engine.render;

/**
 * A render failed. The message names the file (relative to the repository), the document or line where known,
 * the field, and the reason. A failed render must never lead to pruning.
 */
public class RenderException extends Exception {

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
