// Tests for lib/src/node.cpp: lookups that never throw or insert, missing nodes that remember
// where they were looked up, YAML paths, merge keys, and typed scalar accessors.
#include "yaml/node.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

using kubelint::Node;
using kubelint::NodeKind;
using kubelint::Position;
using kubelint::test::load_ok;

namespace {

const char* const kNodeDeployment =
    "apiVersion: apps/v1\n"                     // 1
    "kind: Deployment\n"                        // 2
    "metadata:\n"                               // 3
    "  name: web\n"                             // 4
    "  annotations:\n"                          // 5
    "    kubernetes.io/ingress.class: nginx\n"  // 6
    "spec:\n"                                   // 7
    "  template:\n"                             // 8
    "    spec:\n"                               // 9
    "      containers:\n"                       // 10
    "      - name: app\n"                       // 11
    "        image: nginx:1.25\n"               // 12
    "      - name: sidecar\n"                   // 13
    "        image: envoy\n";                   // 14

}  // namespace

TEST_CASE("node: kinds and to_string") {
  auto l = load_ok("s: x\nn: ~\nq: [1]\nm: {a: 1}\n");
  Node root = l.root();
  CHECK(root.kind() == NodeKind::map);
  CHECK(root.get("s").kind() == NodeKind::scalar);
  CHECK(root.get("n").kind() == NodeKind::null);
  CHECK(root.get("q").kind() == NodeKind::sequence);
  CHECK(root.get("m").kind() == NodeKind::map);
  CHECK(root.get("absent").kind() == NodeKind::missing);
  CHECK(Node{}.kind() == NodeKind::missing);

  CHECK(to_string(NodeKind::missing) == "missing");
  CHECK(to_string(NodeKind::null) == "null");
  CHECK(to_string(NodeKind::scalar) == "scalar");
  CHECK(to_string(NodeKind::sequence) == "sequence");
  CHECK(to_string(NodeKind::map) == "mapping");

  CHECK(root.get("s").defined());
  CHECK(root.get("q").defined());
  CHECK_FALSE(root.get("n").defined());
  CHECK_FALSE(root.get("absent").defined());
}

TEST_CASE("node: a default Node is missing and harmless") {
  Node n;
  CHECK(n.is_missing());
  CHECK(n.get("a").is_missing());
  CHECK(n.at(0).is_missing());
  CHECK(n.size() == 0);
  CHECK(n.items().empty());
  CHECK(n.entries().empty());
  CHECK(n.scalar().empty());
  CHECK(n.key().empty());
  CHECK_FALSE(n.quoted());
  CHECK(n.begin() == Position{});
  CHECK(n.end() == Position{});
  CHECK(n.path().empty());
  CHECK(n.document() == nullptr);
  CHECK(n.parent().is_missing());
  CHECK(n.anchor().is_missing());
  CHECK_FALSE(n.contains(n));
}

TEST_CASE("node: lookups never insert") {
  auto l = load_ok("a: 1\n");
  std::size_t before = l.doc().node_count();
  Node root = l.root();
  CHECK(root.get("b").is_missing());
  CHECK(root.get("b").get("c").is_missing());
  CHECK(root["b"]["c"].at(3).is_missing());
  CHECK(root.get("a").get("x").is_missing());  // a scalar has no keys
  CHECK(root.at(0).is_missing());              // a map has no items
  CHECK(root.size() == 1);
  CHECK(l.doc().node_count() == before);
}

TEST_CASE("node: sequences and maps iterate in document order") {
  auto l = load_ok("list: [a, b, c]\nmap:\n  z: 1\n  a: 2\n  m: 3\n");
  Node list = l.root().get("list");
  CHECK(list.size() == 3);
  std::vector<std::string> items;
  for (Node item : list.items()) items.emplace_back(item.scalar());
  CHECK(items == std::vector<std::string>{"a", "b", "c"});
  CHECK(list.at(2).scalar() == "c");
  CHECK(list.at(3).is_missing());
  CHECK(list.entries().empty());

  Node map = l.root().get("map");
  std::vector<std::string> keys;
  for (auto [k, v] : map.entries()) {
    keys.emplace_back(k.scalar());
    CHECK(v.key() == k.scalar());
  }
  CHECK(keys == std::vector<std::string>{"z", "a", "m"});
  CHECK(map.items().empty());
  CHECK(l.root().get("list").at(0).key().empty());  // items have no key
}

TEST_CASE("node: paths") {
  auto l = load_ok(kNodeDeployment);
  Node root = l.root();
  CHECK(root.path().empty());
  CHECK(root.get("kind").path() == "kind");
  Node containers = root.at_path({"spec", "template", "spec", "containers"});
  CHECK(containers.path() == "spec.template.spec.containers");
  CHECK(containers.at(0).path() == "spec.template.spec.containers[0]");
  CHECK(containers.at(0).get("image").path() == "spec.template.spec.containers[0].image");
  CHECK(containers.at(1).get("name").path() == "spec.template.spec.containers[1].name");

  SUBCASE("keys that are not identifiers are bracketed") {
    Node cls = root.at_path({"metadata", "annotations", "kubernetes.io/ingress.class"});
    CHECK(cls.scalar() == "nginx");
    CHECK(cls.path() == "metadata.annotations[\"kubernetes.io/ingress.class\"]");
  }
  SUBCASE("a key node has its value's path") {
    for (auto [k, v] : root.get("metadata").entries()) CHECK(k.path() == v.path());
  }
  SUBCASE("special keys") {
    auto s = load_ok(
        "\"a.b\": 1\n\"\": 2\n\"q\\\"x\": 3\n\"back\\\\slash\": 4\nunder_score-1: 5\n"
        "\"with space\": {inner: 6}\nlist: [{\"x/y\": 7}]\n");
    Node r = s.root();
    CHECK(r.get("a.b").path() == "[\"a.b\"]");
    CHECK(r.get("").path() == "[\"\"]");
    CHECK(r.get("q\"x").path() == "[\"q\\\"x\"]");
    CHECK(r.get("back\\slash").path() == "[\"back\\\\slash\"]");
    CHECK(r.get("under_score-1").path() == "under_score-1");
    CHECK(r.get("with space").get("inner").path() == "[\"with space\"].inner");
    CHECK(r.get("list").at(0).get("x/y").path() == "list[0][\"x/y\"]");
    // Absent keys build the same segments (escapes at the start, the end and side by side).
    Node absent = r.get("\"no\\\"pe").get("a.b\"").get("plain");
    CHECK(absent.is_missing());
    CHECK(absent.path() == "[\"\\\"no\\\\\\\"pe\"][\"a.b\\\"\"].plain");
  }
  SUBCASE("a sequence at the root") {
    auto s = load_ok("- a\n- {b: [x, y]}\n");
    CHECK(s.root().at(0).path() == "[0]");
    CHECK(s.root().at(1).get("b").at(1).path() == "[1].b[1]");
  }
}

TEST_CASE("node: missing nodes remember where they were looked up") {
  auto l = load_ok(kNodeDeployment);
  Node root = l.root();
  Node app = root.at_path({"spec", "template", "spec", "containers"}).at(0);

  SUBCASE("path names the absent field below its nearest ancestor") {
    Node probe = app.get("livenessProbe");
    CHECK(probe.is_missing());
    CHECK(probe.path() == "spec.template.spec.containers[0].livenessProbe");
    Node deep = app.get("livenessProbe").get("httpGet").get("port");
    CHECK(deep.path() == "spec.template.spec.containers[0].livenessProbe.httpGet.port");
    CHECK(root.get("a").get("b").path() == "a.b");
    CHECK(root.get("metadata").get("labels").get("app.kubernetes.io/name").path() ==
          "metadata.labels[\"app.kubernetes.io/name\"]");
    CHECK(root.get("x.y").path() == "[\"x.y\"]");
    CHECK(root.at_path({"spec", "template", "spec", "containers"}).at(5).get("name").path() ==
          "spec.template.spec.containers[5].name");
    CHECK(root.get("kind").get("x").path() == "kind.x");
    CHECK(root.get("kind").at(0).path() == "kind[0]");
  }
  SUBCASE("position is the nearest existing ancestor's") {
    Node probe = app.get("livenessProbe").get("httpGet");
    CHECK(probe.begin() == app.begin());
    CHECK(probe.begin() == Position{11, 9});
    CHECK(probe.key_begin() == app.begin());
    CHECK(probe.anchor() == app);
    CHECK(probe.parent() == app);
    CHECK(probe.document() == &l.doc());
    // The range stays on the anchor's first line: `name: app`, not the whole container.
    CHECK(probe.end().line == 11);
    CHECK(probe.end() == Position{11, 18});
    // A missing field of a one-line node ends where the node ends.
    Node kind_x = root.get("kind").get("x");
    CHECK(kind_x.begin() == Position{2, 7});
    CHECK(kind_x.end() == Position{2, 17});
  }
  SUBCASE("missing at the root") {
    Node m = root.get("status");
    CHECK(m.begin() == Position{1, 1});
    CHECK(m.path() == "status");
    CHECK(m.anchor() == root);
  }
  SUBCASE("missing nodes compare by where they point") {
    CHECK(app.get("x") == app.get("x"));
    CHECK_FALSE(app.get("x") == app.get("y"));
    CHECK_FALSE(app.get("x") == root.get("x"));
    CHECK(app == root.at_path({"spec", "template", "spec", "containers"}).at(0));
  }
}

TEST_CASE("node: parent, anchor and contains") {
  auto l = load_ok(kNodeDeployment);
  Node root = l.root();
  Node spec = root.get("spec");
  Node containers = root.at_path({"spec", "template", "spec", "containers"});
  Node app = containers.at(0);
  Node image = app.get("image");

  CHECK(root.parent().is_missing());
  CHECK(image.parent() == app);
  CHECK(app.parent() == containers);
  CHECK(image.anchor() == image);

  CHECK(root.contains(image));
  CHECK(spec.contains(image));
  CHECK(app.contains(image));
  CHECK(app.contains(app));
  CHECK(image.contains(image));
  CHECK_FALSE(image.contains(app));                         // ancestor
  CHECK_FALSE(containers.at(1).contains(image));            // sibling subtree
  CHECK_FALSE(root.get("metadata").contains(image));        // earlier sibling
  CHECK_FALSE(app.contains(containers.at(1).get("name")));  // later sibling
  // A missing node lies where its anchor is.
  CHECK(app.contains(app.get("livenessProbe")));
  CHECK(spec.contains(app.get("livenessProbe")));
  CHECK_FALSE(containers.at(1).contains(app.get("livenessProbe")));
  CHECK_FALSE(app.get("livenessProbe").contains(app));
  // Nodes of another document are never contained.
  auto other = load_ok(kNodeDeployment);
  CHECK_FALSE(other.root().contains(image));
  CHECK_FALSE(root.contains(Node{}));
}

TEST_CASE("node: key() and key_begin()") {
  auto l = load_ok("outer:\n  inner: value\nlist:\n- item\n");
  Node inner = l.root().get("outer").get("inner");
  CHECK(inner.key() == "inner");
  CHECK(inner.key_begin() == Position{2, 3});
  CHECK(inner.begin() == Position{2, 10});
  Node item = l.root().get("list").at(0);
  CHECK(item.key().empty());
  CHECK(item.key_begin() == item.begin());
  CHECK(l.root().key().empty());
  CHECK(l.root().key_begin() == l.root().begin());
}

TEST_CASE("node: the last of duplicate keys wins") {
  auto l = load_ok("a: first\nb: x\na: second\n");
  CHECK(l.root().get("a").scalar() == "second");
  CHECK(l.root().get("a").begin() == Position{3, 4});
  CHECK(l.root().get("a").path() == "a");
}

TEST_CASE("node: YAML merge keys") {
  auto l = load_ok(
      "base: &base\n"
      "  x: base-x\n"
      "  y: base-y\n"
      "other: &other\n"
      "  y: other-y\n"
      "  z: other-z\n"
      "single:\n"
      "  <<: *base\n"
      "  y: own-y\n"
      "ownfirst:\n"
      "  y: own-y\n"
      "  <<: *base\n"
      "multi:\n"
      "  <<: [*other, *base]\n"
      "chained: &chained\n"
      "  <<: *base\n"
      "  c: c\n"
      "outer:\n"
      "  <<: *chained\n"
      "quoted:\n"
      "  \"<<\": *base\n");
  Node root = l.root();
  SUBCASE("merged keys are found, own keys win") {
    Node single = root.get("single");
    CHECK(single.get("x").scalar() == "base-x");
    CHECK(single.get("y").scalar() == "own-y");
    CHECK(root.get("ownfirst").get("y").scalar() == "own-y");
    CHECK(root.get("ownfirst").get("x").scalar() == "base-x");
    // The merged value is the anchored node: its position and path are the anchor's.
    CHECK(single.get("x").begin() == Position{2, 6});
    CHECK(single.get("x").path() == "base.x");
  }
  SUBCASE("a list of merge sources: earlier maps take precedence") {
    Node multi = root.get("multi");
    CHECK(multi.get("y").scalar() == "other-y");
    CHECK(multi.get("x").scalar() == "base-x");
    CHECK(multi.get("z").scalar() == "other-z");
  }
  SUBCASE("merges are transitive") {
    CHECK(root.get("outer").get("x").scalar() == "base-x");
    CHECK(root.get("outer").get("c").scalar() == "c");
  }
  SUBCASE("absent keys stay missing, with this map's path") {
    Node m = root.get("single").get("nope");
    CHECK(m.is_missing());
    CHECK(m.path() == "single.nope");
    CHECK(m.begin() == root.get("single").begin());
  }
  SUBCASE("a quoted \"<<\" is an ordinary key") {
    CHECK(root.get("quoted").get("x").is_missing());
    CHECK(root.get("quoted").get("<<").is_map());
  }
}

TEST_CASE("node: scalar, quoted and tag on non-scalars") {
  auto l = load_ok("m: {a: 1}\ns: [1]\nn: ~\n");
  CHECK(l.root().get("m").scalar().empty());
  CHECK(l.root().get("s").scalar().empty());
  CHECK(l.root().get("n").scalar().empty());
  CHECK_FALSE(l.root().get("m").quoted());
  CHECK_FALSE(l.root().get("n").quoted());
  CHECK(l.root().get("m").tag().empty());
}

TEST_CASE("node: as_int") {
  auto l = load_ok(
      "a: 42\nb: -7\nc: +5\nd: 0\ne: \"3\"\nf: 1.5\ng: 1e3\nh: 0x10\ni: 99999999999999999999\n"
      "j: +-1\nk: abc\nl: ''\nm: 9223372036854775807\nn: -9223372036854775808\no: '+'\np: [1]\n"
      "q: 1_000\nr: 12a\n");
  Node r = l.root();
  CHECK(r.get("a").as_int() == 42);
  CHECK(r.get("b").as_int() == -7);
  CHECK(r.get("c").as_int() == 5);
  CHECK(r.get("d").as_int() == 0);
  CHECK(r.get("m").as_int() == INT64_MAX);
  CHECK(r.get("n").as_int() == INT64_MIN);
  for (const char* key : {"e", "f", "g", "h", "i", "j", "k", "l", "o", "p", "q", "r", "absent"}) {
    INFO("key " << std::string(key));
    CHECK_FALSE(r.get(key).as_int().has_value());
  }
}

TEST_CASE("node: as_bool") {
  auto l = load_ok(
      "t1: true\nt2: True\nt3: TRUE\nt4: yes\nt5: on\nt6: Yes\nt7: ON\n"
      "f1: false\nf2: False\nf3: FALSE\nf4: no\nf5: off\nf6: NO\n"
      "x1: \"true\"\nx2: 'yes'\nx3: 1\nx4: 0\nx5: truthy\nx6: ~\nx7: [true]\nx8: ''\n");
  Node r = l.root();
  for (const char* key : {"t1", "t2", "t3", "t4", "t5", "t6", "t7"}) {
    INFO("key " << std::string(key));
    CHECK(r.get(key).as_bool() == true);
  }
  for (const char* key : {"f1", "f2", "f3", "f4", "f5", "f6"}) {
    INFO("key " << std::string(key));
    CHECK(r.get(key).as_bool() == false);
  }
  for (const char* key : {"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "absent"}) {
    INFO("key " << std::string(key));
    CHECK_FALSE(r.get(key).as_bool().has_value());
  }
}
