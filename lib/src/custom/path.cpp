#include "custom/path.hpp"

#include <algorithm>

#include "k8s/workload.hpp"

namespace kubelint::custom {

namespace {

bool name_char(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != ' ' && c != '\t' && c != '\n' &&
         c != '\r';
}

bool fail(PathError& error, std::size_t offset, std::string message) {
  error.offset = offset;
  error.message = std::move(message);
  return false;
}

// Parses one `[...]` selector at text[i] == '['.
bool parse_selector(std::string_view text, std::size_t& i, PathSegment& seg, PathError& error) {
  std::size_t open = i;
  ++i;
  if (i < text.size() && text[i] == '*') {
    if (i + 1 >= text.size() || text[i + 1] != ']') {
      return fail(error, i + 1, "expected ']' after '[*'");
    }
    seg.kind = PathSegment::Kind::wildcard;
    i += 2;
    return true;
  }
  if (i < text.size() && text[i] == '"') {
    std::size_t close = text.find('"', i + 1);
    if (close == std::string_view::npos) return fail(error, i, "unterminated quoted key");
    if (close + 1 >= text.size() || text[close + 1] != ']') {
      return fail(error, close + 1, "expected ']' after a quoted key");
    }
    seg.kind = PathSegment::Kind::key;
    seg.key = std::string(text.substr(i + 1, close - i - 1));
    if (seg.key.empty()) return fail(error, i, "empty key");
    i = close + 2;
    return true;
  }
  std::size_t start = i;
  std::size_t value = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (value > 100000000) return fail(error, start, "index too large");
    value = value * 10 + static_cast<std::size_t>(text[i] - '0');
    ++i;
  }
  if (i == start || i >= text.size() || text[i] != ']') {
    return fail(error, open,
                "a selector is [*], [N] (an index) or [\"key\"] (a key with dots or spaces)");
  }
  seg.kind = PathSegment::Kind::index;
  seg.index = value;
  ++i;
  return true;
}

void step(const PathSegment& seg, const std::vector<Node>& in, std::vector<Node>& out,
          std::size_t& budget) {
  for (const Node& n : in) {
    if (budget == 0) return;
    switch (seg.kind) {
      case PathSegment::Kind::key:
        --budget;
        out.push_back(n.get(seg.key));
        break;
      case PathSegment::Kind::index:
        --budget;
        out.push_back(n.at(seg.index));
        break;
      case PathSegment::Kind::wildcard:
        if (n.is_sequence()) {
          for (Node item : n.items()) {
            if (budget == 0) return;
            --budget;
            out.push_back(item);
          }
        } else if (n.is_map()) {
          for (auto [k, v] : n.entries()) {
            if (budget == 0) return;
            --budget;
            out.push_back(v);
          }
        }
        break;
    }
  }
}

void start(const FieldPath& path, const Object& object, const Node& base, std::vector<Node>& out,
           std::size_t& budget, ResolveCache* cache) {
  switch (path.root) {
    case FieldPath::Root::node:
      out.push_back(base);
      return;
    case FieldPath::Root::pod:
      if (auto pod = pod_template(object)) out.push_back(pod->spec);
      return;
    case FieldPath::Root::containers: {
      std::vector<Node> local;
      std::vector<Node>* list = cache != nullptr ? &cache->containers : &local;
      if (cache == nullptr || !cache->ready) {
        if (auto pod = pod_template(object)) {
          for (const Container& c : containers(pod->spec)) list->push_back(c.node);
        }
        if (cache != nullptr) cache->ready = true;
      }
      for (const Node& c : *list) {
        if (budget == 0) return;
        --budget;
        out.push_back(c);
      }
      return;
    }
  }
}

void walk(const FieldPath& path, std::size_t count, const Object& object, const Node& base,
          std::vector<Node>& out, std::size_t& budget, ResolveCache* cache) {
  // The common case — a plain path of keys and indexes from the node — needs no frontier.
  if (path.root == FieldPath::Root::node &&
      std::none_of(path.segments.begin(),
                   path.segments.begin() + static_cast<std::ptrdiff_t>(count),
                   [](const PathSegment& s) { return s.kind == PathSegment::Kind::wildcard; })) {
    if (budget < count + 1) {
      budget = 0;
      return;
    }
    budget -= count;
    Node n = base;
    for (std::size_t i = 0; i < count; ++i) {
      const PathSegment& seg = path.segments[i];
      n = seg.kind == PathSegment::Kind::key ? n.get(seg.key) : n.at(seg.index);
    }
    out.push_back(std::move(n));
    return;
  }
  std::vector<Node> frontier;
  start(path, object, base, frontier, budget, cache);
  std::vector<Node> next;
  for (std::size_t i = 0; i < count && !frontier.empty(); ++i) {
    next.clear();
    step(path.segments[i], frontier, next, budget);
    frontier.swap(next);
  }
  out.insert(out.end(), frontier.begin(), frontier.end());
}

}  // namespace

std::optional<FieldPath> parse_path(std::string_view text, bool allow_shortcuts, PathError& error) {
  FieldPath path;
  path.text = std::string(text);
  if (text.empty()) {
    fail(error, 0, "empty path");
    return std::nullopt;
  }
  std::size_t i = 0;
  bool first = true;
  while (i <= text.size()) {
    std::size_t begin = i;
    std::size_t name_end = i;
    while (name_end < text.size() && name_char(text[name_end])) ++name_end;
    if (name_end > i) {
      std::string_view name = text.substr(i, name_end - i);
      i = name_end;
      if (first && allow_shortcuts && (name == "containers" || name == "pod")) {
        path.root = name == "pod" ? FieldPath::Root::pod : FieldPath::Root::containers;
        if (path.root == FieldPath::Root::containers && text.substr(i, 3) == "[*]") {
          i += 3;  // `containers[*]` says the same as `containers`
        } else if (path.root == FieldPath::Root::containers && i < text.size() && text[i] == '[') {
          fail(error, i,
               "the 'containers' shortcut takes no index: write containers or "
               "containers[*]");
          return std::nullopt;
        }
      } else {
        PathSegment seg;
        seg.key = std::string(name);
        path.segments.push_back(std::move(seg));
      }
    } else if (i >= text.size() || text[i] != '[') {
      fail(error, i, i >= text.size() ? "path ends with '.'" : "expected a field name");
      return std::nullopt;
    }
    while (i < text.size() && text[i] == '[') {
      PathSegment seg;
      if (!parse_selector(text, i, seg, error)) return std::nullopt;
      path.segments.push_back(std::move(seg));
      if (path.segments.size() > kMaxPathSegments) break;
    }
    if (path.segments.size() > kMaxPathSegments) {
      fail(error, begin, "path has more than " + std::to_string(kMaxPathSegments) + " segments");
      return std::nullopt;
    }
    first = false;
    if (i == text.size()) break;
    if (text[i] != '.') {
      fail(error, i, std::string("unexpected '") + text[i] + "'");
      return std::nullopt;
    }
    ++i;
  }
  return path;
}

void resolve(const FieldPath& path, const Object& object, const Node& base, std::vector<Node>& out,
             std::size_t& budget, ResolveCache* cache) {
  walk(path, path.segments.size(), object, base, out, budget, cache);
}

void resolve_collection(const FieldPath& path, const Object& object, const Node& base,
                        std::vector<Node>& out, std::size_t& budget) {
  std::size_t last = path.segments.size();
  while (last > 0 && path.segments[last - 1].kind != PathSegment::Kind::wildcard) --last;
  if (last > 0) {
    walk(path, last - 1, object, base, out, budget, nullptr);
  } else if (path.root == FieldPath::Root::containers) {
    FieldPath pod;
    pod.root = FieldPath::Root::pod;
    walk(pod, 0, object, base, out, budget, nullptr);
    if (out.empty()) out.push_back(base);
  } else {
    walk(path, path.segments.size(), object, base, out, budget, nullptr);
  }
}

std::string_view container_name_of(const Node& node) {
  Node n = node.anchor();
  for (std::size_t depth = 0; depth < 64 && !n.is_missing(); ++depth) {
    Node parent = n.parent();
    if (parent.is_missing()) break;
    if (parent.is_sequence()) {
      std::string_view list = parent.key();
      if (list == "containers" || list == "initContainers" || list == "ephemeralContainers") {
        return n.get("name").scalar();
      }
    }
    n = parent;
  }
  return {};
}

}  // namespace kubelint::custom
