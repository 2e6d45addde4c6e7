// A small streaming JSON writer with deterministic, pretty output (2-space indent). Used by the
// json reporter now and by SARIF/GitLab reporters; no third-party JSON dependency is needed to
// write JSON.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

class JsonWriter {
 public:
  // Without a sink the document accumulates in memory (take()); with one it is written there in
  // chunks as it grows (finish()), so a large report is never held twice.
  explicit JsonWriter(std::ostream* sink = nullptr) : sink_(sink) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(std::uint64_t v);
  JsonWriter& value(std::uint32_t v) { return value(static_cast<std::uint64_t>(v)); }
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& null();
  // key + value in one call.
  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  [[nodiscard]] std::string take() {
    out_ += '\n';
    return std::move(out_);
  }
  // Ends the document: writes what is left to the sink (or keeps it for take() without one).
  void finish();

  static void escape(std::string& out, std::string_view s);

 private:
  void before_value();
  void newline();
  JsonWriter& close(char bracket);

  std::ostream* sink_ = nullptr;
  std::string out_;
  struct Level {
    bool array;
    bool empty;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace kubelint
