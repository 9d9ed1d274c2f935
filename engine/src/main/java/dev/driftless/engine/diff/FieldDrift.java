package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field that differs between Git and the cluster. Secret values are already redacted here.
 *
 * @param path    the field path, e.g. {@code spec.template.spec.containers[name=web].image}
 * @param live    the value in the cluster, or {@code null} when the field is absent there
 * @param desired the value in Git, or {@code null} when Git removed a field Driftless applied before
 * @param manager the field manager that last wrote the live value, e.g. {@code kubectl-edit (Update)}, where the
 *                cluster records one and it is not Driftless itself, else {@code null}
 */
public record FieldDrift(String path, JsonNode live, JsonNode desired, String manager) {
}
