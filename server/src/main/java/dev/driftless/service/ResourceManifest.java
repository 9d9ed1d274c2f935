package dev.driftless.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.ResourceKey;

import java.util.Optional;

/**
 * An object of an application as the cluster has it and as Git wants it, safe to show: Secret values are redacted
 * and {@code metadata.managedFields} is left out.
 *
 * @param live    empty when the object does not exist in the cluster
 * @param desired empty for an object Git does not define (an extraneous one, or one another object owns)
 */
public record ResourceManifest(ResourceKey key, Optional<ObjectNode> live, Optional<ObjectNode> desired) {
}
