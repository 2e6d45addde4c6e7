// The loader: the only place that includes yaml-cpp. Turns a SourceFile into Documents, one at a
// time, from yaml-cpp's event API (faster than YAML::Load, keeps key positions, sees duplicate
// keys, and never holds more than one document tree of a large stream).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "yaml/node.hpp"
#include "yaml/source.hpp"

namespace kubelint {

struct LoadError {
  Position pos;
  std::string message;
  // A resource limit (README "Limits": nesting depth, merge-key expansion), not a syntax error.
  bool limit = false;
};

// Merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved when a key is looked up, never expanded
// eagerly. A mapping that merges others costs its lookups one visit per mapping merged into it,
// directly or through the mappings it merges (counted with repetition); a document may total at
// most this many such visits, so lookups stay linear in the input whatever the merges nest.
inline constexpr std::uint64_t kMaxMergeExpansion = 100000;

class DocumentStream {
 public:
  explicit DocumentStream(const SourceFile& source);
  ~DocumentStream();
  DocumentStream(const DocumentStream&) = delete;
  DocumentStream& operator=(const DocumentStream&) = delete;

  struct Item {
    std::unique_ptr<Document> document;  // set for a parsed document (its root may be null)
    std::optional<LoadError> error;      // set for a document that failed to parse
  };

  // The next document or syntax error; nullopt at the end of the stream. After a syntax error
  // parsing resumes at the next line that starts a document (`---`), so one broken document does
  // not hide the others.
  [[nodiscard]] std::optional<Item> next();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for tests and small inputs: every document of a source.
struct LoadedStream {
  std::vector<std::unique_ptr<Document>> documents;
  std::vector<LoadError> errors;
};
[[nodiscard]] LoadedStream load_all(const SourceFile& source);

// Whether a file is a Go/Helm template rather than YAML: the position of the template action to
// report, or nullopt. The text scan (find_template_action) only raises the question; a file that
// parses as YAML and whose `{{` all lie inside scalar values (a multi-line plain or quoted
// scalar whose continuation line starts with `{{`, a Grafana dashboard in a ConfigMap) is YAML.
// Only a `{{` that YAML reads as structure (a flow mapping that starts with it) or a file that
// does not parse makes it a template.
[[nodiscard]] std::optional<Position> find_template_file(const SourceFile& source);

}  // namespace kubelint
