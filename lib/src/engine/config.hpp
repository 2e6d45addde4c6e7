// The configuration file (.kubelint.yaml, docs/configuration.md): read with the document model so
// every problem — unknown key, wrong type, unknown rule, bad rule option — is reported with the
// file's line:column, never ignored. The parsed file stays alive while the engine configures its
// rules from the positioned option trees.
#pragma once

#include <filesystem>
#include <kubelint/kubelint.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/glob.hpp"
#include "custom/custom_rules.hpp"
#include "yaml/loader.hpp"
#include "yaml/node.hpp"
#include "yaml/source.hpp"

namespace kubelint {

inline constexpr const char* kConfigFileNames[] = {".kubelint.yaml", ".kubelint.yml"};

struct ConfigFile {
  std::unique_ptr<SourceFile> source;
  std::vector<std::unique_ptr<Document>> documents;
  Options options;                           // the file's settings
  std::map<std::string, Node> option_nodes;  // rules.<id>.options, positioned
  std::vector<PathGlob> ignore;              // relative to the file's directory
  // custom-rules and the files of custom-rules-files (built-in ids reserved); never null.
  std::shared_ptr<custom::RuleSet> custom_rules = new_custom_rule_set();

  // An empty set of custom rules that reserves the built-in rule ids.
  [[nodiscard]] static std::shared_ptr<custom::RuleSet> new_custom_rule_set();
};

// Parses configuration text. `directory` anchors the ignore globs. Problems are appended to
// `errors` (code "invalid-config") with positions in `name`.
[[nodiscard]] ConfigFile parse_config(std::string name, std::string text,
                                      const std::filesystem::path& directory,
                                      std::vector<Diagnostic>& errors);

// Reads and parses a configuration file, at most `max_bytes` of it (0 = read_input()'s
// default).
[[nodiscard]] ConfigFile load_config(const std::string& path, std::vector<Diagnostic>& errors,
                                     std::uint64_t max_bytes = 0);

// Layers the Options given to a Linter over the configuration file's (see Options::config_file):
// enable/disable are applied in order (a later --enable undoes the file's `off`), severity and
// rule_options entries replace the file's, other fields replace it when set.
[[nodiscard]] Options layer_options(const Options& file, const Options& given);

// The commented starting configuration `kubelint config init` writes: every setting with its
// default, every rule with its default state.
[[nodiscard]] std::string starter_config();

}  // namespace kubelint
