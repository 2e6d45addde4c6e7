// Tests for lib/src/loader.cpp: the Node tree the loader builds from YAML text, with the exact
// 1-based line:column of every node (UTF-8 byte columns), documents of a stream, duplicate keys,
// anchors, and recovery from syntax errors.
#include "yaml/loader.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "test_support.hpp"

using kubelint::Document;
using kubelint::DocumentStream;
using kubelint::Node;
using kubelint::NodeKind;
using kubelint::Position;
using kubelint::SourceFile;
using kubelint::test::load;
using kubelint::test::load_ok;

namespace {

// Counts the nodes reachable from `n`, giving up (returning -1) past `limit`: a cycle or an
// expanded alias bomb would exceed it.
long reachable(Node n, long limit) {
  long count = 1;
  for (Node item : n.items()) {
    long c = reachable(item, limit - count);
    if (c < 0) return -1;
    count += c;
    if (count > limit) return -1;
  }
  for (auto [k, v] : n.entries()) {
    long c = reachable(v, limit - count);
    if (c < 0) return -1;
    count += c + 1;
    if (count > limit) return -1;
  }
  return count;
}

}  // namespace

TEST_CASE("loader: block mappings and sequences have exact positions") {
  auto l = load_ok(
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: web\n"
      "spec:\n"
      "  containers:\n"
      "  - name: app\n"
      "    image: \"nginx:1.25\"\n"
      "    ports:\n"
      "    - containerPort: 80\n");
  Node root = l.root();
  REQUIRE(root.is_map());
  CHECK(root.begin() == Position{1, 1});
  CHECK(root.size() == 4);

  Node api = root.get("apiVersion");
  CHECK(api.scalar() == "v1");
  CHECK(api.begin() == Position{1, 13});
  CHECK(api.end() == Position{1, 15});
  CHECK(api.key_begin() == Position{1, 1});

  // yaml-cpp starts a block mapping at its first key; a reader sees it at the key that names
  // it, so that is where begin() (and every finding about it) points.
  Node meta = root.get("metadata");
  CHECK(meta.begin() == Position{3, 1});
  CHECK(meta.key_begin() == Position{3, 1});
  CHECK(meta.get("name").begin() == Position{4, 9});

  // Likewise a block sequence under a key; an item mapping begins at its first key.
  Node containers = root.at_path({"spec", "containers"});
  REQUIRE(containers.is_sequence());
  CHECK(containers.begin() == Position{6, 3});
  CHECK(containers.key_begin() == Position{6, 3});
  Node app = containers.at(0);
  CHECK(app.begin() == Position{7, 5});
  CHECK(app.key_begin() == Position{7, 5});  // items have no key

  Node image = app.get("image");
  CHECK(image.scalar() == "nginx:1.25");
  CHECK(image.quoted());
  CHECK(image.begin() == Position{8, 12});
  CHECK(image.end() == Position{8, 24});  // one past the closing quote
  CHECK(image.key_begin() == Position{8, 5});

  Node port = app.get("ports").at(0).get("containerPort");
  CHECK(port.begin() == Position{10, 22});
  CHECK(port.end() == Position{10, 24});
  // Containers end where their last value ends.
  CHECK(app.end() == Position{10, 24});
  CHECK(root.end() == Position{10, 24});
}

TEST_CASE("loader: keys are nodes with their own positions") {
  auto l = load_ok("a: 1\nlong-key: 2\n");
  auto it = l.root().entries().begin();
  auto [k1, v1] = *it;
  CHECK(k1.scalar() == "a");
  CHECK(k1.begin() == Position{1, 1});
  CHECK(k1.end() == Position{1, 2});
  ++it;
  auto [k2, v2] = *it;
  CHECK(k2.scalar() == "long-key");
  CHECK(k2.end() == Position{2, 9});
  CHECK(v2.begin() == Position{2, 11});
  CHECK(v2.key() == "long-key");
}

TEST_CASE("loader: flow style and JSON") {
  SUBCASE("flow collections") {
    auto l = load_ok("x: {a: 1, b: [1, \"two\"], c: {}}\ny: []\n");
    Node x = l.root().get("x");
    REQUIRE(x.is_map());
    CHECK(x.begin() == Position{1, 4});
    CHECK(x.end() == Position{1, 32});  // one past '}'
    CHECK(x.get("a").begin() == Position{1, 8});
    CHECK(x.get("a").key_begin() == Position{1, 5});
    Node b = x.get("b");
    CHECK(b.begin() == Position{1, 14});
    CHECK(b.end() == Position{1, 24});
    CHECK(b.at(1).scalar() == "two");
    CHECK(b.at(1).begin() == Position{1, 18});
    CHECK(b.at(1).end() == Position{1, 23});
    Node c = x.get("c");
    CHECK(c.is_map());
    CHECK(c.size() == 0);
    CHECK(c.begin() == Position{1, 29});
    CHECK(c.end() == Position{1, 31});
    Node y = l.root().get("y");
    CHECK(y.is_sequence());
    CHECK(y.size() == 0);
    CHECK(y.begin() == Position{2, 4});
    CHECK(y.end() == Position{2, 6});
  }
  SUBCASE("a flow collection spanning lines") {
    auto l = load_ok("args: [\n  \"a\",\n  \"b\"\n]\n");
    Node args = l.root().get("args");
    CHECK(args.begin() == Position{1, 7});
    CHECK(args.end() == Position{4, 2});
    CHECK(args.at(1).begin() == Position{3, 3});
  }
  SUBCASE("JSON") {
    auto l = load_ok(
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n"
        " \"metadata\": {\"name\": \"p\", \"labels\": {\"app\": \"x\"}}}\n");
    Node root = l.root();
    REQUIRE(root.is_map());
    CHECK(root.begin() == Position{1, 1});
    CHECK(root.get("kind").scalar() == "Pod");
    CHECK(root.get("kind").begin() == Position{1, 30});
    CHECK(root.get("kind").key_begin() == Position{1, 22});
    Node name = root.at_path({"metadata", "name"});
    CHECK(name.begin() == Position{2, 23});
    CHECK(name.end() == Position{2, 26});
    CHECK(name.path() == "metadata.name");
    CHECK(root.at_path({"metadata", "labels", "app"}).scalar() == "x");
  }
}

TEST_CASE("loader: columns are UTF-8 bytes") {
  auto l = load_ok("n\xC3\xA9: \xC3\xA9t\xC3\xA9 x\nb: 2\n");
  auto [k, v] = *l.root().entries().begin();
  CHECK(k.scalar() == "n\xC3\xA9");
  CHECK(k.end() == Position{1, 4});
  CHECK(v.begin() == Position{1, 6});
  CHECK(v.end() == Position{1, 6 + 7});  // "été x" is 7 bytes
  CHECK(l.root().get("b").begin() == Position{2, 4});
}

TEST_CASE("loader: CRLF line endings") {
  auto l = load_ok("a: 1\r\nb: \"x\"\r\nc: plain text\r\nd:\r\n  - e\r\n");
  Node root = l.root();
  CHECK(root.get("a").scalar() == "1");
  CHECK(root.get("b").begin() == Position{2, 4});
  CHECK(root.get("b").end() == Position{2, 7});
  Node c = root.get("c");
  CHECK(c.scalar() == "plain text");  // no '\r'
  CHECK(c.begin() == Position{3, 4});
  CHECK(c.end() == Position{3, 14});
  CHECK(root.get("d").at(0).begin() == Position{5, 5});
  CHECK(root.get("d").at(0).scalar() == "e");
}

TEST_CASE("loader: a byte-order mark is not a column") {
  auto l = load_ok(
      "\xEF\xBB\xBF"
      "a: 1\nb:\n  c: 2\n");
  CHECK(l.source->had_bom());
  CHECK(l.root().get("a").begin() == Position{1, 4});
  CHECK(l.root().get("a").key_begin() == Position{1, 1});
  CHECK(l.root().at_path({"b", "c"}).begin() == Position{3, 6});
}

TEST_CASE("loader: plain, quoted and block scalars") {
  auto l = load_ok(
      "plain: hello world # comment\n"
      "double: \"a\\\"b\"\n"
      "single: 'it''s'\n"
      "literal: |\n"
      "  line\n"
      "folded: >\n"
      "  text\n"
      "number: 3\n"
      "qnumber: \"3\"\n"
      "multi: \"one\n"
      "  two\"\n");
  Node root = l.root();
  Node plain = root.get("plain");
  CHECK(plain.scalar() == "hello world");
  CHECK_FALSE(plain.quoted());
  CHECK(plain.begin() == Position{1, 8});
  CHECK(plain.end() == Position{1, 19});  // not the comment

  Node dq = root.get("double");
  CHECK(dq.scalar() == "a\"b");
  CHECK(dq.quoted());
  CHECK(dq.begin() == Position{2, 9});
  CHECK(dq.end() == Position{2, 15});  // the escaped quote does not end it

  Node sq = root.get("single");
  CHECK(sq.scalar() == "it's");
  CHECK(sq.quoted());
  CHECK(sq.end() == Position{3, 16});  // '' is an escaped quote

  Node lit = root.get("literal");
  CHECK(lit.scalar() == "line\n");
  CHECK(lit.quoted());
  CHECK(lit.begin() == Position{4, 10});
  CHECK(lit.end() == Position{4, 11});  // the header line

  CHECK(root.get("folded").scalar() == "text\n");
  CHECK(root.get("folded").quoted());

  CHECK_FALSE(root.get("number").quoted());
  CHECK(root.get("qnumber").quoted());
  CHECK(root.get("qnumber").scalar() == "3");

  Node multi = root.get("multi");
  CHECK(multi.scalar() == "one two");
  CHECK(multi.begin() == Position{10, 8});
  CHECK(multi.end() == Position{11, 7});
}

TEST_CASE("loader: explicit tags") {
  auto l = load_ok("a: !!str 3\nb: !custom x\nc: 4\nd: !!map {k: v}\n");
  Node root = l.root();
  CHECK(root.get("a").tag() == "tag:yaml.org,2002:str");
  CHECK(root.get("a").scalar() == "3");
  CHECK_FALSE(root.get("a").as_int().has_value());  // !!str makes it a string
  CHECK(root.get("b").tag() == "!custom");
  CHECK(root.get("c").tag().empty());
  CHECK(root.get("d").tag() == "tag:yaml.org,2002:map");
  CHECK(root.get("d").get("k").scalar() == "v");
}

TEST_CASE("loader: null values") {
  SUBCASE("implicit null is positioned at its key") {
    auto l = load_ok("a:\nb: 1\nlast:\n");
    Node a = l.root().get("a");
    CHECK(a.kind() == NodeKind::null);
    CHECK(a.is_null());
    CHECK_FALSE(a.is_missing());
    CHECK_FALSE(a.defined());
    CHECK(a.begin() == Position{1, 1});
    CHECK(a.end() == Position{1, 2});
    Node last = l.root().get("last");
    CHECK(last.is_null());
    CHECK(last.begin() == Position{3, 1});
    CHECK(last.end() == Position{3, 5});
  }
  SUBCASE("implicit null before a key that starts like a null literal") {
    auto l = load_ok("a:\nnullable: 1\nb:\nNULLS: 2\nc:\n~x: 3\n");
    Node root = l.root();
    for (std::string key : {"a", "b", "c"}) {
      Node v = root.get(key);
      INFO("key " << key);
      CHECK(v.is_null());
      CHECK(v.begin() == v.key_begin());
      CHECK(v.end().line == v.begin().line);
    }
    CHECK(root.get("a").begin() == Position{1, 1});
    CHECK(root.get("b").begin() == Position{3, 1});
    CHECK(root.get("c").begin() == Position{5, 1});
    CHECK(root.get("nullable").scalar() == "1");
  }
  SUBCASE("implicit null before a key named null") {
    auto l = load_ok("a:\n\"null\": 1\n");
    CHECK(l.root().get("a").begin() == Position{1, 1});
  }
  SUBCASE("explicit nulls are positioned at their text") {
    auto l = load_ok("a: ~\nb: null\nc: Null\nd: NULL # comment\ne: [~, null]\n");
    Node root = l.root();
    CHECK(root.get("a").is_null());
    CHECK(root.get("a").begin() == Position{1, 4});
    CHECK(root.get("a").end() == Position{1, 5});
    CHECK(root.get("b").begin() == Position{2, 4});
    CHECK(root.get("b").end() == Position{2, 8});
    CHECK(root.get("c").is_null());
    CHECK(root.get("d").is_null());
    CHECK(root.get("d").end() == Position{4, 8});
    CHECK(root.get("e").at(0).is_null());
    CHECK(root.get("e").at(0).begin() == Position{5, 5});
    CHECK(root.get("e").at(1).begin() == Position{5, 8});
    CHECK(root.get("e").at(1).end() == Position{5, 12});
  }
  SUBCASE("an anchored null is positioned at its text") {
    auto l = load_ok("a: &x ~\nb: *x\n");
    Node a = l.root().get("a");
    CHECK(a.is_null());
    CHECK(a.begin() == Position{1, 4});
    CHECK(a.end() == Position{1, 8});
  }
  SUBCASE("quoted null is a string") {
    auto l = load_ok("a: \"null\"\nb: '~'\n");
    CHECK(l.root().get("a").is_scalar());
    CHECK(l.root().get("a").scalar() == "null");
    CHECK(l.root().get("b").is_scalar());
  }
  SUBCASE("an empty sequence item is positioned at its dash") {
    auto l = load_ok("items:\n- \n- b\n-\nlast:\n  -   # nothing\n");
    Node items = l.root().get("items");
    REQUIRE(items.size() == 3);
    CHECK(items.at(0).is_null());
    CHECK(items.at(0).begin() == Position{2, 1});
    CHECK(items.at(0).end() == Position{2, 2});
    CHECK(items.at(1).scalar() == "b");
    CHECK(items.at(2).is_null());
    CHECK(items.at(2).begin() == Position{4, 1});
    Node last = l.root().get("last");
    REQUIRE(last.size() == 1);
    CHECK(last.at(0).begin() == Position{6, 3});
  }
}

TEST_CASE("loader: documents of a stream") {
  SUBCASE("leading ---, --- with a comment, ... end marker") {
    auto l = load_ok(
        "---\n"
        "a: 1\n"
        "--- # second\n"
        "b: 2\n"
        "...\n"
        "---\n"
        "c: 3\n");
    REQUIRE(l.stream.documents.size() == 3);
    CHECK(l.doc(0).index() == 0);
    CHECK(l.doc(1).index() == 1);
    CHECK(l.doc(2).index() == 2);
    CHECK(l.doc(0).begin() == Position{1, 1});
    CHECK(l.doc(1).begin() == Position{3, 1});
    CHECK(l.doc(2).begin() == Position{6, 1});
    CHECK(l.root(0).get("a").begin() == Position{2, 4});
    CHECK(l.root(1).get("b").begin() == Position{4, 4});
    CHECK(l.root(2).get("c").begin() == Position{7, 4});
    CHECK(&l.doc(1).source() == l.source.get());
  }
  SUBCASE("no leading ---") {
    auto l = load_ok("a: 1\n---\nb: 2\n");
    REQUIRE(l.stream.documents.size() == 2);
    CHECK(l.doc(0).begin() == Position{1, 1});
    CHECK(l.root(1).get("b").scalar() == "2");
  }
  SUBCASE("--- inside a block scalar does not split the document") {
    auto l = load_ok(
        "kind: ConfigMap\n"
        "data:\n"
        "  README.md: |\n"
        "    title\n"
        "    ---\n"
        "    body\n"
        "  other: x\n"
        "---\n"
        "kind: Second\n");
    REQUIRE(l.stream.documents.size() == 2);
    CHECK(l.root(0).at_path({"data", "README.md"}).scalar() == "title\n---\nbody\n");
    CHECK(l.root(0).at_path({"data", "other"}).scalar() == "x");
    CHECK(l.root(1).get("kind").scalar() == "Second");
  }
  SUBCASE("empty documents have a null root") {
    auto l = load_ok("# only a comment\n---\na: 1\n---\n");
    bool found_map = false;
    for (const auto& d : l.stream.documents) {
      Node r = d->root();
      CHECK((r.is_null() || r.is_missing() || r.is_map()));
      if (r.is_map()) {
        found_map = true;
        CHECK(r.get("a").begin() == Position{3, 4});
      }
    }
    CHECK(found_map);
  }
  SUBCASE("empty input") {
    auto l = load("");
    CHECK(l.stream.errors.empty());
    for (const auto& d : l.stream.documents) CHECK_FALSE(d->root().defined());
  }
  SUBCASE("DocumentStream yields documents one at a time") {
    SourceFile src("s.yaml", "a: 1\n---\nb: 2\n");
    DocumentStream stream(src);
    auto first = stream.next();
    REQUIRE(first.has_value());
    REQUIRE(first->document != nullptr);
    CHECK_FALSE(first->error.has_value());
    CHECK(first->document->root().get("a").scalar() == "1");
    auto second = stream.next();
    REQUIRE(second.has_value());
    REQUIRE(second->document != nullptr);
    CHECK(second->document->index() == 1);
    CHECK_FALSE(stream.next().has_value());
    CHECK_FALSE(stream.next().has_value());  // stays at the end
  }
}

// The loader builds documents in storage it keeps per thread between documents: each finished
// document owns exactly its own nodes, whatever was parsed before, after or in between.
TEST_CASE(
    "loader: documents parsed one after another, and two streams side by side, keep their own "
    "nodes") {
  std::string big = "items:\n";
  for (int i = 0; i < 300; ++i)
    big += "- name: item-" + std::to_string(i) + "\n  value: " + std::to_string(i) + "\n";
  auto first = load_ok(big);
  auto failed = load("a: 1\nb: : x\n");  // a document that fails half way
  CHECK(failed.stream.errors.size() == 1);
  auto small = load_ok("kind: Pod\nmetadata: {name: web}\n");
  REQUIRE(small.root().is_map());
  CHECK(small.doc().node_count() == 7);
  CHECK(small.root().get("metadata").get("name").scalar() == "web");
  CHECK(small.root().get("metadata").get("name").begin() == Position{2, 18});
  // The big document is intact after the others were parsed.
  Node items = first.root().get("items");
  REQUIRE(items.size() == 300);
  CHECK(items.at(299).get("name").scalar() == "item-299");
  CHECK(items.at(299).get("value").begin() == Position{601, 10});
  CHECK(first.doc().node_count() == 2 + 1 + 300 * 5);

  // Two streams on one thread, their documents interleaved.
  SourceFile a("a.yaml", "x: 1\n---\ny: [1, 2, 3]\n");
  SourceFile b("b.yaml", "p: {q: r}\n---\ns: t\n");
  DocumentStream sa(a);
  DocumentStream sb(b);
  auto a1 = sa.next();
  auto b1 = sb.next();
  auto a2 = sa.next();
  auto b2 = sb.next();
  REQUIRE((a1 && a1->document && b1 && b1->document && a2 && a2->document && b2 && b2->document));
  CHECK(a1->document->root().get("x").scalar() == "1");
  CHECK(b1->document->root().get("p").get("q").scalar() == "r");
  CHECK(a2->document->root().get("y").size() == 3);
  CHECK(a2->document->root().get("y").at(2).scalar() == "3");
  CHECK(b2->document->root().get("s").scalar() == "t");
  CHECK(b2->document->root().get("s").begin() == Position{3, 4});
  CHECK_FALSE(sa.next().has_value());
  CHECK_FALSE(sb.next().has_value());
}

TEST_CASE("loader: syntax errors are reported and parsing resumes at the next document") {
  SUBCASE("bad mapping value") {
    auto l = load("a: 1\n---\nb: : x\nc: 1\n---\nd: 4\n");
    REQUIRE(l.stream.errors.size() == 1);
    CHECK(l.stream.errors[0].pos.line == 3);
    CHECK_FALSE(l.stream.errors[0].message.empty());
    REQUIRE(l.stream.documents.size() == 2);
    CHECK(l.root(0).get("a").scalar() == "1");
    CHECK(l.root(1).get("d").scalar() == "4");
    CHECK(l.root(1).get("d").begin() == Position{6, 4});
    // The broken document keeps its index: document indices are positions in the stream.
    CHECK(l.doc(1).index() == 2);
  }
  SUBCASE("bad indentation") {
    auto l = load("a:\n  b: 1\n c: 2\n---\nd: 4\n");
    REQUIRE(l.stream.errors.size() == 1);
    CHECK(l.stream.errors[0].pos.line == 3);
    REQUIRE(l.stream.documents.size() == 1);
    CHECK(l.root(0).get("d").begin() == Position{5, 4});
  }
  SUBCASE("an unclosed flow sequence is detected at the next ---") {
    auto l = load("a: 1\n---\nb: [1, 2\n---\nc: 3\n");
    REQUIRE(l.stream.errors.size() == 1);
    CHECK(l.stream.errors[0].pos.line >= 3);
    CHECK(l.stream.errors[0].pos.line <= 4);
    REQUIRE(l.stream.documents.size() == 2);
    CHECK(l.root(1).get("c").scalar() == "3");
    CHECK(l.root(1).get("c").begin() == Position{5, 4});
  }
  SUBCASE("an unterminated quoted string") {
    auto l = load("a: \"unterminated\n---\nc: 3\n");
    REQUIRE(l.stream.errors.size() == 1);
    CHECK(l.stream.errors[0].pos.line <= 2);
    REQUIRE(l.stream.documents.size() == 1);
    CHECK(l.root(0).get("c").scalar() == "3");
  }
  SUBCASE("an error in the last document ends the stream") {
    auto l = load("a: 1\n---\nb: [\n");
    CHECK(l.stream.errors.size() == 1);
    CHECK(l.stream.documents.size() == 1);
    for (const auto& e : l.stream.errors) {
      CHECK(e.pos.line >= 3);
      CHECK(e.pos.line <= l.source->line_count());
    }
  }
  SUBCASE("several broken documents") {
    auto l = load("a: [\n---\nb: 1\n---\nc: : d\n---\ne: 2\n");
    CHECK(l.stream.errors.size() == 2);
    REQUIRE(l.stream.documents.size() == 2);
    CHECK(l.root(0).get("b").scalar() == "1");
    CHECK(l.root(1).get("e").scalar() == "2");
    CHECK(l.root(1).get("e").begin() == Position{7, 4});
  }
  SUBCASE("undefined alias") {
    auto l = load("a: *nothing\n---\nb: 1\n");
    REQUIRE(l.stream.errors.size() == 1);
    CHECK(l.stream.errors[0].pos.line == 1);
    REQUIRE(l.stream.documents.size() == 1);
    CHECK(l.root(0).get("b").scalar() == "1");
  }
}

TEST_CASE("loader: duplicate keys are recorded") {
  SUBCASE("small map") {
    auto l = load_ok("a: 1\nb: 2\na: 3\n");
    const auto& dups = l.doc().duplicate_keys();
    REQUIRE(dups.size() == 1);
    CHECK(dups[0].key.scalar() == "a");
    CHECK(dups[0].key.begin() == Position{3, 1});
    CHECK(dups[0].first.begin() == Position{1, 1});
    // The last one wins.
    CHECK(l.root().get("a").scalar() == "3");
    CHECK(l.root().size() == 3);  // both entries are kept
  }
  SUBCASE("a third occurrence pairs with the first") {
    auto l = load_ok("a: 1\na: 2\na: 3\n");
    const auto& dups = l.doc().duplicate_keys();
    REQUIRE(dups.size() == 2);
    for (const auto& d : dups) CHECK(d.first.begin() == Position{1, 1});
    CHECK(dups[0].key.begin().line + dups[1].key.begin().line == 5);
    CHECK(l.root().get("a").scalar() == "3");
  }
  SUBCASE("flow map and nested maps are separate scopes") {
    auto l = load_ok("x: {k: 1, k: 2}\ny:\n  k: 1\nz:\n  k: 2\n");
    const auto& dups = l.doc().duplicate_keys();
    REQUIRE(dups.size() == 1);
    CHECK(dups[0].key.begin() == Position{1, 11});
    CHECK(dups[0].first.begin() == Position{1, 5});
  }
  SUBCASE("quoting does not make a different key") {
    auto l = load_ok("a: 1\n\"a\": 2\n");
    REQUIRE(l.doc().duplicate_keys().size() == 1);
  }
  SUBCASE("several merge keys are not duplicates") {
    auto l = load_ok("b1: &b1 {x: 1}\nb2: &b2 {y: 2}\nm:\n  <<: *b1\n  <<: *b2\n");
    CHECK(l.doc().duplicate_keys().empty());
  }
  SUBCASE("map with more keys than the linear scan handles") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "k3: late\n";   // line 41, duplicate of line 4
    text += "k30: late\n";  // line 42, duplicate of line 31 (both past the linear limit)
    text += "k3: later\n";  // line 43, third occurrence of k3
    text += "k40: new\n";   // not a duplicate
    auto l = load_ok(text);
    const auto& dups = l.doc().duplicate_keys();
    REQUIRE(dups.size() == 3);
    CHECK(dups[0].key.begin() == Position{41, 1});
    CHECK(dups[0].first.begin() == Position{4, 1});
    CHECK(dups[1].key.begin() == Position{42, 1});
    CHECK(dups[1].first.begin() == Position{31, 1});
    CHECK(dups[2].key.begin() == Position{43, 1});
    CHECK(dups[2].first.begin() == Position{4, 1});
    CHECK(l.root().get("k3").scalar() == "later");
    CHECK(l.root().get("k30").scalar() == "late");
    CHECK(l.root().get("k39").scalar() == "39");
  }
  SUBCASE("duplicates within the first keys of a big map") {
    std::string text = "a: 1\na: 2\n";
    for (int i = 0; i < 30; ++i) text += "k" + std::to_string(i) + ": x\n";
    text += "a: 3\n";  // line 33
    auto l = load_ok(text);
    const auto& dups = l.doc().duplicate_keys();
    REQUIRE(dups.size() == 2);
    CHECK(dups[0].key.begin() == Position{2, 1});
    CHECK(dups[1].key.begin() == Position{33, 1});
    CHECK(dups[1].first.begin() == Position{1, 1});
  }
  SUBCASE("duplicates are per document") {
    auto l = load_ok("a: 1\n---\na: 1\n");
    CHECK(l.doc(0).duplicate_keys().empty());
    CHECK(l.doc(1).duplicate_keys().empty());
  }
}

TEST_CASE("loader: anchors and aliases share the anchored node") {
  auto l = load_ok("base: &b\n  x: 1\nuse: *b\nlist: [&s str, *s]\n");
  Node base = l.root().get("base");
  Node use = l.root().get("use");
  CHECK(use.is_map());
  CHECK(use.id() == base.id());
  CHECK(use.get("x").scalar() == "1");
  // An alias is the anchored node: its position and path are the anchor's.
  CHECK(use.get("x").begin() == Position{2, 6});
  CHECK(use.get("x").path() == "base.x");
  Node list = l.root().get("list");
  CHECK(list.at(1).scalar() == "str");
  CHECK(list.at(1).id() == list.at(0).id());
}

TEST_CASE("loader: an alias bomb loads fast and small") {
  // Billion laughs: 9 levels of 9 aliases would expand to 9^9 nodes.
  std::string text =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const std::string names = "abcdefghi";
  for (std::size_t i = 1; i < names.size(); ++i) {
    text += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int j = 0; j < 9; ++j) text += (j > 0 ? ",*" : "*") + std::string(1, names[i - 1]);
    text += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  auto l = load_ok(text);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(2));
  CHECK(l.doc().node_count() < 200);
  Node i = l.root().get("i");
  REQUIRE(i.size() == 9);
  // Lookups through the aliases still work.
  CHECK(i.at(8).at(0).at(0).at(0).at(0).at(0).at(0).at(0).at(8).scalar() == "lol");
}

TEST_CASE("loader: a self-referencing anchor does not create a cycle") {
  SUBCASE("sequence") {
    auto l = load_ok("a: &a [1, *a]\n");
    Node a = l.root().get("a");
    REQUIRE(a.size() == 2);
    CHECK(a.at(1).is_null());
    CHECK(a.at(1).begin() == Position{1, 11});
    CHECK(reachable(l.root(), 100) > 0);
  }
  SUBCASE("mapping, also as a merge source") {
    auto l = load_ok("m: &m\n  self: *m\n  <<: *m\n  x: 1\n");
    Node m = l.root().get("m");
    CHECK(m.get("self").is_null());
    CHECK(m.get("self").begin() == Position{2, 9});
    CHECK(m.get("x").scalar() == "1");
    CHECK(m.get("absent").is_missing());
    CHECK(reachable(l.root(), 100) > 0);
  }
}

TEST_CASE("loader: deep nesting is an error, not a crash") {
  SUBCASE("100000 flow sequences") {
    auto l = load(std::string(100000, '[') + "\n");
    REQUIRE_FALSE(l.stream.errors.empty());
    const auto& e = l.stream.errors[0];
    CHECK(e.pos.line >= 1);
    CHECK(e.pos.line <= l.source->line_count());
    CHECK(e.message.find("deep") != std::string::npos);
    for (const auto& d : l.stream.documents) CHECK(reachable(d->root(), 1000000) > 0);
  }
  SUBCASE("100000 flow mappings") {
    auto l = load(std::string(100000, '{') + "\n");
    CHECK_FALSE(l.stream.errors.empty());
  }
  SUBCASE("moderate nesting loads") {
    auto l = load_ok("a: " + std::string(100, '[') + "x" + std::string(100, ']') + "\n");
    Node n = l.root().get("a");
    int depth = 0;
    while (n.is_sequence()) {
      n = n.at(0);
      ++depth;
    }
    CHECK(depth == 100);
    CHECK(n.scalar() == "x");
    CHECK(n.begin() == Position{1, 104});
  }
}

TEST_CASE("loader: yaml-cpp inputs that never terminate are cut off (fuzzer finding)") {
  // yaml-cpp 0.7 reports empty documents forever at the same place for this input.
  const std::string input(
      "\x20\x23\x74\x61\x64\x60\x74\x6e\x22\x7d\x2c\x0a\x0a\x20\x2c\x2c\x22\x41\x22\x73\x63\x22\xdc"
      "\x72\x65\x70\x94\x96\x9a\x9a\x9c\xdd\xdc\x72\x65\x70\x96\x96\x9c\x9e\xbe\x8c\xdf\x82\x7d"
      "\x0a",
      46);
  auto l = load(input);
  CHECK(l.stream.errors.size() == 1);
  CHECK(l.stream.documents.size() <= 1);
}

TEST_CASE("find_template_file: valid YAML whose '{{' lie inside scalars is not a template") {
  auto template_file = [](const std::string& text) {
    SourceFile source("t.yaml", text);
    return kubelint::find_template_file(source);
  };
  SUBCASE("a multi-line plain scalar whose continuation line starts with '{{'") {
    const std::string configmap =
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: alert-templates\n"
        "data:\n"
        "  summary: Instance down\n"
        "    {{ $labels.instance }} is unreachable\n";
    CHECK_FALSE(template_file(configmap).has_value());
  }
  SUBCASE("a multi-line double-quoted scalar") {
    CHECK_FALSE(
        template_file("data:\n  msg: \"firing:\n    {{ .Labels.alertname }}\"\n").has_value());
  }
  SUBCASE("an unquoted action is structure") {
    CHECK(template_file("metadata:\n  name: {{ .Release.Name }}\n") == Position{2, 9});
  }
  SUBCASE("a file that does not parse reports the action") {
    CHECK(template_file("a: 1\n{{- if .Values.x }}\nb: 2\n{{- end }}\n") == Position{2, 1});
  }
}
