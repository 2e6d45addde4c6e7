// Helpers shared by the unit tests: loading YAML text, and doctest printers for kubelint types so
// a failed CHECK shows "3:7" instead of "{?}".
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

#include "loader.hpp"
#include "node.hpp"
#include "source.hpp"

namespace kubelint::test {

// A loaded text that keeps its SourceFile alive as long as the documents that point into it.
struct Loaded {
  std::unique_ptr<SourceFile> source;
  LoadedStream stream;

  [[nodiscard]] const Document& doc(std::size_t i = 0) const {
    REQUIRE(i < stream.documents.size());
    return *stream.documents[i];
  }
  [[nodiscard]] Node root(std::size_t i = 0) const { return doc(i).root(); }
};

inline Loaded load(std::string text, std::string name = "test.yaml") {
  Loaded l;
  l.source = std::make_unique<SourceFile>(std::move(name), std::move(text));
  l.stream = load_all(*l.source);
  return l;
}

// Loads text that must parse without errors.
inline Loaded load_ok(std::string text) {
  Loaded l = load(std::move(text));
  for (const auto& e : l.stream.errors) {
    FAIL_CHECK("unexpected load error at " << e.pos.line << ":" << e.pos.column << ": "
                                           << e.message);
  }
  return l;
}

}  // namespace kubelint::test

namespace doctest {

template <>
struct StringMaker<kubelint::Position> {
  static String convert(const kubelint::Position& p) {
    return (std::to_string(p.line) + ":" + std::to_string(p.column)).c_str();
  }
};

template <>
struct StringMaker<std::optional<kubelint::Position>> {
  static String convert(const std::optional<kubelint::Position>& p) {
    return p ? StringMaker<kubelint::Position>::convert(*p) : String("nullopt");
  }
};

template <>
struct StringMaker<kubelint::NodeKind> {
  static String convert(kubelint::NodeKind k) { return std::string(to_string(k)).c_str(); }
};

}  // namespace doctest
