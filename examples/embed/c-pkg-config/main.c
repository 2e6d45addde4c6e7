/* Lints the files and directories given on the command line with the kubelint C API and prints
 * the findings. Exit code: 0 clean, 1 error findings, 2 bad options, 3 some input unreadable.
 *
 *   cc -o lint-manifests main.c $(pkg-config --cflags --libs kubelint)
 */
#include <kubelint/kubelint.h>
#include <stdio.h>

static int fail(const char* what) {
  fprintf(stderr, "%s: %s\n", what, kubelint_last_error());
  return 2;
}

int main(int argc, char** argv) {
  kubelint_options* options = NULL;
  kubelint_linter* linter = NULL;
  kubelint_report* report = NULL;
  size_t i;
  size_t j;
  int status;

  if (kubelint_options_create(&options) != KUBELINT_OK) return fail("options");
  kubelint_options_disable(options, "missing-readiness-probe");
  kubelint_options_set_severity(options, "latest-image-tag", KUBELINT_SEVERITY_ERROR);
  if (kubelint_linter_create(options, &linter) != KUBELINT_OK) {
    kubelint_options_destroy(options);
    return fail("bad option");
  }
  kubelint_options_destroy(options); /* the linter keeps its own copy */

  if (kubelint_linter_lint_paths(linter, (const char* const*)(argv + 1), (size_t)(argc - 1),
                                 &report) != KUBELINT_OK) {
    kubelint_linter_destroy(linter);
    return fail("lint");
  }

  for (i = 0; i < kubelint_report_finding_count(report); ++i) {
    const kubelint_finding* f = kubelint_report_finding(report, i);
    kubelint_position begin = kubelint_finding_begin(f);
    printf("%s:%u:%u: %s: %s [%s]\n", kubelint_finding_file(f), (unsigned)begin.line,
           (unsigned)begin.column, kubelint_severity_string(kubelint_finding_severity(f)),
           kubelint_finding_message(f), kubelint_finding_rule_id(f));
    printf("    in %s %s/%s at %s\n", kubelint_finding_kind(f), kubelint_finding_namespace(f),
           kubelint_finding_name(f), kubelint_finding_yaml_path(f));
    for (j = 0; j < kubelint_finding_note_count(f); ++j) {
      const kubelint_note* n = kubelint_finding_note(f, j);
      kubelint_position at = kubelint_note_begin(n);
      printf("%s:%u:%u: note: %s\n", kubelint_note_file(n), (unsigned)at.line, (unsigned)at.column,
             kubelint_note_message(n));
    }
  }
  for (i = 0; i < kubelint_report_diagnostic_count(report); ++i) {
    const kubelint_diagnostic* d = kubelint_report_diagnostic(report, i);
    kubelint_position at = kubelint_diagnostic_begin(d);
    printf("%s:%u:%u: %s: %s [%s]\n", kubelint_diagnostic_file(d), (unsigned)at.line,
           (unsigned)at.column, kubelint_severity_string(kubelint_diagnostic_severity(d)),
           kubelint_diagnostic_message(d), kubelint_diagnostic_code(d));
  }
  printf("%zu findings, %zu diagnostics in %zu file(s), %zu object(s)\n",
         kubelint_report_finding_count(report), kubelint_report_diagnostic_count(report),
         kubelint_report_file_count(report), kubelint_report_object_count(report));

  if (kubelint_report_incomplete(report)) {
    status = 3;
  } else {
    status = kubelint_report_count_at_least(report, KUBELINT_SEVERITY_ERROR) > 0 ? 1 : 0;
  }
  kubelint_report_destroy(report);
  kubelint_linter_destroy(linter);
  return status;
}
