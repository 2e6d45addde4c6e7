// The public API (kubelint.hpp) over the engine.
#include <algorithm>
#include <charconv>
#include <kubelint/kubelint.hpp>

#include "engine/config.hpp"
#include "engine/engine.hpp"
#include "engine/registry.hpp"

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) noexcept {
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

std::string_view to_string(FailOn fail_on) noexcept {
  if (fail_on == FailOn::none) return "none";
  return to_string(static_cast<Severity>(fail_on));
}

std::optional<FailOn> parse_fail_on(std::string_view text) noexcept {
  if (text == "none") return FailOn::none;
  if (auto s = parse_severity(text)) return static_cast<FailOn>(*s);
  return std::nullopt;
}

std::string_view to_string(LoadRestrictor restrictor) noexcept {
  return restrictor == LoadRestrictor::none ? "LoadRestrictionsNone" : "LoadRestrictionsRootOnly";
}

std::optional<LoadRestrictor> parse_load_restrictor(std::string_view text) noexcept {
  if (text == "LoadRestrictionsRootOnly" || text == "root-only") return LoadRestrictor::root_only;
  if (text == "LoadRestrictionsNone" || text == "none") return LoadRestrictor::none;
  return std::nullopt;
}

std::optional<KubernetesVersion> parse_kubernetes_version(std::string_view text) noexcept {
  if (!text.empty() && text.front() == 'v') text.remove_prefix(1);
  int major = 0;
  int minor = 0;
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto [p1, e1] = std::from_chars(text.data(), text.data() + dot, major);
  if (e1 != std::errc{} || p1 != text.data() + dot) return std::nullopt;
  std::string_view rest = text.substr(dot + 1);
  // "1.29.3": the patch level does not matter for API availability.
  std::string_view minor_text = rest.substr(0, rest.find('.'));
  auto [p2, e2] = std::from_chars(minor_text.data(), minor_text.data() + minor_text.size(), minor);
  if (e2 != std::errc{} || p2 != minor_text.data() + minor_text.size() || minor_text.empty()) {
    return std::nullopt;
  }
  if (major < 1 || minor < 0 || minor > 999) return std::nullopt;
  return KubernetesVersion{major, minor};
}

std::string to_string(KubernetesVersion version) {
  return std::to_string(version.major) + "." + std::to_string(version.minor);
}

std::string_view version() noexcept { return KUBELINT_VERSION_STRING; }

KUBELINT_INLINE_NAMESPACE_END

bool Report::incomplete() const noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Report::count_at_least(Severity threshold) const noexcept {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [&](const Finding& f) { return f.severity >= threshold; }));
}

struct Linter::Impl {
  explicit Impl(const Options& given) {
    EngineConfig config;
    // The configuration file's option trees point into `file`, which lives until the engine has
    // configured its rules.
    ConfigFile file;
    if (!given.config_file.empty())
      file = load_config(given.config_file, errors, given.max_input_bytes);
    effective = layer_options(file.options, given);
    config.options = effective;
    config.option_nodes = std::move(file.option_nodes);
    for (const auto& [id, text] : given.rule_options) config.option_nodes.erase(id);
    config.ignore = std::move(file.ignore);
    // Custom rules: the configuration file's, then the Options' texts and files.
    std::shared_ptr<custom::RuleSet> custom = std::move(file.custom_rules);
    if (!custom) custom = ConfigFile::new_custom_rule_set();
    for (std::size_t i = 0; i < given.custom_rules.size(); ++i) {
      custom->add_text("<custom rules " + std::to_string(i + 1) + ">", given.custom_rules[i],
                       errors);
    }
    for (const auto& path : given.custom_rules_files) custom->add_file(path, errors);
    custom_infos = custom->infos();
    config.custom_rules = std::move(custom);
    engine = std::make_unique<Engine>(config, errors);
  }
  std::vector<Diagnostic> errors;
  Options effective;
  std::unique_ptr<Engine> engine;
  std::vector<RuleInfo> custom_infos;  // sorted by id
};

Linter::Linter(Options options) : impl_(std::make_unique<Impl>(options)) {}
Linter::~Linter() = default;
Linter::Linter(Linter&&) noexcept = default;
Linter& Linter::operator=(Linter&&) noexcept = default;

const std::vector<Diagnostic>& Linter::config_errors() const noexcept { return impl_->errors; }

Report Linter::lint(const std::vector<Input>& inputs) const { return impl_->engine->run(inputs); }

bool Linter::is_enabled(std::string_view id) const { return impl_->engine->is_enabled(id); }

const Options& Linter::options() const noexcept { return impl_->effective; }

const std::vector<RuleInfo>& Linter::rules() {
  static const std::vector<RuleInfo> kInfos = [] {
    std::vector<RuleInfo> infos;
    for (const auto& reg : registered_rules()) {
      auto rule = reg.make();
      const RuleMeta& m = rule->meta();
      RuleInfo info;
      info.id = std::string(m.id);
      info.summary = std::string(m.summary);
      info.remediation = std::string(m.remediation);
      info.category = std::string(to_string(m.category));
      info.default_severity = m.default_severity;
      info.enabled_by_default = m.enabled_by_default;
      info.cross_object = rule->needs_workspace();
      info.documentation = std::string(rule_documentation(m.id));
      infos.push_back(std::move(info));
    }
    std::sort(infos.begin(), infos.end(),
              [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return infos;
  }();
  return kInfos;
}

std::vector<RuleInfo> Linter::catalog() const {
  std::vector<RuleInfo> all = rules();
  all.insert(all.end(), impl_->custom_infos.begin(), impl_->custom_infos.end());
  std::sort(all.begin(), all.end(),
            [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return all;
}

const RuleInfo* Linter::describe(std::string_view id) const {
  if (const RuleInfo* builtin = find_rule(id)) return builtin;
  const auto& custom = impl_->custom_infos;
  auto it =
      std::find_if(custom.begin(), custom.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == custom.end() ? nullptr : &*it;
}

const RuleInfo* Linter::find_rule(std::string_view id) {
  const auto& all = rules();
  auto it = std::find_if(all.begin(), all.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace kubelint
