#!/usr/bin/env bash
# Regenerates src/main/resources/dev/driftless/kustomize/schema/patch-schema.json from the Kubernetes 1.13
# OpenAPI (swagger) document shipped in the npm package kubernetes-client@9.0.0. Needs npm and jq.
# See README.md next to this script for what is kept and why.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/main/resources/dev/driftless/kustomize/schema/patch-schema.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent kubernetes-client@9.0.0 >/dev/null && tar xzf kubernetes-client-9.0.0.tgz)
gunzip -c "$work/package/lib/specs/swagger-1.13.json.gz" > "$work/swagger.json"

jq -S --indent 1 -f "$here/patch-schema.jq" "$work/swagger.json" > "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
