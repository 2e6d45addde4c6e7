// Tests for lib/src/source.cpp: the line table, positions and the text-level template scan.
#include "yaml/source.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using kubelint::block_scalar_lines;
using kubelint::find_template_action;
using kubelint::find_template_braces;
using kubelint::Position;
using kubelint::SourceFile;

namespace {

// The 1-based numbers of the block-scalar lines, space-separated ("2 3").
std::string block_lines(const std::string& text) {
  SourceFile source("t.yaml", text);
  std::vector<bool> flags = block_scalar_lines(source);
  REQUIRE(flags.size() == source.line_count());
  std::string lines;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (!flags[i]) continue;
    if (!lines.empty()) lines += ' ';
    lines += std::to_string(i + 1);
  }
  return lines;
}

std::optional<Position> template_at(const std::string& text) {
  SourceFile source("t.yaml", text);
  return find_template_action(source);
}

}  // namespace

TEST_CASE("SourceFile keeps the name and counts lines") {
  SUBCASE("empty file has one empty line") {
    SourceFile s("empty.yaml", "");
    CHECK(s.name() == "empty.yaml");
    CHECK(s.line_count() == 1);
    CHECK(s.line(1).empty());
    CHECK(s.text().empty());
  }
  SUBCASE("final line without newline counts") {
    SourceFile s("a.yaml", "a: 1\nb: 2");
    CHECK(s.line_count() == 2);
    CHECK(s.line(1) == "a: 1");
    CHECK(s.line(2) == "b: 2");
  }
  SUBCASE("trailing newline starts an empty last line") {
    SourceFile s("a.yaml", "a: 1\n");
    CHECK(s.line_count() == 2);
    CHECK(s.line(2).empty());
  }
  SUBCASE("out-of-range lines are empty") {
    SourceFile s("a.yaml", "a: 1\nb: 2\n");
    CHECK(s.line(0).empty());
    CHECK(s.line(4).empty());
    CHECK(s.line(1000).empty());
  }
}

TEST_CASE("SourceFile::line strips LF and CRLF terminators") {
  SourceFile s("crlf.yaml", "a: 1\r\nb: 2\r\n\r\nc: 3");
  CHECK(s.line_count() == 4);
  CHECK(s.line(1) == "a: 1");
  CHECK(s.line(2) == "b: 2");
  CHECK(s.line(3).empty());
  CHECK(s.line(4) == "c: 3");
  // A lone '\r' inside a line is content, only a '\r' right before '\n' is a terminator.
  SourceFile t("cr.yaml", "a\rb\n");
  CHECK(t.line(1) == "a\rb");
}

TEST_CASE("SourceFile removes a UTF-8 byte-order mark") {
  SourceFile s("bom.yaml",
               "\xEF\xBB\xBF"
               "a: 1\nb: 2\n");
  CHECK(s.had_bom());
  CHECK(s.text() == "a: 1\nb: 2\n");
  CHECK(s.line(1) == "a: 1");
  // Columns do not count the BOM: the 'a' is column 1.
  CHECK(s.position_at(0) == Position{1, 1});
  CHECK(s.offset(Position{1, 4}) == 3);

  SourceFile plain("plain.yaml", "a: 1\n");
  CHECK_FALSE(plain.had_bom());
  // Only a leading BOM is removed, and only a complete one.
  SourceFile partial("partial.yaml",
                     "\xEF\xBB"
                     "a");
  CHECK_FALSE(partial.had_bom());
  CHECK(partial.text().size() == 3);
  SourceFile middle("middle.yaml", "a\xEF\xBB\xBF");
  CHECK_FALSE(middle.had_bom());
  CHECK(middle.text().size() == 4);
}

TEST_CASE("offset and position_at are inverse on every byte") {
  const std::vector<std::string> texts = {
      "a: 1\nbb: 22\n\nccc: 333",
      "a: 1\r\nb: 2\r\n",
      "n\xC3\xA9: \xC3\xA9t\xC3\xA9\n- x\n",  // UTF-8: columns are bytes
      "\n\n\n",
      "single line, no newline",
  };
  for (const auto& text : texts) {
    SourceFile s("t.yaml", text);
    for (std::size_t off = 0; off <= s.text().size(); ++off) {
      Position p = s.position_at(off);
      INFO("text=" << text << " offset=" << off);
      CHECK(p.line >= 1);
      CHECK(p.column >= 1);
      CHECK(s.offset(p) == off);
    }
  }
}

TEST_CASE("position_at uses 1-based lines and UTF-8 byte columns") {
  SourceFile s("t.yaml", "n\xC3\xA9: x\nb: 2\n");
  CHECK(s.position_at(0) == Position{1, 1});
  // 'x' follows 'n', two bytes of 'é', ':' and ' '.
  CHECK(s.position_at(5) == Position{1, 6});
  // The '\n' itself belongs to its line, one past the last character.
  CHECK(s.position_at(6) == Position{1, 7});
  CHECK(s.position_at(7) == Position{2, 1});
  // Past the end clamps to the end of the text.
  CHECK(s.position_at(1000) == s.position_at(s.text().size()));
  CHECK(s.position_at(s.text().size()) == Position{3, 1});
}

TEST_CASE("offset clamps positions to the text") {
  SourceFile s("t.yaml", "ab\ncd\n");
  CHECK(s.offset(Position{0, 0}) == 0);
  CHECK(s.offset(Position{1, 1}) == 0);
  CHECK(s.offset(Position{2, 2}) == 4);
  // Column 0 is treated as column 1.
  CHECK(s.offset(Position{2, 0}) == 3);
  CHECK(s.offset(Position{99, 1}) == s.text().size());
  CHECK(s.offset(Position{3, 50}) == s.text().size());
}

TEST_CASE("block_scalar_lines marks the content of literal and folded scalars") {
  SUBCASE("key: | at the top level") { CHECK(block_lines("a: |\n  one\n  two\nb: 1\n") == "2 3"); }
  SUBCASE("folded with chomping and indentation indicators") {
    CHECK(block_lines("a: >-\n  x\nb: |+2\n    y\nc: |2-\n   z\nd: 1\n") == "2 4 6");
  }
  SUBCASE("blank lines inside a block belong to it") {
    CHECK(block_lines("a: |\n  one\n\n  two\nb: 1\n") == "2 3 4");
  }
  SUBCASE("a comment after the header") {
    CHECK(block_lines("a: | # script\n  one\nb: 1\n") == "2");
  }
  SUBCASE("nested key ends at a line indented like the key") {
    CHECK(block_lines("data:\n  a: |\n    x\n  b: y\n") == "3");
  }
  SUBCASE("- key: | in a sequence item") {
    CHECK(block_lines("items:\n- name: a\n  script: |\n    echo\n- name: b\n") == "4");
    CHECK(block_lines("items:\n- script: |\n    echo\n  other: 1\n") == "3");
  }
  SUBCASE("- | as a sequence item") {
    // The usual `args:` layout: the content is indented past the dash, not past the '|'.
    CHECK(block_lines("args:\n  - |\n    echo one\n    echo two\n  - plain\n") == "3 4");
    CHECK(block_lines("args:\n- >\n  folded\n- plain\n") == "3");
    CHECK(block_lines("- &script |\n  x\n- y\n") == "2");
  }
  SUBCASE("not headers") {
    CHECK(block_lines("a: b|\nc: 'x |'\nd: x # |\ne: a > b\n  f\n").empty());
    CHECK(block_lines("a: 1\n").empty());
  }
  SUBCASE("CRLF") { CHECK(block_lines("a: |\r\n  one\r\nb: 1\r\n") == "2"); }
}

TEST_CASE("find_template_action reports template syntax where YAML structure is expected") {
  SUBCASE("no braces at all") { CHECK_FALSE(template_at("a: 1\nb: [x]\n").has_value()); }
  SUBCASE("unquoted value") {
    CHECK(template_at("image: {{ .Values.image }}\n") == Position{1, 8});
  }
  SUBCASE("line start") {
    CHECK(template_at("a: 1\n{{- if .Values.x }}\nb: 2\n{{- end }}\n") == Position{2, 1});
    CHECK(template_at("spec:\n  {{ include \"x\" . }}\n") == Position{2, 3});
  }
  SUBCASE("after a sequence dash") {
    CHECK(template_at("args:\n  - {{ .Values.arg }}\n") == Position{2, 5});
    CHECK(template_at("containers:\n- name: {{ .Values.name }}\n") == Position{2, 9});
  }
  SUBCASE("nested value after a quoted key") {
    CHECK(template_at("\"a: b\": {{ x }}\n") == Position{1, 9});
  }
  SUBCASE("quoted strings are text") {
    CHECK_FALSE(template_at("image: \"{{ .Values.image }}\"\n").has_value());
    CHECK_FALSE(template_at("image: '{{ .Values.image }}'\n").has_value());
    CHECK_FALSE(template_at("args:\n- \"{{ x }}\"\n").has_value());
    CHECK_FALSE(template_at("msg: \"a: {{ x }}\"\n").has_value());
  }
  SUBCASE("text inside a plain scalar is not structure") {
    CHECK_FALSE(template_at("summary: value is {{ $value }}\n").has_value());
  }
  SUBCASE("comments are not structure") {
    CHECK_FALSE(template_at("# {{ .Values.x }}\na: 1\n").has_value());
    CHECK_FALSE(template_at("a: 1 # {{ .Values.x }}\n").has_value());
  }
  SUBCASE("block scalars (ConfigMap payloads, alert templates) are text") {
    const std::string configmap =
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "data:\n"
        "  alert.tmpl: |\n"
        "    {{ define \"slack.title\" }}\n"
        "    summary: {{ .CommonLabels.alertname }}\n"
        "    {{ end }}\n"
        "  other: 1\n";
    CHECK_FALSE(template_at(configmap).has_value());
    const std::string args =
        "args:\n"
        "  - |\n"
        "    {{ range . }}x{{ end }}\n";
    CHECK_FALSE(template_at(args).has_value());
  }
  SUBCASE("a template after the block scalar ends is found") {
    CHECK(template_at("a: |\n  {{ x }}\nb: {{ y }}\n") == Position{3, 4});
  }
  SUBCASE("the first of several is reported") {
    CHECK(template_at("a: {{ x }}\nb: {{ y }}\n") == Position{1, 4});
  }
}

TEST_CASE("find_template_braces finds '{{' anywhere") {
  SourceFile none("t.yaml", "a: 1\n");
  CHECK_FALSE(find_template_braces(none).has_value());
  SourceFile quoted("t.yaml", "a: 1\nb: \"{{ x }}\"\n");
  CHECK(find_template_braces(quoted) == Position{2, 5});
  SourceFile bom("t.yaml", "\xEF\xBB\xBF{{ x }}\n");
  CHECK(find_template_braces(bom) == Position{1, 1});
}

// read_descriptor reads straight into the result, sized from fstat for a regular file and
// growing for anything else; these pin the edges of that loop.
namespace {

std::string temp_file_with(const std::string& content) {
  char name[] = "/tmp/kubelint-source-test-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
  ::close(fd);
  return name;
}

std::string patterned(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
  return s;
}

}  // namespace

TEST_CASE("read_input returns a regular file's bytes whatever its size") {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{65536},
                        std::size_t{65537}, std::size_t{300000}}) {
    CAPTURE(n);
    std::string content = patterned(n);
    std::string path = temp_file_with(content);
    kubelint::ReadResult r = kubelint::read_input(path, 0);
    ::unlink(path.c_str());
    CHECK(r.ok());
    CHECK(r.content == content);
  }
}

TEST_CASE("read_input stops one byte over the limit and keeps the first max bytes") {
  std::string content = patterned(1000);
  std::string path = temp_file_with(content);
  kubelint::ReadResult exact = kubelint::read_input(path, 1000);
  kubelint::ReadResult over = kubelint::read_input(path, 999);
  ::unlink(path.c_str());
  CHECK(exact.ok());
  CHECK(exact.content == content);
  CHECK(over.status == kubelint::ReadResult::Status::too_large);
  CHECK(over.content == content.substr(0, 999));
  CHECK(over.error.find("larger than 999 bytes") != std::string::npos);
}

TEST_CASE("read_input with the largest limit reads the file (the limit plus one does not wrap)") {
  std::string content = patterned(100);
  std::string path = temp_file_with(content);
  kubelint::ReadResult r = kubelint::read_input(path, std::numeric_limits<std::uint64_t>::max());
  ::unlink(path.c_str());
  CHECK(r.ok());
  CHECK(r.content == content);
}

TEST_CASE("read_descriptor reads a pipe of unknown size across several growths") {
  std::string content = patterned(200000);  // more than a pipe buffer: the writer blocks
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fds[1], content.data() + done, content.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  kubelint::ReadResult r = kubelint::read_descriptor(fds[0], 0);
  writer.join();
  ::close(fds[0]);
  CHECK(r.ok());
  CHECK(r.content == content);
}

TEST_CASE("comment marks are every ' #', on any line, and only those") {
  SourceFile s("t.yaml", "#top\na: '#' # c1\n b: x#y #c2\n#\n # d");
  CHECK(s.comment_start(1, 0) == std::string_view::npos);  // '#' at column 1: no space before
  CHECK(s.comment_start(2, 0) == 6);
  CHECK(s.comment_start(3, 0) == 7);
  CHECK(s.comment_start(4, 0) == std::string_view::npos);
  CHECK(s.comment_start(5, 0) == 0);
}
