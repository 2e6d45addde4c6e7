/* kubelint C API.
 *
 * A stable C interface to kubelint for C programs and for other languages through FFI (Python
 * ctypes/cffi, Go cgo, Rust, ...). It compiles as C99 and as C++; every function is noexcept: no
 * C++ exception ever crosses it.
 *
 *   kubelint_options* options = NULL;
 *   kubelint_linter* linter = NULL;
 *   kubelint_report* report = NULL;
 *   kubelint_options_create(&options);
 *   kubelint_options_disable(options, "missing-readiness-probe");
 *   if (kubelint_linter_create(options, &linter) != KUBELINT_OK) {
 *     fprintf(stderr, "%s\n", kubelint_last_error());
 *   }
 *   kubelint_options_destroy(options);
 *   kubelint_linter_lint_path(linter, "deploy/", &report);
 *   for (size_t i = 0; i < kubelint_report_finding_count(report); ++i) {
 *     const kubelint_finding* f = kubelint_report_finding(report, i);
 *     printf("%s:%u: %s\n", kubelint_finding_file(f), kubelint_finding_begin(f).line,
 *            kubelint_finding_message(f));
 *   }
 *   kubelint_report_destroy(report);
 *   kubelint_linter_destroy(linter);
 *
 * Conventions:
 *   - Handles are opaque. Objects made by *_create (and reports made by *_lint*) are released
 *     with the matching *_destroy, which accepts NULL.
 *   - Functions that can fail return a kubelint_status; on failure kubelint_last_error() gives a
 *     message, and output parameters are set to NULL.
 *   - Strings are UTF-8 and NUL-terminated, in and out. Returned strings are never NULL (an
 *     absent value is ""); they are owned by the handle they come from and live as long as it.
 *     kubelint_finding, kubelint_note and kubelint_diagnostic pointers are borrowed from their
 *     report; kubelint_rule pointers are valid for the life of the program.
 *   - Accessors called with NULL return "" or 0 rather than crash.
 *   - Threads: a kubelint_linter may be used by any number of threads at once; reports are
 *     immutable and may be read from any thread; an options object must not be modified by two
 *     threads at once. The last-error message is per thread.
 *
 * See docs/library.md for the full guide and the stability promises.
 */
#ifndef KUBELINT_KUBELINT_H
#define KUBELINT_KUBELINT_H

#include <stddef.h>
#include <stdint.h>

/* Version macros and the export macro. Preprocessor only, so it is valid C. */
#include <kubelint/version.h>

#ifdef __cplusplus
#define KUBELINT_NOEXCEPT noexcept
extern "C" {
#else
#define KUBELINT_NOEXCEPT
#endif

/* Handles. */
typedef struct kubelint_options kubelint_options;
typedef struct kubelint_linter kubelint_linter;
typedef struct kubelint_inputs kubelint_inputs;
typedef struct kubelint_report kubelint_report;
typedef struct kubelint_finding kubelint_finding;
typedef struct kubelint_note kubelint_note;
typedef struct kubelint_diagnostic kubelint_diagnostic;
typedef struct kubelint_rule kubelint_rule;

/* Result of every function that can fail. Values are stable: new codes may be added.
 * (Each enum ends with a *_MAX_ENUM sentinel, as in Vulkan: it is not a value, it only makes the
 * enum as wide as an int on every compiler, so that its size is part of the stable ABI.) */
typedef enum kubelint_status {
  KUBELINT_OK = 0,
  /* A NULL handle or string where one is required, or a value out of range. */
  KUBELINT_ERROR_INVALID_ARGUMENT = 1,
  /* The options are not valid: unknown rule id, bad rule options, bad Kubernetes version. */
  KUBELINT_ERROR_CONFIG = 2,
  KUBELINT_ERROR_OUT_OF_MEMORY = 3,
  /* A bug in kubelint; the message says what failed. */
  KUBELINT_ERROR_INTERNAL = 4,
  KUBELINT_STATUS_MAX_ENUM = 0x7FFFFFFF /* not a status: keeps the enum int-sized */
} kubelint_status;

/* Ordered: info < warning < error. */
typedef enum kubelint_severity {
  KUBELINT_SEVERITY_INFO = 0,
  KUBELINT_SEVERITY_WARNING = 1,
  KUBELINT_SEVERITY_ERROR = 2,
  KUBELINT_SEVERITY_MAX_ENUM = 0x7FFFFFFF /* not a severity: keeps the enum int-sized */
} kubelint_severity;

typedef enum kubelint_format {
  KUBELINT_FORMAT_TEXT = 0, /* file:line:col: severity: message [rule-id], like compilers */
  KUBELINT_FORMAT_JSON = 1, /* the JSON document described in the README (version 1) */
  KUBELINT_FORMAT_MAX_ENUM = 0x7FFFFFFF /* not a format: keeps the enum int-sized */
} kubelint_format;

/* A 1-based position; columns count UTF-8 bytes. line == 0 means "no position". */
typedef struct kubelint_position {
  uint32_t line;
  uint32_t column;
} kubelint_position;

/* ---- Library ---------------------------------------------------------------------------- */

/* The version of the library that is loaded, "MAJOR.MINOR.PATCH" (compare with
 * KUBELINT_VERSION_STRING, the version of the headers). */
KUBELINT_API const char* kubelint_version(void) KUBELINT_NOEXCEPT;
/* MAJOR * 10000 + MINOR * 100 + PATCH of the loaded library (compare with KUBELINT_VERSION). */
KUBELINT_API int kubelint_version_number(void) KUBELINT_NOEXCEPT;

/* A short English name for a status: "ok", "invalid argument", ... */
KUBELINT_API const char* kubelint_status_string(kubelint_status status) KUBELINT_NOEXCEPT;
/* The message of the last call on this thread that returned a status other than KUBELINT_OK;
 * "" after a call that succeeded. Valid until the next kubelint call on this thread. */
KUBELINT_API const char* kubelint_last_error(void) KUBELINT_NOEXCEPT;

/* "info", "warning" or "error" ("" for a value out of range). */
KUBELINT_API const char* kubelint_severity_string(kubelint_severity severity) KUBELINT_NOEXCEPT;

/* ---- Options ---------------------------------------------------------------------------- */

/* Default options: the rules that are on by default, namespace "default", kubelint's default
 * Kubernetes version, one thread per core. Rule ids are checked when a linter is created. */
KUBELINT_API kubelint_status kubelint_options_create(kubelint_options** out) KUBELINT_NOEXCEPT;
KUBELINT_API void kubelint_options_destroy(kubelint_options* options) KUBELINT_NOEXCEPT;

/* Rule selection, applied in this order: defaults (or every rule when all_rules is non-zero),
 * then enable, then disable. */
KUBELINT_API kubelint_status kubelint_options_set_all_rules(kubelint_options* options,
                                                            int all_rules) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_options_enable(kubelint_options* options,
                                                     const char* rule_id) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_options_disable(kubelint_options* options,
                                                      const char* rule_id) KUBELINT_NOEXCEPT;
/* Overrides the severity of a rule's findings. */
KUBELINT_API kubelint_status kubelint_options_set_severity(
    kubelint_options* options, const char* rule_id, kubelint_severity severity) KUBELINT_NOEXCEPT;
/* A rule's options as a YAML (or JSON) mapping, e.g. "allow: ['^registry.local/']"; replaces
 * earlier options of the same rule. */
KUBELINT_API kubelint_status kubelint_options_set_rule_options(kubelint_options* options,
                                                               const char* rule_id,
                                                               const char* yaml) KUBELINT_NOEXCEPT;
/* The Kubernetes version manifests are deployed to, "MAJOR.MINOR" (e.g. "1.34"); "" = default. */
KUBELINT_API kubelint_status kubelint_options_set_kubernetes_version(
    kubelint_options* options, const char* version) KUBELINT_NOEXCEPT;
/* Namespace of objects that declare none (default "default"). */
KUBELINT_API kubelint_status kubelint_options_set_default_namespace(
    kubelint_options* options, const char* namespace_name) KUBELINT_NOEXCEPT;
/* Worker threads for one lint call; 0 = one per hardware thread. Reports are identical for any
 * value. */
KUBELINT_API kubelint_status kubelint_options_set_threads(kubelint_options* options,
                                                          unsigned threads) KUBELINT_NOEXCEPT;
/* Whether kustomization builds may read files outside their kustomization's directory:
 * "LoadRestrictionsRootOnly" (kustomize's default) or "LoadRestrictionsNone", also "root-only" and
 * "none"; other text fails with KUBELINT_ERROR_INVALID_ARGUMENT. */
KUBELINT_API kubelint_status kubelint_options_set_kustomize_load_restrictor(
    kubelint_options* options, const char* restrictor) KUBELINT_NOEXCEPT;
/* Custom rules (docs/custom-rules.md): a YAML text holding a list of rule definitions (or a
 * mapping with a `custom-rules` list), or the path of a file holding one. May be called several
 * times; definitions are checked when a linter is created (KUBELINT_ERROR_CONFIG, with each
 * problem's line:column in kubelint_last_error()). */
KUBELINT_API kubelint_status kubelint_options_add_custom_rules(kubelint_options* options,
                                                               const char* yaml) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_options_add_custom_rules_file(
    kubelint_options* options, const char* path) KUBELINT_NOEXCEPT;

/* ---- Linter ----------------------------------------------------------------------------- */

/* Creates a linter from options (NULL = defaults); the options may be destroyed afterwards.
 * Fails with KUBELINT_ERROR_CONFIG if the options are not valid; kubelint_last_error() then
 * lists every problem, one per line. */
KUBELINT_API kubelint_status kubelint_linter_create(const kubelint_options* options,
                                                    kubelint_linter** out) KUBELINT_NOEXCEPT;
KUBELINT_API void kubelint_linter_destroy(kubelint_linter* linter) KUBELINT_NOEXCEPT;
/* 1 if the rule runs with this linter's options, else 0. */
KUBELINT_API int kubelint_linter_is_enabled(const kubelint_linter* linter,
                                            const char* rule_id) KUBELINT_NOEXCEPT;

/* Lints files and directories (directories are searched recursively for .yaml, .yml and .json
 * files). Problems with the input (unreadable path, YAML syntax error, ...) are not failures:
 * they are diagnostics in the report. */
KUBELINT_API kubelint_status kubelint_linter_lint_paths(const kubelint_linter* linter,
                                                        const char* const* paths, size_t count,
                                                        kubelint_report** out) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_linter_lint_path(const kubelint_linter* linter,
                                                       const char* path,
                                                       kubelint_report** out) KUBELINT_NOEXCEPT;
/* Lints `size` bytes of YAML in memory; `name` is the file name findings carry. */
KUBELINT_API kubelint_status kubelint_linter_lint_buffer(const kubelint_linter* linter,
                                                         const char* name, const char* data,
                                                         size_t size,
                                                         kubelint_report** out) KUBELINT_NOEXCEPT;

/* Several inputs linted together (cross-object rules see all of them), mixing paths, buffers
 * and context inputs: inputs loaded so that other objects can refer to them, never reported on. */
KUBELINT_API kubelint_status kubelint_inputs_create(kubelint_inputs** out) KUBELINT_NOEXCEPT;
KUBELINT_API void kubelint_inputs_destroy(kubelint_inputs* inputs) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_inputs_add_path(kubelint_inputs* inputs, const char* path,
                                                      int context_only) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_inputs_add_buffer(kubelint_inputs* inputs, const char* name,
                                                        const char* data, size_t size,
                                                        int context_only) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_status kubelint_linter_lint(const kubelint_linter* linter,
                                                  const kubelint_inputs* inputs,
                                                  kubelint_report** out) KUBELINT_NOEXCEPT;

/* ---- Report ----------------------------------------------------------------------------- */

KUBELINT_API void kubelint_report_destroy(kubelint_report* report) KUBELINT_NOEXCEPT;

/* Findings, sorted by file, line, column, rule and message. */
KUBELINT_API size_t kubelint_report_finding_count(const kubelint_report* report) KUBELINT_NOEXCEPT;
/* NULL if index >= kubelint_report_finding_count(). */
KUBELINT_API const kubelint_finding* kubelint_report_finding(const kubelint_report* report,
                                                             size_t index) KUBELINT_NOEXCEPT;
/* Diagnostics (problems with the input itself), sorted by file, line, column and code. */
KUBELINT_API size_t kubelint_report_diagnostic_count(const kubelint_report* report)
    KUBELINT_NOEXCEPT;
KUBELINT_API const kubelint_diagnostic* kubelint_report_diagnostic(const kubelint_report* report,
                                                                   size_t index) KUBELINT_NOEXCEPT;
/* Files read, and Kubernetes objects linted (context objects excluded). */
KUBELINT_API size_t kubelint_report_file_count(const kubelint_report* report) KUBELINT_NOEXCEPT;
KUBELINT_API size_t kubelint_report_object_count(const kubelint_report* report) KUBELINT_NOEXCEPT;
/* 1 if some input could not be read or parsed (a diagnostic of severity error), else 0. */
KUBELINT_API int kubelint_report_incomplete(const kubelint_report* report) KUBELINT_NOEXCEPT;
/* Number of findings at or above `threshold`. */
KUBELINT_API size_t kubelint_report_count_at_least(const kubelint_report* report,
                                                   kubelint_severity threshold) KUBELINT_NOEXCEPT;
/* Renders the report as the CLI does (text includes the diagnostics). *out is a NUL-terminated
 * string to release with kubelint_string_free(); *size (if not NULL) its length. */
KUBELINT_API kubelint_status kubelint_report_render(const kubelint_report* report,
                                                    kubelint_format format, char** out,
                                                    size_t* size) KUBELINT_NOEXCEPT;
KUBELINT_API void kubelint_string_free(char* text) KUBELINT_NOEXCEPT;

/* ---- Finding ---------------------------------------------------------------------------- */

KUBELINT_API const char* kubelint_finding_rule_id(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_severity kubelint_finding_severity(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
/* What is wrong (lowercase, no trailing period), and how to fix it. */
KUBELINT_API const char* kubelint_finding_message(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_finding_remediation(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
/* The file (display name of a buffer), and the YAML node the finding is about: begin, end
 * (exclusive column) and YAML path, e.g. "spec.template.spec.containers[0].image". */
KUBELINT_API const char* kubelint_finding_file(const kubelint_finding* finding) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_position kubelint_finding_begin(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_position kubelint_finding_end(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_finding_yaml_path(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
/* The object the node belongs to. The namespace is the effective one: declared, or the default
 * namespace for namespaced objects that declare none; "" for cluster-scoped kinds. */
KUBELINT_API const char* kubelint_finding_api_version(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_finding_kind(const kubelint_finding* finding) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_finding_namespace(const kubelint_finding* finding)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_finding_name(const kubelint_finding* finding) KUBELINT_NOEXCEPT;
/* Secondary locations ("first definition of 'resources'"). */
KUBELINT_API size_t kubelint_finding_note_count(const kubelint_finding* finding) KUBELINT_NOEXCEPT;
KUBELINT_API const kubelint_note* kubelint_finding_note(const kubelint_finding* finding,
                                                        size_t index) KUBELINT_NOEXCEPT;

KUBELINT_API const char* kubelint_note_message(const kubelint_note* note) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_note_file(const kubelint_note* note) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_position kubelint_note_begin(const kubelint_note* note) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_position kubelint_note_end(const kubelint_note* note) KUBELINT_NOEXCEPT;

/* ---- Diagnostic ------------------------------------------------------------------------- */

/* "io-error", "no-input", "parse-error", "template-file", "not-kubernetes", ... */
KUBELINT_API const char* kubelint_diagnostic_code(const kubelint_diagnostic* diagnostic)
    KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_severity kubelint_diagnostic_severity(const kubelint_diagnostic* diagnostic)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_diagnostic_message(const kubelint_diagnostic* diagnostic)
    KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_diagnostic_file(const kubelint_diagnostic* diagnostic)
    KUBELINT_NOEXCEPT;
/* line 0 when the problem has no position (e.g. an unreadable file). */
KUBELINT_API kubelint_position kubelint_diagnostic_begin(const kubelint_diagnostic* diagnostic)
    KUBELINT_NOEXCEPT;

/* ---- Rules ------------------------------------------------------------------------------ */

/* Every built-in rule, sorted by id, whether enabled or not. */
KUBELINT_API size_t kubelint_rule_count(void) KUBELINT_NOEXCEPT;
/* NULL if index >= kubelint_rule_count(). */
KUBELINT_API const kubelint_rule* kubelint_rule_at(size_t index) KUBELINT_NOEXCEPT;
/* NULL if there is no rule with this id. */
KUBELINT_API const kubelint_rule* kubelint_rule_find(const char* rule_id) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_rule_id(const kubelint_rule* rule) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_rule_summary(const kubelint_rule* rule) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_rule_remediation(const kubelint_rule* rule) KUBELINT_NOEXCEPT;
KUBELINT_API const char* kubelint_rule_category(const kubelint_rule* rule) KUBELINT_NOEXCEPT;
KUBELINT_API kubelint_severity kubelint_rule_default_severity(const kubelint_rule* rule)
    KUBELINT_NOEXCEPT;
KUBELINT_API int kubelint_rule_enabled_by_default(const kubelint_rule* rule) KUBELINT_NOEXCEPT;
/* The rule's page in Markdown (what it does, why, example, fix, options, references). */
KUBELINT_API const char* kubelint_rule_documentation(const kubelint_rule* rule) KUBELINT_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* KUBELINT_KUBELINT_H */
