# Keeps, per definition, only what a strategic merge needs: fields that lead (through $ref) to a list merged by
# key or by value. Everything else merges the same way without a schema (maps merge, other lists are replaced).

def name: sub("^#/definitions/"; "");
def merges: (.["x-kubernetes-patch-strategy"] // "") | split(",") | index("merge") != null;

def field:
  if .type == "array" then
    if merges then
      {list: true, strategy: .["x-kubernetes-patch-strategy"]}
      + (if .["x-kubernetes-patch-merge-key"] then {key: .["x-kubernetes-patch-merge-key"]} else {} end)
      + (if .items["$ref"] then {ref: (.items["$ref"] | name)} else {} end)
    else empty end
  elif .["$ref"] then {ref: (.["$ref"] | name)}
  elif .additionalProperties["$ref"] then {map: true, ref: (.additionalProperties["$ref"] | name)}
  else empty end;

def prune:
  . as $types
  | map_values(with_entries(select(.value.list or ($types[.value.ref] // {} | length > 0))));

(.definitions | map_values((.properties // {}) | with_entries(.value = (.value | field)))) as $raw
| ($raw | until(. == prune; prune) | with_entries(select(.value | length > 0))) as $types
| {
    types: $types,
    kinds: (.definitions | to_entries
      | map(select($types[.key]) as $entry | .value["x-kubernetes-group-version-kind"] // [] | .[]
            | {key: ((if .group == "" then .version else .group + "/" + .version end) + " " + .kind),
               value: $entry.key})
      | from_entries)
  }
