#!/usr/bin/env python3
"""Generate lib/src/schema/generated/k8s_schema.cpp from the Kubernetes OpenAPI v2 documents.

Usage: scripts/gen_schema.py [OPENAPI_DIR] [OUTPUT]
  OPENAPI_DIR  folder with swagger-1.NN.json.gz (default: ../shared/k8s-openapi next to the repo)
  OUTPUT       default: lib/src/schema/generated/k8s_schema.cpp

Python 3 standard library only. The output is deterministic (same input, same bytes). The data
layout is described in docs/schema.md and lib/src/schema/table.hpp.
"""
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Shape kinds: keep in sync with schema::ShapeKind in lib/src/schema/table.hpp.
K_OBJECT, K_ARRAY, K_MAP, K_STRING, K_INTEGER, K_NUMBER, K_BOOLEAN, K_INT_OR_STRING, \
    K_QUANTITY, K_FREE = range(10)

QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"


def load_versions(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        m = re.fullmatch(r"swagger-1\.(\d+)\.json\.gz", name)
        if m:
            with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as f:
                out.append((int(m.group(1)), json.load(f)))
    out.sort(key=lambda x: x[0])
    return out


class Gen:
    def __init__(self, first_minor):
        self.first_minor = first_minor
        self.strings = {"": 0}
        self.string_list = [""]
        self.shapes = {}  # (kind, arg) -> index
        self.shape_list = []
        self.types = {}  # definition name -> index
        self.type_names = []
        # type index -> {field key tuple -> [version mask, required mask]}
        self.type_fields = []
        self.served = {}  # (apiVersion, kind) -> [mask, namespaced mask, shape]

    def s(self, text):
        if text not in self.strings:
            self.strings[text] = len(self.string_list)
            self.string_list.append(text)
        return self.strings[text]

    def shape(self, kind, arg=0):
        key = (kind, arg)
        if key not in self.shapes:
            self.shapes[key] = len(self.shape_list)
            self.shape_list.append(key)
        return self.shapes[key]

    def type_index(self, name):
        if name not in self.types:
            self.types[name] = len(self.type_names)
            self.type_names.append(name)
            self.type_fields.append({})
        return self.types[name]

    def shape_of(self, schema, defs):
        """Shape index of an OpenAPI schema (a property or an item)."""
        ref = schema.get("$ref")
        if ref:
            name = ref.split("/")[-1]
            return self.shape_of_def(name, defs)
        t = schema.get("type")
        fmt = schema.get("format", "")
        if t == "array":
            return self.shape(K_ARRAY, self.shape_of(schema.get("items", {}), defs))
        if t == "object" or (t is None and "additionalProperties" in schema):
            ap = schema.get("additionalProperties")
            if isinstance(ap, dict) and ap:
                return self.shape(K_MAP, self.shape_of(ap, defs))
            return self.shape(K_FREE)
        if t == "string":
            return self.shape(K_INT_OR_STRING if fmt == "int-or-string" else K_STRING)
        if t == "integer":
            return self.shape(K_INTEGER)
        if t == "number":
            return self.shape(K_NUMBER)
        if t == "boolean":
            return self.shape(K_BOOLEAN)
        return self.shape(K_FREE)

    def shape_of_def(self, name, defs):
        if name == QUANTITY:
            return self.shape(K_QUANTITY)
        d = defs.get(name, {})
        if d.get("properties"):
            return self.shape(K_OBJECT, self.type_index(name))
        return self.shape_of({k: v for k, v in d.items() if k != "$ref"}, defs)

    def add_version(self, minor, doc):
        bit = 1 << (minor - self.first_minor)
        defs = doc["definitions"]
        # Every definition reachable or not: fields of each object definition.
        for name in sorted(defs):
            d = defs[name]
            props = d.get("properties")
            if not props:
                continue
            ti = self.type_index(name)
            required = set(d.get("required", []))
            fields = self.type_fields[ti]
            for pname in sorted(props):
                p = props[pname]
                key = (
                    pname,
                    self.shape_of(p, defs),
                    p.get("x-kubernetes-patch-merge-key", ""),
                    p.get("x-kubernetes-patch-strategy", ""),
                    ",".join(p.get("x-kubernetes-list-map-keys", [])),
                    p.get("x-kubernetes-list-type", ""),
                )
                rec = fields.setdefault(key, [0, 0])
                rec[0] |= bit
                if pname in required:
                    rec[1] |= bit
        # Served kinds: the group/version/kind of every API operation.
        gvk_def = {}
        for name, d in defs.items():
            for g in d.get("x-kubernetes-group-version-kind", []):
                gvk_def.setdefault((g["group"], g["version"], g["kind"]), name)
        paths = {}
        for p, ops in doc["paths"].items():
            for method, op in ops.items():
                if not isinstance(op, dict):
                    continue
                g = op.get("x-kubernetes-group-version-kind")
                if g:
                    paths.setdefault((g["group"], g["version"], g["kind"]), []).append(p)
        for gvk, ps in paths.items():
            group, version, kind = gvk
            api_version = version if group == "" else group + "/" + version
            dname = gvk_def.get(gvk)
            shape = self.shape_of_def(dname, defs) if dname else self.shape(K_FREE)
            rec = self.served.setdefault((api_version, kind), [0, 0, shape])
            rec[0] |= bit
            if any("{namespace}" in p for p in ps):
                rec[1] |= bit
            if rec[2] != shape:
                raise SystemExit(f"{api_version} {kind}: schema changes across versions")


def c_string(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % ord(ch))
    return "".join(out)


def emit(gen, minors, out_path):
    # Fields: per type, sorted by name then by mask so lookups binary-search a contiguous range.
    field_rows = []
    type_rows = []
    for ti, name in enumerate(gen.type_names):
        fields = gen.type_fields[ti]
        first = len(field_rows)
        for key in sorted(fields, key=lambda k: (k[0], fields[k][0])):
            pname, shape, merge_key, strategy, list_keys, list_type = key
            mask, req = fields[key]
            field_rows.append((gen.s(pname), shape, mask, req, gen.s(merge_key),
                               gen.s(strategy), gen.s(list_keys), gen.s(list_type)))
        type_rows.append((gen.s(name), first, len(field_rows) - first))
    served_rows = []
    for (api_version, kind) in sorted(gen.served):
        mask, ns, shape = gen.served[(api_version, kind)]
        served_rows.append((gen.s(api_version), gen.s(kind), shape, mask, ns))

    pool = []
    offsets = []
    pos = 0
    for text in gen.string_list:
        data = text.encode("utf-8")
        offsets.append((pos, len(data)))
        pool.append(text)
        pos += len(data)

    lines = []
    w = lines.append
    w("// GENERATED by scripts/gen_schema.py from the Kubernetes OpenAPI v2 documents of 1.%d to "
      "1.%d." % (minors[0], minors[-1]))
    w("// Do not edit. Layout: lib/src/schema/table.hpp and docs/schema.md.")
    w("// clang-format off")
    w('#include "schema/table.hpp"')
    w("")
    w("namespace kubelint::schema::table {")
    w("")
    w("const int kFirstMinor = %d;" % minors[0])
    w("const int kLastMinor = %d;" % minors[-1])
    w("")
    # The pool in chunks of ~100 characters (one literal, concatenated).
    w("const char kPool[] =")
    joined = "".join(pool)
    for i in range(0, len(joined), 100):
        w('    "%s"' % c_string(joined[i:i + 100]))
    w("    ;")
    w("")
    w("const Str kStrings[] = {")
    row = []
    for off, ln in offsets:
        row.append("{%d,%d}" % (off, ln))
        if len(row) == 12:
            w("    " + ",".join(row) + ",")
            row = []
    if row:
        w("    " + ",".join(row) + ",")
    w("};")
    w("const std::size_t kStringCount = %d;" % len(offsets))
    w("")
    w("const Shape kShapes[] = {")
    row = []
    for kind, arg in gen.shape_list:
        row.append("{%d,%d}" % (kind, arg))
        if len(row) == 12:
            w("    " + ",".join(row) + ",")
            row = []
    if row:
        w("    " + ",".join(row) + ",")
    w("};")
    w("const std::size_t kShapeCount = %d;" % len(gen.shape_list))
    w("")
    w("const Type kTypes[] = {")
    for name, first, count in type_rows:
        w("    {%d,%d,%d}," % (name, first, count))
    w("};")
    w("const std::size_t kTypeCount = %d;" % len(type_rows))
    w("")
    w("// name, shape, versions, required, merge key, strategy, list-map keys, list type")
    w("const Field kFields[] = {")
    for r in field_rows:
        w("    {%d,%d,%d,%d,%d,%d,%d,%d}," % r)
    w("};")
    w("const std::size_t kFieldCount = %d;" % len(field_rows))
    w("")
    w("// apiVersion, kind, shape, versions served, versions namespaced")
    w("const Served kServed[] = {")
    for r in served_rows:
        w("    {%d,%d,%d,%d,%d}," % r)
    w("};")
    w("const std::size_t kServedCount = %d;" % len(served_rows))
    w("")
    w("}  // namespace kubelint::schema::table")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("%s: %d strings (%d bytes), %d shapes, %d types, %d fields, %d served kinds"
          % (out_path, len(offsets), pos, len(gen.shape_list), len(type_rows), len(field_rows),
             len(served_rows)))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "..", "shared",
                                                                 "k8s-openapi")
    if not os.path.isdir(folder):
        folder = "/work/shared/k8s-openapi"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        REPO, "lib", "src", "schema", "generated", "k8s_schema.cpp")
    versions = load_versions(folder)
    if not versions:
        raise SystemExit("no swagger-1.NN.json.gz in " + folder)
    minors = [m for m, _ in versions]
    if minors != list(range(minors[0], minors[-1] + 1)) or len(minors) > 16:
        raise SystemExit("expected consecutive minor versions (at most 16): %s" % minors)
    gen = Gen(minors[0])
    for minor, doc in versions:
        gen.add_version(minor, doc)
    emit(gen, minors, out)


if __name__ == "__main__":
    main()
