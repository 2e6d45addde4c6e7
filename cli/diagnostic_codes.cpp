// The input diagnostic codes, for `kubelint explain CODE` (docs/diagnostics.md has the same text;
// tests/cli_test.cpp keeps the two and the codes the library emits in step).
#include "cli.hpp"

namespace kubelint::cli {

const std::vector<DiagnosticCode>& diagnostic_codes() {
  static const std::vector<DiagnosticCode> kCodes = {
      {"encoding", "error", "the file is not UTF-8",
       "A UTF-16 or UTF-32 file (a byte-order mark says so) is an error: \"UTF-16 is not "
       "supported: convert to UTF-8\" (`iconv -f UTF-16 -t UTF-8`). Invalid UTF-8 bytes in a UTF-8 "
       "file are a `warning` at the first bad byte; the file is still linted.\n"},
      {"findings-limit", "warning", "one rule reported too many findings in one file",
       "A rule keeps at most 1,000 findings per file (README \"Limits\"); the rest are counted in "
       "this warning (\"and N more like this\") instead of listed, so an amplified input (one "
       "anchor referenced by thousands of containers) cannot flood the report. A finding on a node "
       "shared through YAML aliases is reported once, at the node, with the alias sites as "
       "notes.\n"},
      {"input-limit", "error", "an input is over one of kubelint's limits",
       "Too many bytes in one input (`--max-input-bytes`, default 256 MiB), nesting too deep, too "
       "much merge-key (`<<`) expansion, a directory walk deeper than 100 levels or more than "
       "1,000,000 files in one run. Reported where the limit was hit; the rest of the run "
       "continues and exits 3. README \"Limits\" lists every limit.\n"},
      {"invalid-crd-schema", "warning", "a CustomResourceDefinition's schema cannot be used",
       "The `openAPIV3Schema` of a CustomResourceDefinition among the inputs (or given with "
       "`--crd`) is malformed, too large or too deep, so its custom resources are not validated by "
       "the schema rules. Fix the schema, or leave it: nothing else changes. See "
       "docs/schema.md.\n"},
      {"not-a-file", "warning", "a path found in a directory walk is not a regular file",
       "A FIFO, socket or device named `*.yaml` inside a linted directory is skipped (reading it "
       "could block forever); so is a symbolic link loop. Named explicitly, a special file is "
       "read up to "
       "`--max-input-bytes`.\n"},
      {"helm-chart-skipped", "info", "a Helm chart was skipped",
       "A directory with a `Chart.yaml` (or a file inside one) was not linted: chart templates are "
       "not manifests until rendered. Lint the rendered output instead:\n\n"
       "    helm template my-chart/ | kubelint lint - --stdin-filename my-chart.yaml\n\n"
       "When every file found is in a chart, nothing is linted and the run exits 3 (`no-input`) "
       "unless `--skip-non-kubernetes` says that is expected.\n"},
      {"internal-error", "error", "kubelint failed on this input (a bug)",
       "A rule or the engine threw while checking this file or object. The rest of the input is "
       "still linted and the run exits 3. Please report it with the manifest that triggers it.\n"},
      {"invalid-baseline", "error", "the baseline file is malformed",
       "The file given to `--baseline` is not a baseline kubelint wrote (not JSON, wrong version, "
       "an entry without a fingerprint). Exit code 2. Write a new one with "
       "`kubelint lint --write-baseline FILE`.\n"},
      {"invalid-config", "error", "the configuration is invalid",
       "A mistake in `.kubelint.yaml` or on the command line: an unknown setting, rule or "
       "category, "
       "a wrong type, a Kubernetes version outside the supported range. Reported at its "
       "`line:column`; exit code 2 and nothing is linted. `kubelint config print` shows what is in "
       "effect.\n"},
      {"invalid-option", "error", "a rule option is invalid",
       "A rule's `options:` holds an unknown key, a value of the wrong type or a pattern that does "
       "not compile. Reported at its `line:column`; exit code 2. `kubelint explain RULE` lists the "
       "rule's options.\n"},
      {"invalid-suppression", "warning", "a suppression is malformed or not allowed",
       "A `# kubelint:` comment or `kubelint.io/ignore` annotation names an unknown rule, is "
       "malformed, or is forbidden by the configuration's `suppressions` policy. It suppresses "
       "nothing; the finding it meant to hide is still reported. See docs/suppressions.md.\n"},
      {"io-error", "error", "a path does not exist or cannot be read",
       "A file or directory named on the command line (or found in a directory) does not exist or "
       "cannot be read; the message gives the operating system's reason. Every other file is "
       "still linted and the run exits 3.\n"},
      {"kustomize-error", "error", "a kustomization kustomize build would reject",
       "A kustomization root cannot be built as written: a resource or patch file that does not "
       "exist or is a symbolic link loop, a file outside the kustomization's directory "
       "(kustomize's default load restriction; --load-restrictor none or "
       "kustomize-load-restrictor: none lifts it), a cycle between kustomizations, a patch whose "
       "target does not exist, an "
       "invalid JSON 6902 operation or path, or an unknown field or a field of the wrong type "
       "(with a did-you-mean). The diagnostic points at the entry; everything else of the build "
       "is still linted and the run exits 3. See docs/kustomize.md.\n"},
      {"kustomize-patch-unused", "warning", "a kustomize patch selects nothing",
       "A patch `target` selector or a `replicas` entry matches no resource of the build: it has "
       "no effect. Fix the selector or remove the entry.\n"},
      {"kustomize-unsupported", "warning", "part of a kustomization cannot be built offline",
       "Remote resources (URLs, `github.com/...?ref=`), `helmCharts`, and plugins or KRM "
       "functions in `generators:`/`transformers:` are not built: what they would add is left "
       "out and the rest of the build is linted. Lint the output of `kustomize build` instead "
       "when they matter, or `--no-kustomize` to lint the files on their own.\n"},
      {"no-input", "error", "nothing to lint",
       "A directory holds no `.yaml`, `.yml` or `.json` file, or only Helm charts (which are "
       "skipped). The run exits 3 so that a wrong path does not pass silently. Pass the right "
       "path, render the charts (`helm template … | kubelint lint -`), or use "
       "`--skip-non-kubernetes` when a folder of charts is expected.\n"},
      {"not-kubernetes", "error", "a YAML document is not a Kubernetes object",
       "A document is not a mapping with `apiVersion` and `kind` (a CI workflow, a Compose file, "
       "Helm values). The run exits 3. In a directory walk, a file in which no document has an "
       "`apiVersion` or `kind` is skipped and counted in the summary instead. With "
       "`--skip-non-kubernetes` (the pre-commit hook's "
       "default) a file in which no document names an `apiVersion` or `kind` is skipped with an "
       "`info` note instead; leave such files out with `ignore:` in `.kubelint.yaml`.\n"},
      {"parse-error", "error", "invalid YAML (or binary data)",
       "The file is not valid YAML or JSON at this `line:column`: a syntax error, a tab in "
       "indentation, an unclosed quote or bracket, or binary data. Parsing resumes at the next "
       "`---` document, so the other documents and files are still linted; the run exits 3. Fix "
       "the syntax at the position shown (`yamllint` or your editor shows the same place).\n"},
      {"template-file", "error", "a Helm or Go template, not YAML",
       "Template syntax (`{{ … }}`) where YAML structure is expected: the file is a template, not "
       "a manifest. Render it first (`helm template … | kubelint lint -`). A file that parses as "
       "YAML and whose `{{` all lie inside scalar values is YAML and is linted. With "
       "`--skip-non-kubernetes` the file is skipped with an "
       "`info` note.\n"},
  };
  return kCodes;
}

}  // namespace kubelint::cli
