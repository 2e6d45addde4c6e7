#!/usr/bin/env python3
"""Per-rule finding counts on the shared real-world corpora, as Markdown tables for the README.

Usage: scripts/corpus-table.py BUILD/cli/kubelint [CORPUS_DIR ...]
(default corpora: ../shared/corpus/realworld and ../shared/corpus/kustomize next to the
repository). Each corpus is linted as one directory walk (`kubelint lint --all-rules --format
json DIR`): duplicate-object and the relation rules compare definitions of the same file or
directory, so unrelated samples side by side do not meet. Prints one table of the rules on by
default and one of the rules off by default, with the count per corpus; rules without a finding
are left out.
"""
import collections
import json
import os
import subprocess
import sys


def lint(binary, corpus):
    out = subprocess.run([binary, "lint", "--no-config", "--all-rules", "--format", "json",
                          os.path.basename(corpus)], cwd=os.path.dirname(corpus),
                         capture_output=True, text=True, check=False).stdout
    return json.loads(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus")
    corpora = [os.path.abspath(c) for c in sys.argv[2:]] or [
        os.path.abspath(os.path.join(root, c)) for c in ("realworld", "kustomize")]
    listing = subprocess.run([binary, "rules"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[1:]
    meta = {}
    for line in listing:
        fields = line.split()
        if len(fields) >= 4:
            meta[fields[0]] = {"severity": fields[1], "enabled_by_default": fields[3] == "on"}
    counts = {}
    for corpus in corpora:
        report = lint(binary, corpus)
        counts[corpus] = collections.Counter(f["rule"] for f in report["findings"])
    names = [os.path.basename(c) for c in corpora]
    for title, on in (("Default rules:", True), ("Off by default:", False)):
        rows = []
        for rule_id, r in meta.items():
            if r["enabled_by_default"] != on:
                continue
            per = [counts[c][rule_id] for c in corpora]
            if sum(per) == 0:
                continue
            rows.append((-sum(per), rule_id, r["severity"], per))
        rows.sort()
        print(title + "\n")
        print("| Rule | Severity | " + " | ".join(names) + " |")
        print("|---|---|" + "---:|" * len(names))
        for _, rule_id, severity, per in rows:
            print(f"| `{rule_id}` | {severity} | " + " | ".join(str(n) for n in per) + " |")
        print()


if __name__ == "__main__":
    main()
