/* kubelint.h from a strict C99 program (-std=c99 -pedantic -Werror): lints a buffer and a
 * missing path through the C API and checks the results. ctest: c_api_c99. */
#include <kubelint/kubelint.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                      \
  do {                                                                    \
    if (!(cond)) {                                                        \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

static const char kManifest[] =
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata: {name: web}\n"
    "spec:\n"
    "  containers:\n"
    "    - name: web\n"
    "      image: nginx:latest\n";

int main(void) {
  kubelint_options* options = NULL;
  kubelint_linter* linter = NULL;
  kubelint_report* report = NULL;
  kubelint_inputs* inputs = NULL;
  const kubelint_finding* finding = NULL;
  char* json = NULL;
  size_t json_size = 0;
  size_t i;
  int found_latest = 0;

  EXPECT(strcmp(kubelint_version(), KUBELINT_VERSION_STRING) == 0);
  EXPECT(kubelint_version_number() == KUBELINT_VERSION);
  EXPECT(kubelint_rule_count() > 0);
  EXPECT(kubelint_rule_find("latest-image-tag") != NULL);

  EXPECT(kubelint_options_create(&options) == KUBELINT_OK);
  EXPECT(kubelint_options_enable(options, "no-such-rule") == KUBELINT_OK);
  EXPECT(kubelint_linter_create(options, &linter) == KUBELINT_ERROR_CONFIG);
  EXPECT(linter == NULL);
  EXPECT(strstr(kubelint_last_error(), "no-such-rule") != NULL);
  kubelint_options_destroy(options);

  EXPECT(kubelint_options_create(&options) == KUBELINT_OK);
  EXPECT(kubelint_options_set_severity(options, "latest-image-tag", KUBELINT_SEVERITY_ERROR) ==
         KUBELINT_OK);
  EXPECT(kubelint_options_set_default_namespace(options, "prod") == KUBELINT_OK);
  EXPECT(kubelint_linter_create(options, &linter) == KUBELINT_OK);
  kubelint_options_destroy(options);
  if (linter == NULL) return 1;

  EXPECT(kubelint_inputs_create(&inputs) == KUBELINT_OK);
  EXPECT(kubelint_inputs_add_buffer(inputs, "pod.yaml", kManifest, sizeof kManifest - 1, 0) ==
         KUBELINT_OK);
  EXPECT(kubelint_inputs_add_path(inputs, "does-not-exist.yaml", 0) == KUBELINT_OK);
  EXPECT(kubelint_linter_lint(linter, inputs, &report) == KUBELINT_OK);
  kubelint_inputs_destroy(inputs);
  if (report == NULL) return 1;

  for (i = 0; i < kubelint_report_finding_count(report); ++i) {
    finding = kubelint_report_finding(report, i);
    EXPECT(strcmp(kubelint_finding_file(finding), "pod.yaml") == 0);
    EXPECT(strcmp(kubelint_finding_namespace(finding), "prod") == 0);
    if (strcmp(kubelint_finding_rule_id(finding), "latest-image-tag") == 0) {
      kubelint_position begin = kubelint_finding_begin(finding);
      found_latest = 1;
      EXPECT(kubelint_finding_severity(finding) == KUBELINT_SEVERITY_ERROR);
      EXPECT(begin.line == 7 && begin.column == 14);
      EXPECT(strcmp(kubelint_finding_yaml_path(finding), "spec.containers[0].image") == 0);
      EXPECT(strcmp(kubelint_finding_kind(finding), "Pod") == 0);
    }
  }
  EXPECT(found_latest);
  EXPECT(kubelint_report_diagnostic_count(report) == 1);
  EXPECT(strcmp(kubelint_diagnostic_code(kubelint_report_diagnostic(report, 0)), "io-error") == 0);
  EXPECT(kubelint_report_incomplete(report) == 1);

  EXPECT(kubelint_report_render(report, KUBELINT_FORMAT_JSON, &json, &json_size) == KUBELINT_OK);
  EXPECT(json != NULL && strlen(json) == json_size && json[0] == '{');
  kubelint_string_free(json);

  kubelint_report_destroy(report);
  kubelint_linter_destroy(linter);
  if (failures == 0) printf("c_api_c99: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
