#include "schema/crd.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace kubelint::schema {

namespace {

constexpr std::size_t kMaxNodes = 50000;  // per CRD version
constexpr int kMaxDepth = 64;

class Compiler {
 public:
  Compiler(CrdSchema& out, std::vector<CrdProblem>& problems) : out_(out), problems_(problems) {}

  // Returns the node index, or -1 after reporting a problem.
  std::int64_t compile(const Node& n, int depth) {
    if (failed_) return -1;
    if (!n.is_map()) {
      fail(n, "schema node is not a mapping");
      return -1;
    }
    if (depth > kMaxDepth) {
      fail(n, "schema nested deeper than " + std::to_string(kMaxDepth) + " levels");
      return -1;
    }
    if (out_.nodes.size() >= kMaxNodes) {
      fail(n, "schema has more than " + std::to_string(kMaxNodes) + " nodes");
      return -1;
    }
    auto index = static_cast<std::int64_t>(out_.nodes.size());
    out_.nodes.emplace_back();
    CrdNode node;
    std::string_view type = n.get("type").scalar();
    if (type == "object") node.type = CrdNode::Type::object;
    if (type == "array") node.type = CrdNode::Type::array;
    if (type == "string") node.type = CrdNode::Type::string;
    if (type == "integer") node.type = CrdNode::Type::integer;
    if (type == "number") node.type = CrdNode::Type::number;
    if (type == "boolean") node.type = CrdNode::Type::boolean;
    node.preserve_unknown = n.get("x-kubernetes-preserve-unknown-fields").as_bool() == true;
    node.int_or_string = n.get("x-kubernetes-int-or-string").as_bool() == true;
    node.open = n.get("allOf").defined() || n.get("anyOf").defined() || n.get("oneOf").defined() ||
                n.get("not").defined();
    if (node.int_or_string) node.type = CrdNode::Type::any;
    Node props = n.get("properties");
    if (props.is_map()) {
      for (auto [k, v] : props.entries()) {
        std::int64_t child = compile(v, depth + 1);
        if (child < 0) return -1;
        node.properties.emplace_back(std::string(k.scalar()), static_cast<std::uint32_t>(child));
      }
      std::sort(node.properties.begin(), node.properties.end());
    } else if (props.defined()) {
      fail(props, "'properties' is not a mapping");
      return -1;
    }
    Node items = n.get("items");
    if (items.is_map()) {
      node.items = compile(items, depth + 1);
      if (node.items < 0) return -1;
    }
    Node additional = n.get("additionalProperties");
    if (additional.is_map()) {
      node.additional = compile(additional, depth + 1);
      if (node.additional < 0) return -1;
    } else if (additional.as_bool() == true) {
      node.additional = -2;
    }
    for (Node r : n.get("required").items()) node.required.emplace_back(r.scalar());
    Node enums = n.get("enum");
    if (enums.is_sequence() && node.type == CrdNode::Type::string) {
      for (Node e : enums.items()) {
        if (e.is_scalar()) node.enum_values.emplace_back(e.scalar());
      }
    }
    out_.nodes[static_cast<std::size_t>(index)] = std::move(node);
    return index;
  }

  [[nodiscard]] bool failed() const noexcept { return failed_; }

 private:
  void fail(const Node& at, std::string message) {
    failed_ = true;
    problems_.push_back(CrdProblem{at, std::move(message)});
  }

  CrdSchema& out_;
  std::vector<CrdProblem>& problems_;
  bool failed_ = false;
};

class CrdWalker {
 public:
  CrdWalker(const CrdSchema& s, const ValidateOptions& o, std::vector<Issue>& out,
            std::size_t budget)
      : s_(s), o_(o), out_(out), budget_(budget) {}

  void value(const Node& v, const CrdNode& n, std::string_view name, int depth) {
    if (!v.defined() || budget_ == 0 || depth > 256) return;
    --budget_;
    using T = CrdNode::Type;
    switch (n.type) {
      case T::object:
        if (!v.is_map()) return wrong(v, name, "a mapping");
        return object(v, n, depth, false);
      case T::array:
        if (!v.is_sequence()) return wrong(v, name, "a list");
        if (n.items >= 0) {
          for (Node item : v.items()) {
            value(item, s_.nodes[static_cast<std::size_t>(n.items)], name, depth + 1);
          }
        }
        return;
      case T::any:
        if (n.int_or_string && v.is_scalar()) {
          auto t = detail::classify(v);
          if (t == detail::Scalar::boolean) wrong(v, name, "an integer or a string");
        }
        if (v.is_map() && (!n.properties.empty() || n.additional >= 0)) object(v, n, depth, false);
        return;
      default:
        break;
    }
    if (!v.is_scalar()) {
      std::string_view what = n.type == T::string    ? "a string"
                              : n.type == T::boolean ? "a boolean (true or false)"
                                                     : "a number";
      return wrong(v, name, what);
    }
    auto t = detail::classify(v);
    using S = detail::Scalar;
    bool ok = true;
    std::string_view what;
    switch (n.type) {
      case T::string:
        ok = t == S::string;
        what = "a string";
        break;
      case T::integer:
        ok = t == S::integer || (t == S::number && detail::integral_number(v.scalar()));
        what = "an integer";
        break;
      case T::number:
        ok = t == S::integer || t == S::number;
        what = "a number";
        break;
      case T::boolean:
        ok = t == S::boolean;
        what = "a boolean (true or false)";
        break;
      default:
        break;
    }
    if (!ok && t == S::string && detail::is_substitution(v.scalar())) return;
    if (!ok) return wrong(v, name, what);
    if (!n.enum_values.empty() && want(Problem::invalid_enum) && t == S::string) {
      std::string_view text = v.scalar();
      if (std::find(n.enum_values.begin(), n.enum_values.end(), text) == n.enum_values.end()) {
        std::string list;
        for (const auto& e : n.enum_values) list += (list.empty() ? "" : ", ") + e;
        add(Problem::invalid_enum, v,
            quote(text) + " is not a valid " + std::string(name) + " (one of: " + list + ")" +
                detail::did_you_mean(text, n.enum_values));
      }
    }
  }

  void object(const Node& m, const CrdNode& n, int depth, bool root) {
    for (auto [k, v] : m.entries()) {
      std::string_view key = k.scalar();
      if (root && (key == "apiVersion" || key == "kind" || key == "metadata")) continue;
      if (key == "<<" && !k.quoted()) continue;
      if (o_.patch && detail::is_directive(key)) continue;
      auto it =
          std::lower_bound(n.properties.begin(), n.properties.end(), key,
                           [](const auto& p, std::string_view name) { return p.first < name; });
      if (it != n.properties.end() && it->first == key) {
        value(v, s_.nodes[it->second], key, depth + 1);
        continue;
      }
      if (n.additional >= 0) {
        value(v, s_.nodes[static_cast<std::size_t>(n.additional)], key, depth + 1);
        continue;
      }
      if (n.additional == -2 || n.preserve_unknown || n.open || n.type == CrdNode::Type::any) {
        continue;
      }
      if (want(Problem::unknown_field) && !detail::is_substitution(key)) {
        std::vector<std::string> names;
        for (const auto& p : n.properties) names.push_back(p.first);
        add(Problem::unknown_field, k,
            "unknown field " + quote(key) + " in " + s_.kind +
                " (schema from its "
                "CustomResourceDefinition)" +
                detail::did_you_mean(key, names));
      }
    }
    if (o_.patch || !want(Problem::missing_required)) return;
    for (const auto& r : n.required) {
      if (root && (r == "apiVersion" || r == "kind" || r == "metadata")) continue;
      if (m.get(r).is_missing()) {
        add(Problem::missing_required, m,
            "required field " + quote(r) +
                " is missing (schema from the "
                "CustomResourceDefinition of " +
                s_.kind + ")");
      }
    }
  }

 private:
  bool want(Problem p) const { return (o_.problems & (1U << static_cast<unsigned>(p))) != 0; }
  void add(Problem p, const Node& at, std::string message) {
    out_.push_back(Issue{p, at, std::move(message)});
  }
  void wrong(const Node& v, std::string_view name, std::string_view what) {
    if (!want(Problem::invalid_type) || detail::substituted(v)) return;
    add(Problem::invalid_type, v,
        "field " + quote(name) + " must be " + std::string(what) + ", not " +
            detail::describe_value(v));
  }

  const CrdSchema& s_;
  const ValidateOptions& o_;
  std::vector<Issue>& out_;
  std::size_t budget_;
};

}  // namespace

void CrdRegistry::add(const Node& crd, std::vector<CrdProblem>& problems) {
  Node spec = crd.get("spec");
  std::string group(spec.get("group").scalar());
  std::string kind(spec.at_path({"names", "kind"}).scalar());
  if (group.empty() || kind.empty()) return;
  auto add_version = [&](std::string_view version, const Node& schema_node) {
    if (version.empty() || !schema_node.defined()) return;
    auto compiled = std::make_shared<CrdSchema>();
    compiled->api_version = group + "/" + std::string(version);
    compiled->kind = kind;
    Compiler c(*compiled, problems);
    if (c.compile(schema_node, 0) < 0 || c.failed()) return;
    schemas_[{compiled->api_version, kind}] = std::move(compiled);
  };
  Node shared = spec.at_path({"validation", "openAPIV3Schema"});  // v1beta1
  Node versions = spec.get("versions");
  if (versions.is_sequence()) {
    for (Node v : versions.items()) {
      Node s = v.at_path({"schema", "openAPIV3Schema"});
      add_version(v.get("name").scalar(), s.defined() ? s : shared);
    }
  } else {
    add_version(spec.get("version").scalar(), shared);
  }
}

const CrdSchema* CrdRegistry::find(std::string_view api_version, std::string_view kind) const {
  auto it = schemas_.find(std::pair{std::string(api_version), std::string(kind)});
  return it == schemas_.end() ? nullptr : it->second.get();
}

void validate_custom(const Node& root, const CrdSchema& schema, const ValidateOptions& options,
                     std::vector<Issue>& out) {
  if (!root.is_map() || schema.nodes.empty()) return;
  std::size_t nodes = root.document() != nullptr ? root.document()->node_count() : 0;
  CrdWalker w(schema, options, out, 4 * nodes + 1024);
  const CrdNode& top = schema.nodes.front();
  if (top.type != CrdNode::Type::object && top.type != CrdNode::Type::any) return;
  if (top.preserve_unknown && top.properties.empty()) return;
  w.object(root, top, 0, true);
}

}  // namespace kubelint::schema
