// The C API (include/kubelint/kubelint.h) over the C++ API. Every entry point is noexcept and
// catches everything: no exception crosses into C. Borrowed handles (findings, notes, diagnostics,
// rules) are the C++ objects themselves, cast to incomplete C types and back.
#include <kubelint/kubelint.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct kubelint_options {
  kubelint::Options options;
  // kubelint_options_set_kubernetes_version() text that is not MAJOR.MINOR: reported by
  // kubelint_linter_create() with the other configuration errors.
  std::string invalid_kubernetes_version;
};

struct kubelint_linter {
  explicit kubelint_linter(kubelint::Options options) : linter(std::move(options)) {}
  kubelint::Linter linter;
};

struct kubelint_inputs {
  std::vector<kubelint::Input> inputs;
};

struct kubelint_report {
  kubelint::Report report;
};

namespace {

// The last error of this thread. If even storing the message fails, the message is "out of
// memory".
thread_local std::string t_last_error;
thread_local bool t_last_error_oom = false;

void clear_error() noexcept {
  t_last_error.clear();
  t_last_error_oom = false;
}

kubelint_status fail(kubelint_status status, std::string_view message) noexcept {
  try {
    t_last_error.assign(message);
    t_last_error_oom = false;
  } catch (...) {
    t_last_error.clear();
    t_last_error_oom = true;
  }
  return status;
}

// Runs `body` (returning a kubelint_status), turning every exception into a status and message.
template <class Body>
kubelint_status guarded(Body&& body) noexcept {
  try {
    kubelint_status status = body();
    if (status == KUBELINT_OK) clear_error();
    return status;
  } catch (const std::bad_alloc&) {
    return fail(KUBELINT_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    std::string_view what = e.what();
    try {
      return fail(KUBELINT_ERROR_INTERNAL, "internal error: " + std::string(what));
    } catch (...) {
      return fail(KUBELINT_ERROR_INTERNAL, "internal error");
    }
  } catch (...) {
    return fail(KUBELINT_ERROR_INTERNAL, "internal error: unknown exception");
  }
}

kubelint_status null_argument(const char* name) noexcept {
  try {
    return fail(KUBELINT_ERROR_INVALID_ARGUMENT, std::string(name) + " must not be NULL");
  } catch (...) {
    return fail(KUBELINT_ERROR_INVALID_ARGUMENT, "an argument must not be NULL");
  }
}

bool valid_severity(kubelint_severity s) noexcept {
  return s == KUBELINT_SEVERITY_INFO || s == KUBELINT_SEVERITY_WARNING ||
         s == KUBELINT_SEVERITY_ERROR;
}

kubelint::Severity to_cpp(kubelint_severity s) noexcept {
  switch (s) {
    case KUBELINT_SEVERITY_INFO:
      return kubelint::Severity::info;
    case KUBELINT_SEVERITY_WARNING:
      return kubelint::Severity::warning;
    default:
      break;
  }
  return kubelint::Severity::error;
}

kubelint_severity to_c(kubelint::Severity s) noexcept {
  switch (s) {
    case kubelint::Severity::info:
      return KUBELINT_SEVERITY_INFO;
    case kubelint::Severity::warning:
      return KUBELINT_SEVERITY_WARNING;
    case kubelint::Severity::error:
      break;
  }
  return KUBELINT_SEVERITY_ERROR;
}

kubelint_position to_c(kubelint::Position p) noexcept { return {p.line, p.column}; }

const kubelint::Finding* cpp(const kubelint_finding* f) noexcept {
  return reinterpret_cast<const kubelint::Finding*>(f);
}
const kubelint::Note* cpp(const kubelint_note* n) noexcept {
  return reinterpret_cast<const kubelint::Note*>(n);
}
const kubelint::Diagnostic* cpp(const kubelint_diagnostic* d) noexcept {
  return reinterpret_cast<const kubelint::Diagnostic*>(d);
}
const kubelint::RuleInfo* cpp(const kubelint_rule* r) noexcept {
  return reinterpret_cast<const kubelint::RuleInfo*>(r);
}

// Runs the linter and hands the report to the caller.
kubelint_status run(const kubelint_linter* linter, const std::vector<kubelint::Input>& inputs,
                    kubelint_report** out) {
  auto report = std::make_unique<kubelint_report>();
  report->report = linter->linter.lint(inputs);
  *out = report.release();
  return KUBELINT_OK;
}

// The rule catalogue, or an empty list if building it failed (it is built once).
const std::vector<kubelint::RuleInfo>* rule_list() noexcept {
  try {
    return &kubelint::Linter::rules();
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

extern "C" {

// ---- Library ------------------------------------------------------------------------------

const char* kubelint_version(void) noexcept { return KUBELINT_VERSION_STRING; }

int kubelint_version_number(void) noexcept { return KUBELINT_VERSION; }

const char* kubelint_status_string(kubelint_status status) noexcept {
  switch (status) {
    case KUBELINT_OK:
      return "ok";
    case KUBELINT_ERROR_INVALID_ARGUMENT:
      return "invalid argument";
    case KUBELINT_ERROR_CONFIG:
      return "invalid configuration";
    case KUBELINT_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case KUBELINT_ERROR_INTERNAL:
      return "internal error";
    default:
      break;
  }
  return "unknown status";
}

const char* kubelint_last_error(void) noexcept {
  return t_last_error_oom ? "out of memory" : t_last_error.c_str();
}

const char* kubelint_severity_string(kubelint_severity severity) noexcept {
  switch (severity) {
    case KUBELINT_SEVERITY_INFO:
      return "info";
    case KUBELINT_SEVERITY_WARNING:
      return "warning";
    case KUBELINT_SEVERITY_ERROR:
      return "error";
    default:
      break;
  }
  return "";
}

// ---- Options ------------------------------------------------------------------------------

kubelint_status kubelint_options_create(kubelint_options** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&] {
    *out = new kubelint_options();
    return KUBELINT_OK;
  });
}

void kubelint_options_destroy(kubelint_options* options) noexcept { delete options; }

kubelint_status kubelint_options_set_all_rules(kubelint_options* options, int all_rules) noexcept {
  if (options == nullptr) return null_argument("options");
  options->options.all_rules = all_rules != 0;
  clear_error();
  return KUBELINT_OK;
}

kubelint_status kubelint_options_enable(kubelint_options* options, const char* rule_id) noexcept {
  if (options == nullptr) return null_argument("options");
  if (rule_id == nullptr) return null_argument("rule_id");
  return guarded([&] {
    options->options.enable.emplace_back(rule_id);
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_disable(kubelint_options* options, const char* rule_id) noexcept {
  if (options == nullptr) return null_argument("options");
  if (rule_id == nullptr) return null_argument("rule_id");
  return guarded([&] {
    options->options.disable.emplace_back(rule_id);
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_set_severity(kubelint_options* options, const char* rule_id,
                                              kubelint_severity severity) noexcept {
  if (options == nullptr) return null_argument("options");
  if (rule_id == nullptr) return null_argument("rule_id");
  if (!valid_severity(severity)) {
    return fail(KUBELINT_ERROR_INVALID_ARGUMENT, "severity is not a kubelint_severity value");
  }
  return guarded([&] {
    options->options.severity[rule_id] = to_cpp(severity);
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_set_rule_options(kubelint_options* options, const char* rule_id,
                                                  const char* yaml) noexcept {
  if (options == nullptr) return null_argument("options");
  if (rule_id == nullptr) return null_argument("rule_id");
  if (yaml == nullptr) return null_argument("yaml");
  return guarded([&] {
    options->options.rule_options[rule_id] = yaml;
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_set_kubernetes_version(kubelint_options* options,
                                                        const char* version) noexcept {
  if (options == nullptr) return null_argument("options");
  if (version == nullptr) return null_argument("version");
  return guarded([&] {
    std::string_view text(version);
    options->invalid_kubernetes_version.clear();
    if (text.empty()) {
      options->options.kubernetes_version.reset();
    } else if (auto parsed = kubelint::parse_kubernetes_version(text)) {
      options->options.kubernetes_version = parsed;
    } else {
      options->options.kubernetes_version.reset();
      options->invalid_kubernetes_version = text;
    }
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_set_default_namespace(kubelint_options* options,
                                                       const char* namespace_name) noexcept {
  if (options == nullptr) return null_argument("options");
  if (namespace_name == nullptr) return null_argument("namespace_name");
  return guarded([&] {
    options->options.default_namespace = namespace_name;
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_set_threads(kubelint_options* options, unsigned threads) noexcept {
  if (options == nullptr) return null_argument("options");
  options->options.threads = threads;
  clear_error();
  return KUBELINT_OK;
}

kubelint_status kubelint_options_set_kustomize_load_restrictor(kubelint_options* options,
                                                               const char* restrictor) noexcept {
  if (options == nullptr) return null_argument("options");
  if (restrictor == nullptr) return null_argument("restrictor");
  auto parsed = kubelint::parse_load_restrictor(restrictor);
  if (!parsed) {
    return fail(KUBELINT_ERROR_INVALID_ARGUMENT,
                "restrictor must be LoadRestrictionsRootOnly, LoadRestrictionsNone, root-only or "
                "none");
  }
  options->options.kustomize_load_restrictor = parsed;
  clear_error();
  return KUBELINT_OK;
}

kubelint_status kubelint_options_add_custom_rules(kubelint_options* options,
                                                  const char* yaml) noexcept {
  if (options == nullptr) return null_argument("options");
  if (yaml == nullptr) return null_argument("yaml");
  return guarded([&] {
    options->options.custom_rules.emplace_back(yaml);
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_options_add_custom_rules_file(kubelint_options* options,
                                                       const char* path) noexcept {
  if (options == nullptr) return null_argument("options");
  if (path == nullptr) return null_argument("path");
  return guarded([&] {
    options->options.custom_rules_files.emplace_back(path);
    return KUBELINT_OK;
  });
}

// ---- Linter -------------------------------------------------------------------------------

// Library messages name the Options field a problem is in ("in Options::enable"); a C program
// set it with a call, so the message names the call.
static std::string c_api_names(std::string message) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"Options::select", "the selection"},
      {"Options::enable", "kubelint_options_enable()"},
      {"Options::disable", "kubelint_options_disable()"},
      {"Options::severity", "kubelint_options_set_severity()"},
      {"Options::rule_options", "kubelint_options_set_rule_options()"},
      {"Options::kubernetes_version", "kubelint_options_set_kubernetes_version()"},
  };
  for (const auto& [field, call] : kNames) {
    for (auto at = message.find(field); at != std::string::npos; at = message.find(field, at)) {
      message.replace(at, field.size(), call);
    }
  }
  return message;
}

kubelint_status kubelint_linter_create(const kubelint_options* options,
                                       kubelint_linter** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&] {
    auto linter = std::make_unique<kubelint_linter>(options != nullptr ? options->options
                                                                       : kubelint::Options{});
    std::vector<kubelint::Diagnostic> errors;
    if (options != nullptr && !options->invalid_kubernetes_version.empty()) {
      kubelint::Diagnostic d;
      d.code = "invalid-config";
      d.severity = kubelint::Severity::error;
      d.message = "invalid Kubernetes version '" + options->invalid_kubernetes_version +
                  "' in Options::kubernetes_version (expected MAJOR.MINOR, e.g. 1.34)";
      errors.push_back(std::move(d));
    }
    const auto& linter_errors = linter->linter.config_errors();
    errors.insert(errors.end(), linter_errors.begin(), linter_errors.end());
    // Warnings (a deprecated option name) do not stop the linter.
    if (std::any_of(errors.begin(), errors.end(), [](const kubelint::Diagnostic& d) {
          return d.severity == kubelint::Severity::error;
        })) {
      std::string message;
      for (const kubelint::Diagnostic& d : errors) {
        if (!message.empty()) message += '\n';
        if (!d.file.empty()) {
          message += d.file;
          if (d.begin.line != 0) {
            message += ':' + std::to_string(d.begin.line) + ':' + std::to_string(d.begin.column);
          }
          message += ": ";
        }
        message += c_api_names(d.message);
      }
      return fail(KUBELINT_ERROR_CONFIG, message);
    }
    *out = linter.release();
    return KUBELINT_OK;
  });
}

void kubelint_linter_destroy(kubelint_linter* linter) noexcept { delete linter; }

int kubelint_linter_is_enabled(const kubelint_linter* linter, const char* rule_id) noexcept {
  if (linter == nullptr || rule_id == nullptr) return 0;
  try {
    return linter->linter.is_enabled(rule_id) ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

kubelint_status kubelint_linter_lint_paths(const kubelint_linter* linter, const char* const* paths,
                                           size_t count, kubelint_report** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (linter == nullptr) return null_argument("linter");
  if (paths == nullptr && count != 0) return null_argument("paths");
  for (size_t i = 0; i < count; ++i) {
    if (paths[i] == nullptr) return null_argument("paths[i]");
  }
  return guarded([&] {
    std::vector<kubelint::Input> inputs;
    inputs.reserve(count);
    for (size_t i = 0; i < count; ++i) inputs.push_back(kubelint::Input::path(paths[i]));
    return run(linter, inputs, out);
  });
}

kubelint_status kubelint_linter_lint_path(const kubelint_linter* linter, const char* path,
                                          kubelint_report** out) noexcept {
  if (path == nullptr) {
    if (out != nullptr) *out = nullptr;
    return null_argument("path");
  }
  return kubelint_linter_lint_paths(linter, &path, 1, out);
}

kubelint_status kubelint_linter_lint_buffer(const kubelint_linter* linter, const char* name,
                                            const char* data, size_t size,
                                            kubelint_report** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (linter == nullptr) return null_argument("linter");
  if (name == nullptr) return null_argument("name");
  if (data == nullptr && size != 0) return null_argument("data");
  return guarded([&] {
    std::vector<kubelint::Input> inputs;
    inputs.push_back(kubelint::Input::buffer(name, std::string(data == nullptr ? "" : data, size)));
    return run(linter, inputs, out);
  });
}

kubelint_status kubelint_inputs_create(kubelint_inputs** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guarded([&] {
    *out = new kubelint_inputs();
    return KUBELINT_OK;
  });
}

void kubelint_inputs_destroy(kubelint_inputs* inputs) noexcept { delete inputs; }

kubelint_status kubelint_inputs_add_path(kubelint_inputs* inputs, const char* path,
                                         int context_only) noexcept {
  if (inputs == nullptr) return null_argument("inputs");
  if (path == nullptr) return null_argument("path");
  return guarded([&] {
    inputs->inputs.push_back(kubelint::Input::path(path, context_only != 0));
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_inputs_add_buffer(kubelint_inputs* inputs, const char* name,
                                           const char* data, size_t size,
                                           int context_only) noexcept {
  if (inputs == nullptr) return null_argument("inputs");
  if (name == nullptr) return null_argument("name");
  if (data == nullptr && size != 0) return null_argument("data");
  return guarded([&] {
    inputs->inputs.push_back(kubelint::Input::buffer(
        name, std::string(data == nullptr ? "" : data, size), context_only != 0));
    return KUBELINT_OK;
  });
}

kubelint_status kubelint_linter_lint(const kubelint_linter* linter, const kubelint_inputs* inputs,
                                     kubelint_report** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (linter == nullptr) return null_argument("linter");
  if (inputs == nullptr) return null_argument("inputs");
  return guarded([&] { return run(linter, inputs->inputs, out); });
}

// ---- Report -------------------------------------------------------------------------------

void kubelint_report_destroy(kubelint_report* report) noexcept { delete report; }

size_t kubelint_report_finding_count(const kubelint_report* report) noexcept {
  return report == nullptr ? 0 : report->report.findings.size();
}

const kubelint_finding* kubelint_report_finding(const kubelint_report* report,
                                                size_t index) noexcept {
  if (report == nullptr || index >= report->report.findings.size()) return nullptr;
  return reinterpret_cast<const kubelint_finding*>(&report->report.findings[index]);
}

size_t kubelint_report_diagnostic_count(const kubelint_report* report) noexcept {
  return report == nullptr ? 0 : report->report.diagnostics.size();
}

const kubelint_diagnostic* kubelint_report_diagnostic(const kubelint_report* report,
                                                      size_t index) noexcept {
  if (report == nullptr || index >= report->report.diagnostics.size()) return nullptr;
  return reinterpret_cast<const kubelint_diagnostic*>(&report->report.diagnostics[index]);
}

size_t kubelint_report_file_count(const kubelint_report* report) noexcept {
  return report == nullptr ? 0 : report->report.files;
}

size_t kubelint_report_object_count(const kubelint_report* report) noexcept {
  return report == nullptr ? 0 : report->report.objects;
}

int kubelint_report_incomplete(const kubelint_report* report) noexcept {
  return report != nullptr && report->report.incomplete() ? 1 : 0;
}

size_t kubelint_report_count_at_least(const kubelint_report* report,
                                      kubelint_severity threshold) noexcept {
  if (report == nullptr) return 0;
  if (!valid_severity(threshold)) return 0;
  return report->report.count_at_least(to_cpp(threshold));
}

kubelint_status kubelint_report_render(const kubelint_report* report, kubelint_format format,
                                       char** out, size_t* size) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (size != nullptr) *size = 0;
  if (report == nullptr) return null_argument("report");
  kubelint::Format cpp_format = kubelint::Format::text;
  switch (format) {
    case KUBELINT_FORMAT_TEXT:
      cpp_format = kubelint::Format::text;
      break;
    case KUBELINT_FORMAT_JSON:
      cpp_format = kubelint::Format::json;
      break;
    default:
      return fail(KUBELINT_ERROR_INVALID_ARGUMENT, "format is not a kubelint_format value");
  }
  return guarded([&] {
    std::string text = kubelint::render(report->report, cpp_format);
    auto* buffer = static_cast<char*>(std::malloc(text.size() + 1));
    if (buffer == nullptr) throw std::bad_alloc();
    std::memcpy(buffer, text.c_str(), text.size() + 1);
    *out = buffer;
    if (size != nullptr) *size = text.size();
    return KUBELINT_OK;
  });
}

void kubelint_string_free(char* text) noexcept { std::free(text); }

// ---- Finding ------------------------------------------------------------------------------

const char* kubelint_finding_rule_id(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->rule_id.c_str();
}

kubelint_severity kubelint_finding_severity(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? KUBELINT_SEVERITY_INFO : to_c(cpp(finding)->severity);
}

const char* kubelint_finding_message(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->message.c_str();
}

const char* kubelint_finding_remediation(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->remediation.c_str();
}

const char* kubelint_finding_file(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->file.c_str();
}

kubelint_position kubelint_finding_begin(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? kubelint_position{0, 0} : to_c(cpp(finding)->begin);
}

kubelint_position kubelint_finding_end(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? kubelint_position{0, 0} : to_c(cpp(finding)->end);
}

const char* kubelint_finding_yaml_path(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->yaml_path.c_str();
}

const char* kubelint_finding_api_version(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->object.api_version.c_str();
}

const char* kubelint_finding_kind(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->object.kind.c_str();
}

const char* kubelint_finding_namespace(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->object.namespace_name.c_str();
}

const char* kubelint_finding_name(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? "" : cpp(finding)->object.name.c_str();
}

size_t kubelint_finding_note_count(const kubelint_finding* finding) noexcept {
  return finding == nullptr ? 0 : cpp(finding)->notes.size();
}

const kubelint_note* kubelint_finding_note(const kubelint_finding* finding, size_t index) noexcept {
  if (finding == nullptr || index >= cpp(finding)->notes.size()) return nullptr;
  return reinterpret_cast<const kubelint_note*>(&cpp(finding)->notes[index]);
}

const char* kubelint_note_message(const kubelint_note* note) noexcept {
  return note == nullptr ? "" : cpp(note)->message.c_str();
}

const char* kubelint_note_file(const kubelint_note* note) noexcept {
  return note == nullptr ? "" : cpp(note)->file.c_str();
}

kubelint_position kubelint_note_begin(const kubelint_note* note) noexcept {
  return note == nullptr ? kubelint_position{0, 0} : to_c(cpp(note)->begin);
}

kubelint_position kubelint_note_end(const kubelint_note* note) noexcept {
  return note == nullptr ? kubelint_position{0, 0} : to_c(cpp(note)->end);
}

// ---- Diagnostic ---------------------------------------------------------------------------

const char* kubelint_diagnostic_code(const kubelint_diagnostic* diagnostic) noexcept {
  return diagnostic == nullptr ? "" : cpp(diagnostic)->code.c_str();
}

kubelint_severity kubelint_diagnostic_severity(const kubelint_diagnostic* diagnostic) noexcept {
  return diagnostic == nullptr ? KUBELINT_SEVERITY_INFO : to_c(cpp(diagnostic)->severity);
}

const char* kubelint_diagnostic_message(const kubelint_diagnostic* diagnostic) noexcept {
  return diagnostic == nullptr ? "" : cpp(diagnostic)->message.c_str();
}

const char* kubelint_diagnostic_file(const kubelint_diagnostic* diagnostic) noexcept {
  return diagnostic == nullptr ? "" : cpp(diagnostic)->file.c_str();
}

kubelint_position kubelint_diagnostic_begin(const kubelint_diagnostic* diagnostic) noexcept {
  return diagnostic == nullptr ? kubelint_position{0, 0} : to_c(cpp(diagnostic)->begin);
}

// ---- Rules --------------------------------------------------------------------------------

size_t kubelint_rule_count(void) noexcept {
  const auto* rules = rule_list();
  return rules == nullptr ? 0 : rules->size();
}

const kubelint_rule* kubelint_rule_at(size_t index) noexcept {
  const auto* rules = rule_list();
  if (rules == nullptr || index >= rules->size()) return nullptr;
  return reinterpret_cast<const kubelint_rule*>(&(*rules)[index]);
}

const kubelint_rule* kubelint_rule_find(const char* rule_id) noexcept {
  if (rule_id == nullptr) return nullptr;
  try {
    return reinterpret_cast<const kubelint_rule*>(kubelint::Linter::find_rule(rule_id));
  } catch (...) {
    return nullptr;
  }
}

const char* kubelint_rule_id(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? "" : cpp(rule)->id.c_str();
}

const char* kubelint_rule_summary(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? "" : cpp(rule)->summary.c_str();
}

const char* kubelint_rule_remediation(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? "" : cpp(rule)->remediation.c_str();
}

const char* kubelint_rule_category(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? "" : cpp(rule)->category.c_str();
}

kubelint_severity kubelint_rule_default_severity(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? KUBELINT_SEVERITY_INFO : to_c(cpp(rule)->default_severity);
}

int kubelint_rule_enabled_by_default(const kubelint_rule* rule) noexcept {
  return rule != nullptr && cpp(rule)->enabled_by_default ? 1 : 0;
}

const char* kubelint_rule_documentation(const kubelint_rule* rule) noexcept {
  return rule == nullptr ? "" : cpp(rule)->documentation.c_str();
}

}  // extern "C"
