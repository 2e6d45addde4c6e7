#include "kustomize/build.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "base/pattern.hpp"
#include "base/suggest.hpp"
#include "kustomize/hash.hpp"
#include "kustomize/merge_keys.hpp"
#include "kustomize/patch.hpp"
#include "kustomize/render.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

namespace kubelint::kustomize {

namespace fs = std::filesystem;

bool is_kustomization_name(std::string_view file_name) {
  return file_name == "kustomization.yaml" || file_name == "kustomization.yml" ||
         file_name == "Kustomization";
}

std::string find_kustomization(const fs::path& dir) {
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    std::error_code ec;
    if (fs::is_regular_file(dir / name, ec)) return name;
  }
  return {};
}

bool is_kustomization_document(const Node& root) {
  if (root.is_null() || root.is_missing()) return true;  // an empty kustomization
  if (!root.is_map()) return false;
  std::string_view api = root.get("apiVersion").scalar();
  std::string_view kind = root.get("kind").scalar();
  if (!api.empty() && !api.starts_with("kustomize.config.k8s.io/")) return false;
  return kind.empty() || kind == "Kustomization" || kind == "Component";
}

namespace {

// Every field a Kustomization may have.
const std::vector<std::string>& known_fields() {
  static const std::vector<std::string> kFields = {
      "apiVersion",
      "kind",
      "metadata",
      "resources",
      "bases",
      "components",
      "crds",
      "namespace",
      "namePrefix",
      "nameSuffix",
      "commonLabels",
      "labels",
      "commonAnnotations",
      "images",
      "imageTags",
      "replicas",
      "patches",
      "patchesStrategicMerge",
      "patchesJson6902",
      "configMapGenerator",
      "secretGenerator",
      "generatorOptions",
      "replacements",
      "vars",
      "sortOptions",
      "configurations",
      "generators",
      "transformers",
      "validators",
      "openapi",
      "helmCharts",
      "helmGlobals",
      "helmChartInflationGenerator",
      "buildMetadata",
      "inventory",
  };
  return kFields;
}

bool is_remote(std::string_view entry) {
  return entry.find("://") != std::string_view::npos || entry.starts_with("github.com/") ||
         entry.starts_with("gitlab.com/") || entry.starts_with("bitbucket.org/") ||
         entry.starts_with("git@") || entry.find("?ref=") != std::string_view::npos ||
         entry.find(".git//") != std::string_view::npos;
}

bool read_text(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

std::string display(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 2 && s[0] == '.' && s[1] == '/') s.erase(0, 2);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s.empty()) s = ".";
  return s;
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal().string() : c.string();
}

bool inside(const std::string& file, const std::string& dir) {
  if (file.size() <= dir.size() || file.compare(0, dir.size(), dir) != 0) return false;
  return file[dir.size()] == '/' || dir.back() == '/';
}

bool is_cluster_scoped_kind(std::string_view kind) {
  static constexpr std::array<std::string_view, 27> kKinds = {
      "APIService",
      "CertificateSigningRequest",
      "ClusterRole",
      "ClusterRoleBinding",
      "MutatingWebhookConfiguration",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
      "ValidatingWebhookConfiguration",
      "CustomResourceDefinition",
      "FlowSchema",
      "PriorityLevelConfiguration",
      "IngressClass",
      "IPAddress",
      "ServiceCIDR",
      "Namespace",
      "Node",
      "PersistentVolume",
      "PodSecurityPolicy",
      "PriorityClass",
      "RuntimeClass",
      "CSIDriver",
      "CSINode",
      "StorageClass",
      "VolumeAttachment",
      "VolumeSnapshotClass",
      "VolumeSnapshotContent",
      "DeviceClass",
  };
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

struct Id {
  std::string group;
  std::string kind;
  std::string ns;
  std::string name;
};

std::string group_of(std::string_view api) {
  auto slash = api.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(api.substr(0, slash));
}

std::string version_of(std::string_view api) {
  auto slash = api.find('/');
  return std::string(slash == std::string_view::npos ? api : api.substr(slash + 1));
}

// Whether the shorter list ends the longer one (an empty list only matches an empty list).
bool same_ending(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.empty()) return longer.empty();
  return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
}

struct Res {
  Tree t;
  std::vector<Id> prev;  // earlier identities (original first)
  // Prefixes and suffixes applied, innermost first ("" when a transformer set only the other).
  std::vector<std::string> prefixes;
  std::vector<std::string> suffixes;
  bool generated = false;
  bool hash = false;
  std::string behavior;
  // buildMetadata: the file that wrote the resource (or the generator that made it), and the
  // built-in transformers that ran over it, for the annotations kustomize can add.
  std::string origin_file;
  std::string origin_generator;  // "ConfigMapGenerator" ...
  std::string origin_extra;      // name/namespace lines of a generator configuration
  std::vector<std::pair<std::string, std::string>> transformations;  // (file, kind + extra)

  [[nodiscard]] std::string_view kind() const { return t.str("kind"); }
  [[nodiscard]] std::string_view api() const { return t.str("apiVersion"); }
  [[nodiscard]] std::string_view name() const {
    const Tree* m = t.find("metadata");
    return m != nullptr ? m->str("name") : std::string_view{};
  }
  [[nodiscard]] std::string_view ns() const {
    const Tree* m = t.find("metadata");
    return m != nullptr ? m->str("namespace") : std::string_view{};
  }
  [[nodiscard]] Id id() const {
    return Id{group_of(api()), std::string(kind()), std::string(ns()), std::string(name())};
  }
  void remember() {
    Id cur = id();
    if (prev.empty() || prev.back().name != cur.name || prev.back().ns != cur.ns ||
        prev.back().kind != cur.kind) {
      prev.push_back(std::move(cur));
    }
  }
  [[nodiscard]] Id original() const { return prev.empty() ? id() : prev.front(); }
};

bool same_ns(std::string_view a, std::string_view b) {
  auto norm = [](std::string_view s) { return s.empty() ? std::string_view("default") : s; };
  return norm(a) == norm(b);
}

// A Kustomization's `target`/patch selector.
struct Selector {
  std::string group, version, kind, name, ns, label_selector, annotation_selector;
  bool any_version = true;
};

bool full_match(const std::string& pattern, std::string_view text) {
  if (pattern.empty()) return true;
  bool plain = pattern.find_first_of(".*+?()[]{}|^$\\") == std::string::npos;
  if (plain) return pattern == text;
  Pattern p("^(?:" + pattern + ")$");
  return p.valid() ? p.search(text) : pattern == text;
}

// "a=b,c!=d,e in (x,y),!f,g"
bool labels_match(const std::string& selector, const Tree* labels) {
  if (selector.empty()) return true;
  auto get = [&](std::string_view k) -> const Tree* {
    return labels != nullptr ? labels->find(k) : nullptr;
  };
  std::vector<std::string> terms;
  int depth = 0;
  std::string cur;
  for (char c : selector) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      terms.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  terms.push_back(cur);
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  for (auto term : terms) {
    term = trim(term);
    if (term.empty()) continue;
    std::size_t pos = 0;
    if ((pos = term.find(" notin ")) != std::string::npos ||
        (pos = term.find(" in ")) != std::string::npos) {
      bool notin = term.compare(pos, 7, " notin ") == 0;
      std::string key = trim(term.substr(0, pos));
      std::string rest = trim(term.substr(pos + (notin ? 7 : 4)));
      if (!rest.empty() && rest.front() == '(') rest.erase(0, 1);
      if (!rest.empty() && rest.back() == ')') rest.pop_back();
      std::set<std::string> values;
      std::stringstream ss(rest);
      std::string v;
      while (std::getline(ss, v, ',')) values.insert(trim(v));
      const Tree* have = get(key);
      bool in = have != nullptr && values.count(have->text) > 0;
      if (notin ? in : !in) return false;
      continue;
    }
    if ((pos = term.find("!=")) != std::string::npos) {
      const Tree* have = get(trim(term.substr(0, pos)));
      if (have != nullptr && have->text == trim(term.substr(pos + 2))) return false;
      continue;
    }
    if ((pos = term.find('=')) != std::string::npos) {
      std::size_t skip = term.compare(pos, 2, "==") == 0 ? 2 : 1;
      const Tree* have = get(trim(term.substr(0, pos)));
      if (have == nullptr || have->text != trim(term.substr(pos + skip))) return false;
      continue;
    }
    if (term.front() == '!') {
      if (get(trim(term.substr(1))) != nullptr) return false;
      continue;
    }
    if (get(term) == nullptr) return false;
  }
  return true;
}

bool selects(const Selector& s, const Res& r) {
  auto id_matches = [&](const Id& id, std::string_view version) {
    if (!s.group.empty() && s.group != id.group) return false;
    if (!s.version.empty() && s.version != version) return false;
    if (!full_match(s.kind, id.kind)) return false;
    if (!full_match(s.name, id.name)) return false;
    if (!s.ns.empty() && !full_match(s.ns, id.ns.empty() ? "default" : id.ns) &&
        !full_match(s.ns, id.ns)) {
      return false;
    }
    return true;
  };
  std::string version = version_of(r.api());
  bool any = id_matches(r.id(), version);
  if (!any) any = id_matches(r.original(), version);
  if (!any) return false;
  const Tree* meta = r.t.find("metadata");
  if (!labels_match(s.label_selector, meta != nullptr ? meta->find("labels") : nullptr)) {
    return false;
  }
  if (!labels_match(s.annotation_selector, meta != nullptr ? meta->find("annotations") : nullptr)) {
    return false;
  }
  return true;
}

// Applies `fn` to the node at a fieldSpec path ("spec/template/metadata/labels"), descending
// into every item of sequences; creates missing maps when `create`.
void at_path(Tree& t, const std::vector<std::string>& segs, std::size_t i, bool create,
             const Origin& origin, const std::function<void(Tree&)>& fn) {
  if (i == segs.size()) {
    fn(t);
    return;
  }
  if (t.is_sequence()) {
    for (auto& item : t.items) at_path(item, segs, i, create, origin, fn);
    return;
  }
  if (!t.is_map()) return;
  std::string seg = segs[i];
  bool list = seg.ends_with("[]");
  if (list) seg.resize(seg.size() - 2);
  Tree* next = t.find(seg);
  if (next == nullptr || next->is_null()) {
    if (!create || list) return;
    next = &t.set(seg, Tree::map(origin));
  }
  at_path(*next, segs, i + 1, create, origin, fn);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

struct FieldSpec {
  std::string kind;  // "" = any
  std::string group;
  std::string path;
  bool create = false;
};

const std::vector<FieldSpec>& selector_label_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"Service", "", "spec/selector", true},
      {"ReplicationController", "", "spec/selector", true},
      {"Deployment", "", "spec/selector/matchLabels", true},
      {"ReplicaSet", "", "spec/selector/matchLabels", true},
      {"DaemonSet", "", "spec/selector/matchLabels", true},
      {"StatefulSet", "", "spec/selector/matchLabels", true},
      {"Job", "", "spec/selector/matchLabels", false},
      {"CronJob", "", "spec/jobTemplate/spec/selector/matchLabels", false},
      {"PodDisruptionBudget", "", "spec/selector/matchLabels", false},
      {"NetworkPolicy", "", "spec/podSelector/matchLabels", false},
      {"NetworkPolicy", "", "spec/ingress/from/podSelector/matchLabels", false},
      {"NetworkPolicy", "", "spec/egress/to/podSelector/matchLabels", false},
      {"Deployment", "",
       "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
       "podAffinityTerm/labelSelector/matchLabels",
       false},
      {"Deployment", "",
       "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
       "labelSelector/matchLabels",
       false},
      {"Deployment", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
       false},
      {"Deployment", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
       false},
      {"Deployment", "", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
       false},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
       "podAffinityTerm/labelSelector/matchLabels",
       false},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
       "labelSelector/matchLabels",
       false},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
       false},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
       false},
      {"StatefulSet", "", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
       false},
  };
  return kSpecs;
}

const std::vector<FieldSpec>& template_label_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"ReplicationController", "", "spec/template/metadata/labels", true},
      {"Deployment", "", "spec/template/metadata/labels", true},
      {"ReplicaSet", "", "spec/template/metadata/labels", true},
      {"DaemonSet", "", "spec/template/metadata/labels", true},
      {"StatefulSet", "", "spec/template/metadata/labels", true},
      {"StatefulSet", "", "spec/volumeClaimTemplates[]/metadata/labels", true},
      {"Job", "", "spec/template/metadata/labels", true},
      {"CronJob", "", "spec/jobTemplate/metadata/labels", true},
      {"CronJob", "", "spec/jobTemplate/spec/template/metadata/labels", true},
  };
  return kSpecs;
}

const std::vector<FieldSpec>& template_annotation_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"ReplicationController", "", "spec/template/metadata/annotations", true},
      {"Deployment", "", "spec/template/metadata/annotations", true},
      {"ReplicaSet", "", "spec/template/metadata/annotations", true},
      {"DaemonSet", "", "spec/template/metadata/annotations", true},
      {"StatefulSet", "", "spec/template/metadata/annotations", true},
      {"Job", "", "spec/template/metadata/annotations", true},
      {"CronJob", "", "spec/jobTemplate/metadata/annotations", true},
      {"CronJob", "", "spec/jobTemplate/spec/template/metadata/annotations", true},
  };
  return kSpecs;
}

// Pod specs of an object (Pod, workloads, CronJob).
std::vector<Tree*> pod_specs(Tree& t) {
  std::vector<Tree*> out;
  std::string_view kind = t.str("kind");
  Tree* spec = t.find("spec");
  if (spec == nullptr || !spec->is_map()) return out;
  if (kind == "Pod") {
    out.push_back(spec);
  } else if (kind == "CronJob") {
    if (Tree* s = spec->find_path({"jobTemplate", "spec", "template", "spec"}); s && s->is_map()) {
      out.push_back(s);
    }
  } else if (Tree* s = spec->find_path({"template", "spec"}); s != nullptr && s->is_map()) {
    out.push_back(s);
  }
  return out;
}

// A name reference: a field of a referrer that names an object of kind `kind`.
struct RefField {
  std::string kind;           // the referred kind
  std::string referrer_kind;  // "" = any; "@pod" = any object with a pod spec
  std::string path;           // slash path from the object (or pod spec for @pod)
};

const std::vector<RefField>& ref_fields() {
  static const std::vector<RefField> kFields = {
      {"ConfigMap", "@pod", "volumes/configMap/name"},
      {"ConfigMap", "@pod", "volumes/projected/sources/configMap/name"},
      {"ConfigMap", "@pod", "containers/env/valueFrom/configMapKeyRef/name"},
      {"ConfigMap", "@pod", "initContainers/env/valueFrom/configMapKeyRef/name"},
      {"ConfigMap", "@pod", "containers/envFrom/configMapRef/name"},
      {"ConfigMap", "@pod", "initContainers/envFrom/configMapRef/name"},
      {"Secret", "@pod", "volumes/secret/secretName"},
      {"Secret", "@pod", "volumes/projected/sources/secret/name"},
      {"Secret", "@pod", "containers/env/valueFrom/secretKeyRef/name"},
      {"Secret", "@pod", "initContainers/env/valueFrom/secretKeyRef/name"},
      {"Secret", "@pod", "containers/envFrom/secretRef/name"},
      {"Secret", "@pod", "initContainers/envFrom/secretRef/name"},
      {"Secret", "@pod", "imagePullSecrets/name"},
      {"Secret", "ServiceAccount", "imagePullSecrets/name"},
      {"Secret", "ServiceAccount", "secrets/name"},
      {"Secret", "Ingress", "spec/tls/secretName"},
      {"ServiceAccount", "@pod", "serviceAccountName"},
      {"ServiceAccount", "@pod", "serviceAccount"},
      {"PersistentVolumeClaim", "@pod", "volumes/persistentVolumeClaim/claimName"},
      {"PriorityClass", "@pod", "priorityClassName"},
      {"Service", "Ingress", "spec/rules/http/paths/backend/serviceName"},
      {"Service", "Ingress", "spec/rules/http/paths/backend/service/name"},
      {"Service", "Ingress", "spec/backend/serviceName"},
      {"Service", "Ingress", "spec/defaultBackend/service/name"},
      {"Service", "StatefulSet", "spec/serviceName"},
      {"Service", "APIService", "spec/service/name"},
      {"Service", "ValidatingWebhookConfiguration", "webhooks/clientConfig/service/name"},
      {"Service", "MutatingWebhookConfiguration", "webhooks/clientConfig/service/name"},
      {"StorageClass", "PersistentVolumeClaim", "spec/storageClassName"},
      {"StorageClass", "PersistentVolume", "spec/storageClassName"},
      {"StorageClass", "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName"},
      {"PersistentVolume", "PersistentVolumeClaim", "spec/volumeName"},
      {"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "spec/policyName"},
      {"Service", "CustomResourceDefinition", "spec/conversion/webhook/clientConfig/service/name"},
      {"Namespace", "", "metadata/namespace"},
  };
  return kFields;
}

std::string quote_name(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

struct Builder::Impl {
  BuildOptions options;
  std::vector<std::unique_ptr<SourceFile>> owned;
  std::vector<const SourceFile*> table;
  std::map<std::string, std::uint32_t> by_path;  // canonical path → file index
  std::map<std::uint32_t, std::shared_ptr<LoadedStream>> loaded;

  // Per build.
  Build* out = nullptr;
  std::vector<std::string> stack;  // canonical dirs being built (cycle detection)

  // ---- files and problems --------------------------------------------------------------------

  void problem(const Origin& at, std::string message, Severity severity = Severity::error,
               std::string code = "kustomize-error") {
    BuildProblem p;
    p.code = std::move(code);
    p.severity = severity;
    if (at.known() && at.file < table.size()) p.file = table[at.file]->name();
    p.pos = at.begin;
    p.message = std::move(message);
    // What cannot be built offline is a warning for the linter, but kustomize would fail too.
    if (severity == Severity::error || p.code == "kustomize-unsupported") out->failed = true;
    out->problems.push_back(std::move(p));
  }

  // Reads a file once per builder; nullopt when it cannot be read.
  std::optional<std::uint32_t> load(const fs::path& path) {
    std::string key = canonical_path(path);
    auto it = by_path.find(key);
    if (it != by_path.end()) {
      note_consumed(key);
      return it->second;
    }
    std::string text;
    if (!read_text(path, text)) return std::nullopt;
    owned.push_back(std::make_unique<SourceFile>(display(path), std::move(text)));
    auto idx = static_cast<std::uint32_t>(table.size());
    table.push_back(owned.back().get());
    by_path.emplace(key, idx);
    note_consumed(key);
    return idx;
  }

  void note_consumed(const std::string& key) {
    if (std::find(out->consumed.begin(), out->consumed.end(), key) == out->consumed.end()) {
      out->consumed.push_back(key);
    }
  }

  std::shared_ptr<LoadedStream> parse(std::uint32_t file) {
    auto it = loaded.find(file);
    if (it != loaded.end()) return it->second;
    auto s = std::make_shared<LoadedStream>(load_all(*table[file]));
    loaded.emplace(file, s);
    return s;
  }

  // An in-memory text (inline patch): its own SourceFile whose positions are those of the
  // kustomization's scalar.
  std::uint32_t inline_source(const Tree& scalar) {
    std::string name = scalar.origin.known() ? table[scalar.origin.file]->name() : "<inline>";
    // Keep positions pointing at the kustomization: pad the text with the lines above it and,
    // for a block scalar (`patch: |`), indent it as it is written.
    std::string text(scalar.origin.begin.line > 0 ? scalar.origin.begin.line : 0, '\n');
    std::size_t indent = 0;
    if (scalar.origin.known() && !scalar.plain) {
      const SourceFile& src = *table[scalar.origin.file];
      std::string_view first = src.line(scalar.origin.begin.line);
      std::size_t col = scalar.origin.begin.column > 0 ? scalar.origin.begin.column - 1 : 0;
      if (col < first.size() && (first[col] == '|' || first[col] == '>')) {
        for (std::uint32_t ln = scalar.origin.begin.line + 1; ln <= src.line_count(); ++ln) {
          std::string_view l = src.line(ln);
          std::size_t n = l.find_first_not_of(' ');
          if (n == std::string_view::npos) continue;
          indent = n;
          break;
        }
      }
    }
    std::size_t start = 0;
    while (start <= scalar.text.size()) {
      std::size_t nl = scalar.text.find('\n', start);
      std::string_view line(scalar.text.data() + start,
                            (nl == std::string::npos ? scalar.text.size() : nl) - start);
      if (!line.empty()) text.append(indent, ' ');
      text += line;
      if (nl == std::string::npos) break;
      text += '\n';
      start = nl + 1;
    }
    owned.push_back(std::make_unique<SourceFile>(name, std::move(text)));
    auto idx = static_cast<std::uint32_t>(table.size());
    table.push_back(owned.back().get());
    return idx;
  }

  // The YAML documents of a file (or inline text) as Trees; parse errors are problems.
  std::vector<Tree> documents(std::uint32_t file, const Origin& referenced_at) {
    std::vector<Tree> out_docs;
    auto stream = parse(file);
    for (const auto& e : stream->errors) {
      Origin at{file, e.pos, e.pos};
      (void)referenced_at;
      problem(at, "invalid YAML: " + e.message);
    }
    for (const auto& d : stream->documents) {
      Node root = d->root();
      if (root.is_missing() || root.is_null()) continue;
      for (const auto& dup : d->duplicate_keys()) {
        problem(Origin{file, dup.key.begin(), dup.key.end()},
                "mapping key " + quote_name(dup.key.scalar()) + " already defined at line " +
                    std::to_string(dup.first.begin().line));
      }
      out_docs.push_back(to_tree(root, file));
    }
    return out_docs;
  }

  // Resolves a file entry of a kustomization against its directory, with the load restriction.
  std::optional<std::uint32_t> load_entry(const fs::path& dir, const Tree& entry,
                                          std::string_view what) {
    fs::path p = dir / entry.text;
    std::error_code ec;
    if (!fs::exists(p, ec)) {
      problem(entry.origin, std::string(what) + " " + quote_name(entry.text) +
                                " does not exist (looked for " + display(p) + ")");
      return std::nullopt;
    }
    if (fs::is_directory(p, ec)) {
      problem(entry.origin,
              std::string(what) + " " + quote_name(entry.text) + " is a directory, not a file");
      return std::nullopt;
    }
    if (options.restrict_to_root && !inside(canonical_path(p), canonical_path(dir))) {
      problem(entry.origin, std::string(what) + " " + quote_name(entry.text) +
                                " is outside the kustomization root " + display(dir) +
                                " (kustomize's default load restriction, "
                                "LoadRestrictionsRootOnly)");
      return std::nullopt;
    }
    auto idx = load(p);
    if (!idx) problem(entry.origin, "cannot read " + display(p));
    return idx;
  }

  // ---- the kustomization file ----------------------------------------------------------------

  struct Kust {
    fs::path dir;
    Tree k;
    std::uint32_t file = 0;
    std::string configured_extra;  // a transformer configuration's name/namespace lines
    bool component = false;
    Origin at;
  };

  std::optional<Kust> read_kustomization(const fs::path& dir, const Origin& referenced_at) {
    std::string name = find_kustomization(dir);
    int found = 0;
    for (const char* n : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
      std::error_code ec;
      if (fs::is_regular_file(dir / n, ec)) ++found;
    }
    if (found > 1) {
      problem(referenced_at,
              "found multiple kustomization files in " + display(dir) +
                  " (kustomization.yaml, kustomization.yml, Kustomization): keep one");
      return std::nullopt;
    }
    if (name.empty()) {
      problem(referenced_at,
              "no kustomization.yaml, kustomization.yml or Kustomization in " + display(dir));
      return std::nullopt;
    }
    auto idx = load(dir / name);
    if (!idx) {
      problem(referenced_at, "cannot read " + display(dir / name));
      return std::nullopt;
    }
    Kust out_k;
    out_k.dir = dir;
    out_k.file = *idx;
    out_k.at = Origin{*idx, Position{1, 1}, Position{1, 1}};
    auto stream = parse(*idx);
    for (const auto& e : stream->errors) {
      problem(Origin{*idx, e.pos, e.pos}, "invalid kustomization (YAML): " + e.message);
      return std::nullopt;
    }
    Node root;
    for (const auto& d : stream->documents) {
      if (!d->root().is_null()) {
        root = d->root();
        break;
      }
    }
    if (root.is_missing() || root.is_null()) {
      out_k.k = Tree::map(out_k.at);
      return out_k;
    }
    if (!root.is_map() || !is_kustomization_document(root)) {
      problem(Origin{*idx, root.begin(), root.end()},
              "invalid kustomization: not a kustomize.config.k8s.io Kustomization or Component");
      return std::nullopt;
    }
    out_k.k = to_tree(root, *idx);
    out_k.component = out_k.k.str("kind") == "Component";
    validate(out_k.k);
    return out_k;
  }

  void validate(const Tree& k) {
    for (const auto& e : k.entries) {
      const auto& fields = known_fields();
      if (std::find(fields.begin(), fields.end(), e.key.text) == fields.end()) {
        std::string msg = "invalid kustomization: unknown field " + quote_name(e.key.text);
        std::string hint = closest_match(e.key.text, fields);
        if (!hint.empty()) msg += "; did you mean " + quote_name(hint) + "?";
        problem(e.key.origin, msg);
        continue;
      }
      const std::string& f = e.key.text;
      const Tree& v = e.value;
      bool list_field =
          f == "resources" || f == "bases" || f == "components" || f == "patchesStrategicMerge" ||
          f == "crds" || f == "configurations" || f == "generators" || f == "transformers" ||
          f == "validators" || f == "patches" || f == "patchesJson6902" || f == "images" ||
          f == "replicas" || f == "configMapGenerator" || f == "secretGenerator" || f == "vars" ||
          f == "replacements" || f == "labels" || f == "helmCharts" || f == "buildMetadata";
      bool map_field = f == "commonLabels" || f == "commonAnnotations" || f == "generatorOptions" ||
                       f == "sortOptions" || f == "openapi" || f == "metadata";
      bool string_field = f == "namespace" || f == "namePrefix" || f == "nameSuffix" ||
                          f == "apiVersion" || f == "kind";
      if (v.is_null()) continue;
      if (list_field && !v.is_sequence()) {
        problem(v.origin, "invalid kustomization: field " + quote_name(f) + " must be a list");
      } else if (map_field && !v.is_map()) {
        problem(v.origin, "invalid kustomization: field " + quote_name(f) + " must be a mapping");
      } else if (string_field && !v.is_scalar()) {
        problem(v.origin, "invalid kustomization: field " + quote_name(f) + " must be a string");
      }
    }
  }

  // ---- accumulation --------------------------------------------------------------------------

  // Whether `r` has the id of a resource already accumulated (a located error if so).
  bool conflicts(const std::vector<Res>& rm, const Res& r, const Origin& at) {
    Id b = r.id();
    for (const auto& other : rm) {
      Id a = other.id();
      // kustomize's ids include the version: Wordpress v1 and v2 may share a name.
      if (a.kind == b.kind && a.name == b.name && same_ns(a.ns, b.ns) && a.group == b.group &&
          version_of(other.api()) == version_of(r.api())) {
        problem(at.known() ? at : r.t.origin,
                "may not add resource with an already registered id: " + b.kind + " " +
                    quote_name(b.name) + (b.ns.empty() ? "" : " in namespace " + quote_name(b.ns)));
        return true;
      }
    }
    return false;
  }

  void add_resource_doc(Tree doc, std::vector<Res>& rm) {
    if (!doc.is_map()) {
      problem(doc.origin, "a resource must be a mapping (a Kubernetes object)");
      return;
    }
    std::string_view kind = doc.str("kind");
    const Tree* items = doc.find("items");
    if (kind.ends_with("List") && items != nullptr && items->is_sequence()) {
      for (auto& item : doc.find("items")->items) add_resource_doc(std::move(item), rm);
      return;
    }
    if (kind.empty()) {
      problem(doc.origin, "a resource must have a kind (missing 'kind')");
      return;
    }
    const Tree* meta = doc.find("metadata");
    if (meta == nullptr || (meta->str("name").empty() && meta->str("generateName").empty())) {
      problem(doc.origin, "resource of kind " + quote_name(kind) + " has no metadata.name");
      return;
    }
    // kustomize reads labels and annotations as strings (`port: 8080` becomes "8080").
    if (Tree* m = doc.find("metadata"); m != nullptr) {
      for (const char* f : {"labels", "annotations"}) {
        if (Tree* map = m->find(f); map != nullptr && map->is_map()) {
          for (auto& e : map->entries) {
            if (e.value.is_scalar()) e.value.plain = false;
          }
        }
      }
    }
    Res r;
    r.t = std::move(doc);
    r.remember();
    if (conflicts(rm, r, r.t.origin)) return;
    rm.push_back(std::move(r));
  }

  void accumulate(const fs::path& dir, std::vector<Res>& rm, const Origin& referenced_at,
                  bool expect_component, bool top) {
    std::string key = canonical_path(dir);
    if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
      problem(referenced_at, "cycle: " + display(dir) + " includes itself (through " +
                                 std::to_string(stack.size()) + " kustomizations)");
      return;
    }
    auto kust = read_kustomization(dir, referenced_at);
    if (!kust) return;
    if (std::find(out->kustomizations.begin(), out->kustomizations.end(), key) ==
        out->kustomizations.end()) {
      out->kustomizations.push_back(key);
    }
    if (expect_component && !kust->component) {
      problem(referenced_at, "components must be kustomizations of kind Component: " +
                                 display(dir) + " is a Kustomization");
      return;
    }
    if (!expect_component && kust->component && !top) {
      problem(referenced_at,
              display(dir) + " is a Component: list it under 'components', not 'resources'");
      return;
    }
    stack.push_back(key);
    Kust& ks = *kust;
    const Tree& k = ks.k;
    std::vector<Res> own;
    std::vector<Res>& target = ks.component ? rm : own;

    // Resources (and legacy bases).
    for (const char* field : {"resources", "bases"}) {
      const Tree* list = k.find(field);
      if (list == nullptr || !list->is_sequence()) continue;
      for (const auto& entry : list->items) {
        if (!entry.is_scalar() || entry.text.empty()) {
          problem(entry.origin, std::string("entries of '") + field + "' must be paths");
          continue;
        }
        if (is_remote(entry.text)) {
          problem(entry.origin,
                  "remote resource " + quote_name(entry.text) +
                      " cannot be built offline: it is left out, the rest is linted",
                  Severity::warning, "kustomize-unsupported");
          continue;
        }
        fs::path p = dir / entry.text;
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
          accumulate(p, target, entry.origin, false, false);
          continue;
        }
        auto idx = load_entry(dir, entry, "resource");
        if (!idx) continue;
        std::size_t before = target.size();
        for (auto& doc : documents(*idx, entry.origin)) add_resource_doc(std::move(doc), target);
        for (std::size_t i = before; i < target.size(); ++i) {
          target[i].origin_file = table[*idx]->name();
        }
      }
    }
    if (const Tree* crds = k.find("crds"); crds != nullptr) {
      for (const auto& entry : crds->items) {
        if (entry.is_scalar()) (void)load_entry(dir, entry, "crd");
      }
    }
    for (const char* field : {"configurations"}) {
      if (const Tree* list = k.find(field); list != nullptr) {
        for (const auto& entry : list->items) {
          if (entry.is_scalar() && !is_remote(entry.text)) {
            (void)load_entry(dir, entry, "configuration");
          }
        }
      }
    }
    if (const Tree* openapi = k.find("openapi"); openapi != nullptr && openapi->is_map()) {
      if (const Tree* p = openapi->find("path"); p != nullptr && p->is_scalar()) {
        if (is_remote(p->text)) {
          problem(p->origin, "remote openapi schema cannot be loaded offline: ignored",
                  Severity::info, "kustomize-unsupported");
        } else {
          (void)load_entry(dir, *p, "openapi schema");
        }
      }
    }

    // Generators.
    generate(ks, target, "configMapGenerator", "ConfigMap");
    generate(ks, target, "secretGenerator", "Secret");
    plugins(ks, target, "generators");
    if (const Tree* helm = k.find("helmCharts"); helm != nullptr) {
      problem(helm->origin,
              "helmCharts cannot be inflated offline (it needs helm and chart repositories): "
              "the charts are left out, the rest is linted",
              Severity::warning, "kustomize-unsupported");
      for (const auto& chart : helm->items) {
        if (const Tree* values = chart.find("valuesFile"); values && values->is_scalar()) {
          (void)load(dir / values->text);
        }
      }
    }

    // Components.
    if (const Tree* comps = k.find("components"); comps != nullptr && comps->is_sequence()) {
      for (const auto& entry : comps->items) {
        if (!entry.is_scalar()) continue;
        if (is_remote(entry.text)) {
          problem(entry.origin,
                  "remote component " + quote_name(entry.text) + " cannot be built offline",
                  Severity::warning, "kustomize-unsupported");
          continue;
        }
        fs::path p = dir / entry.text;
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
          problem(entry.origin, "component " + quote_name(entry.text) +
                                    " is not a directory with a kustomization");
          continue;
        }
        accumulate(p, target, entry.origin, true, false);
      }
    }

    // Transformers, in kustomize's order.
    patches_strategic_merge(ks, target);
    patches(ks, target);
    set_namespace(ks, target);
    name_prefix_suffix(ks, target);
    common_labels(ks, target);
    labels(ks, target);
    common_annotations(ks, target);
    patches_json6902(ks, target);
    replicas(ks, target);
    images(ks, target);
    replacements(ks, target);
    plugins(ks, target, "transformers");
    plugins(ks, target, "validators");

    if (top) {
      finish_top(ks, target);
    }
    stack.pop_back();
    if (!ks.component) {
      for (auto& r : own) {
        if (conflicts(rm, r, referenced_at)) continue;
        rm.push_back(std::move(r));
      }
    }
  }

  // ---- generators ----------------------------------------------------------------------------

  static std::string strip_quotes(std::string v) {
    if (v.size() >= 2 &&
        ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
      return v.substr(1, v.size() - 2);
    }
    return v;
  }

  static std::string base64(std::string_view in) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    while (i + 2 < in.size()) {
      auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 2]));
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += kAlphabet[(n >> 6) & 63];
      out += kAlphabet[n & 63];
      i += 3;
    }
    if (i + 1 == in.size()) {
      auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16;
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += "==";
    } else if (i + 2 == in.size()) {
      auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += kAlphabet[(n >> 6) & 63];
      out += '=';
    }
    return out;
  }

  static bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      std::size_t n = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
      if (n == 0 || i + n > s.size()) return false;
      for (std::size_t j = 1; j < n; ++j) {
        if ((static_cast<unsigned char>(s[i + j]) & 0xC0) != 0x80) return false;
      }
      i += n;
    }
    return true;
  }

  void add_data(Tree& obj, bool secret, const std::string& key, const std::string& value,
                const Origin& at) {
    bool binary = !secret && !valid_utf8(value);
    std::string field = secret ? "data" : (binary ? "binaryData" : "data");
    Tree& data = obj.ensure_map(field, at);
    if (data.find(key) != nullptr) {
      problem(at, "duplicate key " + quote_name(key) + " in generated " +
                      std::string(secret ? "Secret" : "ConfigMap"));
      return;
    }
    data.set(key, Tree::scalar(secret || binary ? base64(value) : value, at, false), at);
  }

  void generate(const Kust& ks, std::vector<Res>& rm, const char* field, const char* kind) {
    const Tree* list = ks.k.find(field);
    if (list == nullptr || !list->is_sequence()) return;
    bool secret = std::string_view(kind) == "Secret";
    const Tree* global = ks.k.find("generatorOptions");
    for (const auto& g : list->items) {
      if (!g.is_map()) {
        problem(g.origin, std::string("entries of '") + field + "' must be mappings");
        continue;
      }
      Origin at = g.origin;
      if (const Tree* n = g.find("name"); n != nullptr) at = n->origin;
      Tree obj = Tree::map(at);
      obj.set("apiVersion", Tree::scalar("v1", at, true));
      obj.set("kind", Tree::scalar(kind, at, true));
      Tree& meta = obj.set("metadata", Tree::map(at));
      std::string name(g.str("name"));
      if (name.empty()) {
        problem(g.origin, std::string("a ") + field + " entry needs a name");
        continue;
      }
      meta.set("name", Tree::scalar(name, at, false));
      if (const Tree* ns = g.find("namespace"); ns != nullptr && ns->is_scalar()) {
        meta.set("namespace", *ns);
      }
      if (const Tree* lits = g.find("literals"); lits != nullptr) {
        for (const auto& lit : lits->items) {
          auto eq = lit.text.find('=');
          if (eq == std::string::npos) {
            problem(lit.origin, "literal " + quote_name(lit.text) + " is not KEY=VALUE");
            continue;
          }
          add_data(obj, secret, lit.text.substr(0, eq), strip_quotes(lit.text.substr(eq + 1)),
                   lit.origin);
        }
      }
      if (const Tree* files = g.find("files"); files != nullptr) {
        for (const auto& f : files->items) {
          std::string spec = f.text;
          std::string key;
          auto eq = spec.find('=');
          if (eq != std::string::npos) {
            key = spec.substr(0, eq);
            spec = spec.substr(eq + 1);
          }
          Tree entry = f;
          entry.text = spec;
          auto idx = load_entry(ks.dir, entry, "generator file");
          if (!idx) continue;
          if (key.empty()) key = fs::path(spec).filename().string();
          add_data(obj, secret, key, std::string(table[*idx]->text()), f.origin);
        }
      }
      std::vector<const Tree*> envs;
      if (const Tree* e = g.find("envs"); e != nullptr) {
        for (const auto& item : e->items) envs.push_back(&item);
      }
      if (const Tree* e = g.find("env"); e != nullptr && e->is_scalar()) envs.push_back(e);
      for (const Tree* e : envs) {
        auto idx = load_entry(ks.dir, *e, "env file");
        if (!idx) continue;
        const SourceFile& src = *table[*idx];
        for (std::uint32_t ln = 1; ln <= src.line_count(); ++ln) {
          std::string line(src.line(ln));
          std::size_t s = line.find_first_not_of(" \t");
          if (s == std::string::npos || line[s] == '#') continue;
          line = line.substr(s);
          Origin lo{*idx, Position{ln, static_cast<std::uint32_t>(s + 1)},
                    Position{ln, static_cast<std::uint32_t>(s + 1 + line.size())}};
          auto eq = line.find('=');
          if (eq == std::string::npos) continue;  // a variable taken from the environment
          std::string k = line.substr(0, eq);
          while (!k.empty() && (k.back() == ' ' || k.back() == '\t')) k.pop_back();
          add_data(obj, secret, k, line.substr(eq + 1), lo);
        }
      }
      if (secret) {
        std::string type(g.str("type"));
        obj.set("type", Tree::scalar(type.empty() ? "Opaque" : type, at, false));
      }
      // Options: the kustomization's, then the entry's.
      bool hash = true;
      for (const Tree* opts : {global, g.find("options")}) {
        if (opts == nullptr || !opts->is_map()) continue;
        // `meta` may dangle here: adding data and type to `obj` can move its entries (found by
        // fuzz_kustomize, fuzz/regressions/kustomize-crash-b8af6aa3...).
        Tree& meta_now = obj.ensure_map("metadata", at);
        if (const Tree* l = opts->find("labels"); l != nullptr && l->is_map()) {
          Tree& labels = meta_now.ensure_map("labels", l->origin);
          for (const auto& e : l->entries) labels.set(e.key.text, e.value, e.key.origin);
        }
        if (const Tree* a = opts->find("annotations"); a != nullptr && a->is_map()) {
          Tree& annos = meta_now.ensure_map("annotations", a->origin);
          for (const auto& e : a->entries) annos.set(e.key.text, e.value, e.key.origin);
        }
        if (const Tree* d = opts->find("disableNameSuffixHash"); d != nullptr) {
          hash = !(d->text == "true" || d->text == "True");
        }
        if (const Tree* im = opts->find("immutable"); im != nullptr && im->text == "true") {
          obj.set("immutable", *im);
        }
      }
      std::string behavior(g.str("behavior"));
      if (behavior.empty()) behavior = "create";
      Res r;
      r.t = std::move(obj);
      r.generated = true;
      r.hash = hash;
      r.origin_file = table[ks.file]->name();
      r.origin_generator = secret ? "SecretGenerator" : "ConfigMapGenerator";
      r.origin_extra = ks.configured_extra;
      r.remember();
      if (behavior == "create") {
        for (const auto& other : rm) {
          if (other.kind() == kind && other.name() == name && same_ns(other.ns(), r.ns())) {
            problem(at, std::string(kind) + " " + quote_name(name) +
                            " already exists: use behavior 'merge' or 'replace'");
            r.hash = false;
            break;
          }
        }
        if (out->failed && !r.hash && !hash) {
        }
        rm.push_back(std::move(r));
        continue;
      }
      if (behavior != "merge" && behavior != "replace") {
        problem(g.find("behavior")->origin, "unknown generator behavior " + quote_name(behavior) +
                                                " (create, merge or replace)");
        continue;
      }
      Res* existing = nullptr;
      for (auto& other : rm) {
        if (other.kind() != kind) continue;
        bool match = other.name() == name || other.original().name == name;
        if (match && (r.ns().empty() || same_ns(other.ns(), r.ns()))) existing = &other;
      }
      if (existing == nullptr) {
        problem(g.find("behavior")->origin,
                "cannot " + behavior + " " + kind + " " + quote_name(name) + ": it does not exist");
        continue;
      }
      Tree* emeta = existing->t.find("metadata");
      if (behavior == "replace") {
        for (const char* f : {"data", "binaryData"}) {
          existing->t.erase(f);
          if (const Tree* d = r.t.find(f)) existing->t.set(f, *d);
        }
      } else {
        for (const char* f : {"data", "binaryData"}) {
          if (const Tree* d = r.t.find(f)) {
            Tree& dst = existing->t.ensure_map(f, d->origin);
            for (const auto& e : d->entries) dst.set(e.key.text, e.value, e.key.origin);
          }
        }
      }
      if (emeta != nullptr) {
        for (const char* f : {"labels", "annotations"}) {
          if (const Tree* l = r.t.find("metadata")->find(f); l != nullptr) {
            Tree& dst = emeta->ensure_map(f, l->origin);
            for (const auto& e : l->entries) dst.set(e.key.text, e.value, e.key.origin);
          }
        }
      }
      if (const Tree* t = r.t.find("type"); t != nullptr && secret && g.find("type") != nullptr) {
        existing->t.set("type", *t);
      }
      existing->hash = existing->generated ? (existing->hash && hash) : hash;
      if (!existing->generated) existing->hash = false;
    }
  }

  // generators:/transformers:/validators: entries. Built-in transformer configurations given
  // as files are applied; plugins and KRM functions are not run.
  void plugins(const Kust& ks, std::vector<Res>& rm, const char* field) {
    const Tree* list = ks.k.find(field);
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      std::vector<Tree> configs;
      if (entry.is_scalar()) {
        if (is_remote(entry.text)) {
          problem(entry.origin,
                  "remote " + std::string(field) + " entry " + quote_name(entry.text) +
                      " cannot be run offline",
                  Severity::warning, "kustomize-unsupported");
          continue;
        }
        fs::path p = ks.dir / entry.text;
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
          // A kustomization whose output is the configurations.
          std::vector<Res> sub;
          accumulate(p, sub, entry.origin, false, false);
          for (auto& r : sub) configs.push_back(std::move(r.t));
        } else if (entry.text.find('\n') != std::string::npos) {
          configs = documents(inline_source(entry), entry.origin);
        } else {
          auto idx = load_entry(ks.dir, entry, std::string(field) + " entry");
          if (!idx) continue;
          configs = documents(*idx, entry.origin);
        }
      } else if (entry.is_map()) {
        configs.push_back(entry);
      }
      for (const auto& config : configs) run_builtin(ks, rm, config, field);
    }
  }

  void run_builtin(const Kust& ks, std::vector<Res>& rm, const Tree& config, const char* field) {
    std::string_view api = config.str("apiVersion");
    std::string_view kind = config.str("kind");
    const Tree* annos = config.find_path({"metadata", "annotations"});
    bool function = annos != nullptr && (annos->find("config.kubernetes.io/function") != nullptr ||
                                         annos->find("config.k8s.io/function") != nullptr);
    if (api != "builtin" || function) {
      problem(config.origin,
              std::string(field) + " plugin " +
                  quote_name(std::string(api) + "/" + std::string(kind)) +
                  " cannot be run offline (plugins and KRM functions are not executed): its "
                  "output is left out, the rest is linted",
              Severity::warning, "kustomize-unsupported");
      return;
    }
    // Express the configuration as the equivalent kustomization field.
    Kust sub;
    sub.dir = ks.dir;
    sub.file = config.origin.known() ? config.origin.file : ks.file;
    if (const Tree* meta = config.find("metadata"); meta != nullptr) {
      if (!meta->str("name").empty()) {
        sub.configured_extra += "name: " + std::string(meta->str("name")) + "\n";
      }
      if (!meta->str("namespace").empty()) {
        sub.configured_extra += "namespace: " + std::string(meta->str("namespace")) + "\n";
      }
    }
    sub.at = config.origin;
    sub.k = Tree::map(config.origin);
    auto copy = [&](const char* from, const char* to) {
      if (const Tree* v = config.find(from)) sub.k.set(to, *v);
    };
    if (kind == "LabelTransformer" || kind == "AnnotationsTransformer") {
      bool labels_kind = kind == "LabelTransformer";
      const Tree* pairs = config.find(labels_kind ? "labels" : "annotations");
      const Tree* specs = config.find("fieldSpecs");
      if (pairs == nullptr || !pairs->is_map()) return;
      for (auto& r : rm) {
        apply_field_specs(r, specs, *pairs,
                          labels_kind ? "metadata/labels" : "metadata/annotations");
      }
      return;
    }
    if (kind == "NamespaceTransformer") {
      if (const Tree* ns = config.find_path({"metadata", "namespace"})) sub.k.set("namespace", *ns);
      set_namespace(sub, rm);
      return;
    }
    if (kind == "PrefixSuffixTransformer") {
      copy("prefix", "namePrefix");
      copy("suffix", "nameSuffix");
      name_prefix_suffix(sub, rm, config.find("fieldSpecs"));
      return;
    }
    if (kind == "PatchTransformer") {
      Tree p = Tree::map(config.origin);
      if (const Tree* v = config.find("patch")) p.set("patch", *v);
      if (const Tree* v = config.find("path")) p.set("path", *v);
      if (const Tree* v = config.find("target")) p.set("target", *v);
      if (const Tree* v = config.find("options")) p.set("options", *v);
      Tree list = Tree::sequence(config.origin);
      list.items.push_back(std::move(p));
      sub.k.set("patches", std::move(list));
      patches(sub, rm);
      return;
    }
    if (kind == "PatchStrategicMergeTransformer") {
      copy("paths", "patchesStrategicMerge");
      if (const Tree* v = config.find("patches")) {
        Tree list = Tree::sequence(v->origin);
        list.items.push_back(*v);
        sub.k.set("patchesStrategicMerge", std::move(list));
      }
      patches_strategic_merge(sub, rm);
      return;
    }
    if (kind == "PatchJson6902Transformer") {
      Tree p = Tree::map(config.origin);
      if (const Tree* v = config.find("target")) p.set("target", *v);
      if (const Tree* v = config.find("path")) p.set("path", *v);
      if (const Tree* v = config.find("jsonOp")) p.set("patch", *v);
      Tree list = Tree::sequence(config.origin);
      list.items.push_back(std::move(p));
      sub.k.set("patchesJson6902", std::move(list));
      patches_json6902(sub, rm);
      return;
    }
    if (kind == "ImageTagTransformer") {
      Tree list = Tree::sequence(config.origin);
      if (const Tree* v = config.find("imageTag")) list.items.push_back(*v);
      sub.k.set("images", std::move(list));
      images(sub, rm);
      return;
    }
    if (kind == "ReplicaCountTransformer") {
      Tree list = Tree::sequence(config.origin);
      if (const Tree* v = config.find("replica")) list.items.push_back(*v);
      sub.k.set("replicas", std::move(list));
      replicas(sub, rm);
      return;
    }
    if (kind == "ConfigMapGenerator" || kind == "SecretGenerator") {
      Tree g = config;
      g.erase("apiVersion");
      g.erase("kind");
      if (const Tree* meta = config.find("metadata")) {
        if (const Tree* n = meta->find("name"); n != nullptr && config.find("name") == nullptr) {
          g.set("name", *n);
        }
        if (const Tree* n = meta->find("namespace");
            n != nullptr && config.find("namespace") == nullptr) {
          g.set("namespace", *n);
        }
      }
      g.erase("metadata");
      Tree list = Tree::sequence(config.origin);
      list.items.push_back(std::move(g));
      const char* f = kind == "ConfigMapGenerator" ? "configMapGenerator" : "secretGenerator";
      sub.k.set(f, std::move(list));
      generate(sub, rm, f, kind == "ConfigMapGenerator" ? "ConfigMap" : "Secret");
      return;
    }
    if (kind == "IAMPolicyGenerator") {
      const Tree* ksa = config.find("kubernetesService");
      const Tree* gsa = config.find("serviceAccount");
      if (ksa == nullptr || gsa == nullptr) return;
      Origin at = config.origin;
      Tree sa = Tree::map(at);
      sa.set("apiVersion", Tree::scalar("v1", at, true));
      sa.set("kind", Tree::scalar("ServiceAccount", at, true));
      Tree& meta = sa.set("metadata", Tree::map(at));
      if (const Tree* n = ksa->find("name")) meta.set("name", *n);
      if (const Tree* n = ksa->find("namespace")) meta.set("namespace", *n);
      Tree& sa_annos = meta.set("annotations", Tree::map(at));
      sa_annos.set("iam.gke.io/gcp-service-account",
                   Tree::scalar(std::string(gsa->str("name")) + "@" +
                                    std::string(gsa->str("projectId")) + ".iam.gserviceaccount.com",
                                at));
      add_resource_doc(std::move(sa), rm);
      return;
    }
    if (kind == "ReplacementTransformer") {
      copy("replacements", "replacements");
      replacements(sub, rm);
      return;
    }
    problem(config.origin,
            "built-in " + std::string(kind) + " is not supported by kubelint's builder: ignored",
            Severity::warning, "kustomize-unsupported");
  }

  void apply_field_specs(Res& r, const Tree* specs, const Tree& pairs, const char* fallback) {
    auto apply = [&](const std::string& path, bool create) {
      at_path(r.t, split(path, '/'), 0, create, pairs.origin, [&](Tree& m) {
        if (m.is_null()) m = Tree::map(pairs.origin);
        if (!m.is_map()) return;
        for (const auto& e : pairs.entries) m.set(e.key.text, e.value, e.key.origin);
      });
    };
    if (specs == nullptr || !specs->is_sequence()) {
      apply(fallback, true);
      return;
    }
    for (const auto& s : specs->items) {
      std::string_view kind = s.str("kind");
      if (!kind.empty() && kind != r.kind()) continue;
      std::string_view group = s.str("group");
      if (!group.empty() && group != group_of(r.api())) continue;
      apply(std::string(s.str("path")), s.str("create") == "true");
    }
  }

  // ---- patches -------------------------------------------------------------------------------

  // Texts of a patch entry: a file, or an inline string.
  std::vector<Tree> patch_documents(const Kust& ks, const Tree& entry, const char* what) {
    if (entry.text.find('\n') != std::string::npos || entry.text.starts_with("apiVersion:") ||
        entry.text.starts_with("[") || entry.text.starts_with("{") ||
        entry.text.starts_with("- ")) {
      return documents(inline_source(entry), entry.origin);
    }
    auto idx = load_entry(ks.dir, entry, what);
    if (!idx) return {};
    return documents(*idx, entry.origin);
  }

  Res* find_by_patch(std::vector<Res>& rm, const Tree& patch, const Origin& at) {
    std::string_view kind = patch.str("kind");
    const Tree* meta = patch.find("metadata");
    std::string_view name = meta != nullptr ? meta->str("name") : "";
    std::string_view ns = meta != nullptr ? meta->str("namespace") : "";
    std::string group = group_of(patch.str("apiVersion"));
    std::vector<Res*> found;
    for (auto& r : rm) {
      if (r.kind() != kind) continue;
      bool match = false;
      auto check = [&](const Id& id) {
        if (id.name == name && (meta->find("namespace") == nullptr || same_ns(id.ns, ns))) {
          match = true;
        }
      };
      check(r.id());
      for (const auto& p : r.prev) check(p);
      if (match) found.push_back(&r);
    }
    if (found.size() > 1 && meta != nullptr && meta->find("namespace") == nullptr) {
      std::vector<Res*> in_default;
      for (Res* r : found) {
        if (same_ns(r->ns(), "")) in_default.push_back(r);
      }
      if (in_default.size() == 1) found = in_default;
    }
    if (found.size() > 1) {
      std::vector<Res*> same_group;
      for (Res* r : found) {
        if (group_of(r->api()) == group) same_group.push_back(r);
      }
      if (!same_group.empty()) found = same_group;
    }
    if (found.size() != 1) {
      problem(at, std::string(found.empty() ? "no resource matches" : "several resources match") +
                      " the patch for " + std::string(kind.empty() ? "?" : kind) + " " +
                      quote_name(name) + (found.empty() ? " (patch target not found)" : ""));
      return nullptr;
    }
    return found.front();
  }

  void patches_strategic_merge(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("patchesStrategicMerge");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      if (!entry.is_scalar()) continue;
      std::vector<Tree> docs = patch_documents(ks, entry, "patch");
      if (docs.empty() && !out->failed) {
        problem(entry.origin, "patch " + quote_name(entry.text) + " appears to be empty");
      }
      for (const auto& patch : docs) {
        if (!patch.is_map()) {
          problem(patch.origin, "a strategic merge patch must be a mapping");
          continue;
        }
        Res* r = find_by_patch(rm, patch, patch.origin);
        if (r != nullptr) apply_patch_to(rm, *r, patch, false, false);
      }
    }
  }

  Selector read_selector(const Tree& t) {
    Selector s;
    s.group = std::string(t.str("group"));
    s.version = std::string(t.str("version"));
    s.kind = std::string(t.str("kind"));
    s.name = std::string(t.str("name"));
    s.ns = std::string(t.str("namespace"));
    s.label_selector = std::string(t.str("labelSelector"));
    s.annotation_selector = std::string(t.str("annotationSelector"));
    return s;
  }

  void patches(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("patches");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      if (!entry.is_map()) {
        problem(entry.origin, "entries of 'patches' must be mappings with 'path' or 'patch'");
        continue;
      }
      const Tree* path = entry.find("path");
      const Tree* inline_patch = entry.find("patch");
      std::vector<Tree> docs;
      if (path != nullptr && path->is_scalar()) {
        auto idx = load_entry(ks.dir, *path, "patch");
        if (!idx) continue;
        docs = documents(*idx, path->origin);
      } else if (inline_patch != nullptr && inline_patch->is_scalar()) {
        docs = documents(inline_source(*inline_patch), inline_patch->origin);
      } else {
        problem(entry.origin, "a patch needs 'path' or 'patch'");
        continue;
      }
      const Tree* target = entry.find("target");
      const Tree* opts = entry.find("options");
      bool allow_name = opts != nullptr && opts->str("allowNameChange") == "true";
      bool allow_kind = opts != nullptr && opts->str("allowKindChange") == "true";
      for (const auto& patch : docs) {
        if (target == nullptr) {
          if (is_json6902(patch)) {
            problem(entry.origin, "a JSON 6902 patch needs a 'target'");
            continue;
          }
          if (!patch.is_map()) continue;
          Res* r = find_by_patch(rm, patch, patch.origin);
          if (r != nullptr) apply_patch_to(rm, *r, patch, allow_name, allow_kind);
          continue;
        }
        Selector s = read_selector(*target);
        std::vector<Res*> selected;
        for (auto& r : rm) {
          if (selects(s, r)) selected.push_back(&r);
        }
        if (selected.empty()) {
          problem(target->origin, "the patch target selects no resource", Severity::warning,
                  "kustomize-patch-unused");
          continue;
        }
        // Apply in reverse address order so deletions do not invalidate pointers.
        for (auto it = selected.rbegin(); it != selected.rend(); ++it) {
          Res& r = **it;
          if (is_json6902(patch)) {
            if (auto fail = apply_json6902(r.t, patch)) problem(fail->at, fail->message);
          } else {
            apply_patch_to(rm, r, patch, allow_name, allow_kind);
          }
        }
      }
    }
  }

  void apply_patch_to(std::vector<Res>& rm, Res& r, const Tree& patch, bool allow_name,
                      bool allow_kind) {
    std::string name(r.name());
    std::string kind(r.kind());
    Tree p = patch;
    // The patch's own name and kind identify the target; they only change it when allowed.
    if (!allow_kind) p.erase("kind");
    if (!allow_name) {
      if (Tree* meta = p.find("metadata"); meta != nullptr) {
        meta->erase("name");
        meta->erase("namespace");
      }
    }
    p.erase("apiVersion");
    if (!strategic_merge(r.t, p)) {
      auto it = std::find_if(rm.begin(), rm.end(), [&](const Res& x) { return &x == &r; });
      if (it != rm.end()) rm.erase(it);
      return;
    }
    (void)name;
    (void)kind;
  }

  void patches_json6902(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("patchesJson6902");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      const Tree* target = entry.find("target");
      if (target == nullptr) {
        problem(entry.origin, "a patchesJson6902 entry needs a 'target'");
        continue;
      }
      std::vector<Tree> docs;
      if (const Tree* p = entry.find("path"); p != nullptr && p->is_scalar()) {
        auto idx = load_entry(ks.dir, *p, "patch");
        if (!idx) continue;
        docs = documents(*idx, p->origin);
      } else if (const Tree* inl = entry.find("patch"); inl != nullptr && inl->is_scalar()) {
        docs = documents(inline_source(*inl), inl->origin);
      } else if (inl != nullptr && inl->is_sequence()) {
        docs.push_back(*inl);
      }
      Selector s = read_selector(*target);
      std::vector<Res*> selected;
      for (auto& r : rm) {
        if (selects(s, r)) selected.push_back(&r);
      }
      if (selected.empty()) {
        problem(target->origin, "no resource matches the patchesJson6902 target " +
                                    quote_name(s.kind + " " + s.name) +
                                    " (patch target not found)");
        continue;
      }
      for (const auto& doc : docs) {
        for (Res* r : selected) {
          if (auto fail = apply_json6902(r->t, doc)) problem(fail->at, fail->message);
        }
      }
    }
  }

  // ---- simple transformers -------------------------------------------------------------------

  void transformed(const Kust& ks, Res& r, const char* kind) {
    r.transformations.emplace_back(table[ks.file]->name(),
                                   std::string(kind) + "\n" + ks.configured_extra);
  }

  void set_namespace(const Kust& ks, std::vector<Res>& rm) {
    const Tree* ns = ks.k.find("namespace");
    if (ns == nullptr || !ns->is_scalar() || ns->text.empty()) return;
    for (auto& r : rm) {
      transformed(ks, r, "NamespaceTransformer");
      r.remember();
      std::string_view kind = r.kind();
      if (!is_cluster_scoped_kind(kind) || !is_builtin_api(r.api())) {
        Tree& meta = r.t.ensure_map("metadata", ns->origin);
        meta.set("namespace", *ns, ns->origin);
      } else if (kind == "Namespace" && r.api() == "v1") {
        // kustomize renames the Namespace objects of the build to the namespace.
        if (Tree* name = r.t.find_path({"metadata", "name"}); name != nullptr) {
          name->text = ns->text;
          name->origin = ns->origin;
          r.remember();
        }
      }
      if (kind == "RoleBinding" || kind == "ClusterRoleBinding") {
        if (Tree* subjects = r.t.find("subjects"); subjects != nullptr) {
          for (auto& s : subjects->items) {
            if (s.str("kind") == "ServiceAccount" && s.str("name") == "default") {
              s.set("namespace", *ns, ns->origin);
            }
          }
        }
      }
      if (kind == "ValidatingWebhookConfiguration" || kind == "MutatingWebhookConfiguration") {
        if (Tree* hooks = r.t.find("webhooks"); hooks != nullptr) {
          for (auto& h : hooks->items) {
            if (Tree* svc = h.find_path({"clientConfig", "service"}); svc && svc->is_map()) {
              svc->set("namespace", *ns, ns->origin);
            }
          }
        }
      }
      if (kind == "APIService") {
        if (Tree* svc = r.t.find_path({"spec", "service"}); svc != nullptr && svc->is_map()) {
          svc->set("namespace", *ns, ns->origin);
        }
      }
      if (kind == "CustomResourceDefinition") {
        if (Tree* svc = r.t.find_path({"spec", "conversion", "webhook", "clientConfig", "service"});
            svc != nullptr && svc->is_map()) {
          svc->set("namespace", *ns, ns->origin);
        }
      }
    }
  }

  void name_prefix_suffix(const Kust& ks, std::vector<Res>& rm, const Tree* specs = nullptr) {
    const Tree* prefix = ks.k.find("namePrefix");
    const Tree* suffix = ks.k.find("nameSuffix");
    bool has_prefix = prefix != nullptr && prefix->is_scalar() && !prefix->text.empty();
    bool has_suffix = suffix != nullptr && suffix->is_scalar() && !suffix->text.empty();
    if (!has_prefix && !has_suffix) return;
    for (auto& r : rm) {
      std::string_view kind = r.kind();
      if (has_prefix) transformed(ks, r, "PrefixTransformer");
      if (has_suffix) transformed(ks, r, "SuffixTransformer");
      if (kind == "CustomResourceDefinition" || kind == "APIService" || kind == "Namespace") {
        continue;
      }
      if (specs != nullptr && specs->is_sequence() &&
          std::none_of(specs->items.begin(), specs->items.end(), [&](const Tree& spec) {
            return (spec.str("kind").empty() || spec.str("kind") == kind) &&
                   spec.str("path") == "metadata/name";
          })) {
        continue;
      }
      Tree* meta = r.t.find("metadata");
      Tree* name = meta != nullptr ? meta->find("name") : nullptr;
      if (name == nullptr || !name->is_scalar()) continue;
      r.remember();
      r.prefixes.push_back(has_prefix ? prefix->text : "");
      r.suffixes.push_back(has_suffix ? suffix->text : "");
      name->text = (has_prefix ? prefix->text : "") + name->text + (has_suffix ? suffix->text : "");
      name->origin = has_prefix ? prefix->origin : suffix->origin;
      name->plain = false;
      r.remember();
    }
  }

  void add_pairs(Res& r, const Tree& pairs, const std::vector<FieldSpec>& specs,
                 const char* meta_field) {
    auto add = [&](Tree& m) {
      if (m.is_null()) m = Tree::map(pairs.origin);
      if (!m.is_map()) return;
      for (const auto& e : pairs.entries) {
        Tree v = e.value;
        if (!v.is_string()) {
          v.plain = false;
        }
        m.set(e.key.text, std::move(v), e.key.origin);
      }
    };
    if (meta_field != nullptr) {
      Tree& meta = r.t.ensure_map("metadata", pairs.origin);
      Tree* m = meta.find(meta_field);
      if (m == nullptr || m->is_null()) m = &meta.set(meta_field, Tree::map(pairs.origin));
      add(*m);
    }
    for (const auto& s : specs) {
      if (!s.kind.empty() && s.kind != r.kind()) continue;
      at_path(r.t, split(s.path, '/'), 0, s.create, pairs.origin, add);
    }
  }

  void common_labels(const Kust& ks, std::vector<Res>& rm) {
    const Tree* labels_t = ks.k.find("commonLabels");
    if (labels_t == nullptr || !labels_t->is_map() || labels_t->entries.empty()) return;
    std::vector<FieldSpec> specs = selector_label_specs();
    const auto& tmpl = template_label_specs();
    specs.insert(specs.end(), tmpl.begin(), tmpl.end());
    for (auto& r : rm) add_pairs(r, *labels_t, specs, "labels");
  }

  void labels(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("labels");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      const Tree* pairs = entry.find("pairs");
      if (pairs == nullptr || !pairs->is_map()) continue;
      bool selectors = entry.str("includeSelectors") == "true";
      bool templates = entry.str("includeTemplates") == "true";
      std::vector<FieldSpec> specs;
      if (selectors) {
        specs = selector_label_specs();
        const auto& tmpl = template_label_specs();
        specs.insert(specs.end(), tmpl.begin(), tmpl.end());
      } else if (templates) {
        for (const auto& s : template_label_specs()) {
          if (s.path.find("volumeClaimTemplates") == std::string::npos) specs.push_back(s);
        }
      }
      if (const Tree* fields = entry.find("fields"); fields != nullptr && fields->is_sequence()) {
        for (const auto& f : fields->items) {
          specs.push_back(FieldSpec{std::string(f.str("kind")), std::string(f.str("group")),
                                    std::string(f.str("path")), f.str("create") == "true"});
        }
      }
      for (auto& r : rm) add_pairs(r, *pairs, specs, "labels");
    }
  }

  void common_annotations(const Kust& ks, std::vector<Res>& rm) {
    const Tree* annos = ks.k.find("commonAnnotations");
    if (annos == nullptr || !annos->is_map() || annos->entries.empty()) return;
    for (auto& r : rm) add_pairs(r, *annos, template_annotation_specs(), "annotations");
  }

  void replicas(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("replicas");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      std::string_view name = entry.str("name");
      const Tree* count = entry.find("count");
      if (count == nullptr) continue;
      bool any = false;
      for (auto& r : rm) {
        bool match = r.name() == name;
        for (const auto& p : r.prev) match = match || p.name == name;
        if (!match) continue;
        std::string_view kind = r.kind();
        if (kind != "Deployment" && kind != "ReplicaSet" && kind != "StatefulSet" &&
            kind != "ReplicationController" && r.t.find_path({"spec", "replicas"}) == nullptr) {
          continue;
        }
        any = true;
        Tree& spec = r.t.ensure_map("spec", count->origin);
        Tree v = *count;
        v.plain = true;
        spec.set("replicas", std::move(v), count->origin);
      }
      if (!any) {
        problem(entry.origin, "replicas: no resource named " + quote_name(name), Severity::warning,
                "kustomize-patch-unused");
      }
    }
  }

  // image → (name, tag, digest)
  struct ImageParts {
    std::string name, tag, digest;
  };

  static ImageParts split_image(std::string_view image) {
    ImageParts p;
    auto at = image.find('@');
    if (at != std::string_view::npos) {
      p.digest = std::string(image.substr(at + 1));
      image = image.substr(0, at);
    }
    auto slash = image.rfind('/');
    auto colon = image.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
      p.tag = std::string(image.substr(colon + 1));
      image = image.substr(0, colon);
    }
    p.name = std::string(image);
    return p;
  }

  void update_images(Tree& t, const Tree& entry) {
    if (t.is_map()) {
      for (auto& e : t.entries) {
        const std::string& k = e.key.text;
        if ((k == "containers" || k == "initContainers") && e.value.is_sequence()) {
          for (auto& c : e.value.items) {
            Tree* image = c.find("image");
            if (image != nullptr && image->is_scalar()) update_image(*image, entry);
          }
        }
        update_images(e.value, entry);
      }
    } else if (t.is_sequence()) {
      for (auto& i : t.items) update_images(i, entry);
    }
  }

  static void update_image(Tree& image, const Tree& entry) {
    ImageParts parts = split_image(image.text);
    std::string_view want = entry.str("name");
    if (parts.name != want) return;
    const Tree* new_name = entry.find("newName");
    const Tree* new_tag = entry.find("newTag");
    const Tree* digest = entry.find("digest");
    const Tree* origin = digest != nullptr ? digest : new_tag != nullptr ? new_tag : new_name;
    if (origin == nullptr) return;
    if (new_name != nullptr) parts.name = new_name->text;
    if (new_tag != nullptr) {
      parts.tag = new_tag->text;
      parts.digest.clear();
    }
    if (digest != nullptr) {
      parts.digest = digest->text;
      if (new_tag == nullptr) parts.tag.clear();
    }
    std::string out = parts.name;
    if (!parts.tag.empty()) out += ":" + parts.tag;
    if (!parts.digest.empty()) out += "@" + parts.digest;
    image.text = out;
    image.plain = false;
    image.origin = origin->origin;
  }

  void images(const Kust& ks, std::vector<Res>& rm) {
    for (const char* field : {"images", "imageTags"}) {
      const Tree* list = ks.k.find(field);
      if (list == nullptr || !list->is_sequence()) continue;
      for (const auto& entry : list->items) {
        if (!entry.is_map()) continue;
        for (auto& r : rm) update_images(r.t, entry);
      }
    }
  }

  // ---- replacements --------------------------------------------------------------------------

  // "spec.template.spec.containers.[name=app].image" → segments.
  static std::vector<std::string> field_path(std::string_view path) {
    std::vector<std::string> out;
    std::string cur;
    int bracket = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
      char c = path[i];
      if (c == '\\' && i + 1 < path.size()) {
        cur += path[++i];
        continue;
      }
      if (c == '[') ++bracket;
      if (c == ']') --bracket;
      if (c == '.' && bracket == 0) {
        out.push_back(cur);
        cur.clear();
        continue;
      }
      // "rules[0]" and "containers[name=app]": the index as a segment of its own.
      if (c == '[' && !cur.empty() && bracket == 1) {
        out.push_back(cur);
        cur.clear();
      }
      cur += c;
    }
    out.push_back(cur);
    // ".metadata.name" (a leading dot) names the same field as "metadata.name".
    std::erase_if(out, [](const std::string& seg) { return seg.empty(); });
    // "[0]" → "0"
    for (auto& seg : out) {
      if (seg.size() > 2 && seg.front() == '[' && seg.back() == ']' &&
          seg.find('=') == std::string::npos && seg != "[*]" && seg != "[-]") {
        seg = seg.substr(1, seg.size() - 2);
      }
    }
    return out;
  }

  // Nodes at a field path (several with [*] or ... ); `create` makes missing maps.
  static void lookup(Tree& t, const std::vector<std::string>& segs, std::size_t i, bool create,
                     const Origin& origin, std::vector<Tree*>& found) {
    if (i == segs.size()) {
      found.push_back(&t);
      return;
    }
    const std::string& seg = segs[i];
    if (seg.size() >= 2 && seg.front() == '[' && seg.back() == ']') {
      if (!t.is_sequence()) return;
      std::string inner = seg.substr(1, seg.size() - 2);
      if (inner == "*" || inner == "-") {
        for (auto& item : t.items) lookup(item, segs, i + 1, create, origin, found);
        return;
      }
      auto eq = inner.find('=');
      if (eq == std::string::npos) {
        return;
      }
      std::string k = inner.substr(0, eq);
      std::string v = inner.substr(eq + 1);
      for (auto& item : t.items) {
        if (item.str(k) == v) lookup(item, segs, i + 1, create, origin, found);
      }
      return;
    }
    if (t.is_sequence() && seg == "*") {
      for (auto& item : t.items) lookup(item, segs, i + 1, create, origin, found);
      return;
    }
    if (t.is_sequence()) {
      // A numeric index.
      char* end = nullptr;
      long idx = std::strtol(seg.c_str(), &end, 10);
      if (end != nullptr && *end == '\0' && idx >= 0 &&
          static_cast<std::size_t>(idx) < t.items.size()) {
        lookup(t.items[static_cast<std::size_t>(idx)], segs, i + 1, create, origin, found);
      }
      return;
    }
    if (t.is_null() && create) t = Tree::map(origin);
    if (!t.is_map()) return;
    Tree* next = t.find(seg);
    if (next == nullptr) {
      if (!create) return;
      next = &t.set(seg, i + 1 == segs.size() ? Tree{} : Tree::map(origin), origin);
      next->origin = origin;
    }
    lookup(*next, segs, i + 1, create, origin, found);
  }

  void replacements(const Kust& ks, std::vector<Res>& rm) {
    const Tree* list = ks.k.find("replacements");
    if (list == nullptr || !list->is_sequence()) return;
    std::vector<Tree> reps;
    for (const auto& entry : list->items) {
      if (const Tree* p = entry.find("path"); p != nullptr && p->is_scalar()) {
        auto idx = load_entry(ks.dir, *p, "replacement");
        if (!idx) continue;
        for (auto& d : documents(*idx, p->origin)) {
          if (d.is_sequence()) {
            for (auto& i : d.items) reps.push_back(std::move(i));
          } else {
            reps.push_back(std::move(d));
          }
        }
      } else {
        reps.push_back(entry);
      }
    }
    for (const auto& rep : reps) {
      const Tree* source = rep.find("source");
      if (source == nullptr || !source->is_map()) {
        problem(rep.origin, "a replacement needs a 'source'");
        continue;
      }
      Selector s = read_selector(*source);
      Res* src = nullptr;
      int count = 0;
      for (auto& r : rm) {
        if (selects(s, r)) {
          if (src == nullptr) src = &r;
          ++count;
        }
      }
      if (count != 1) {
        problem(source->origin, count == 0 ? "replacement source " +
                                                 quote_name(s.kind + " " + s.name) + " not found"
                                           : "replacement source selects several resources");
        continue;
      }
      std::string fp(source->str("fieldPath"));
      if (fp.empty()) fp = "metadata.name";
      std::vector<Tree*> values;
      lookup(src->t, field_path(fp), 0, false, source->origin, values);
      if (values.empty()) {
        problem(source->origin, "replacement source field " + quote_name(fp) + " not found");
        continue;
      }
      Tree value = *values.front();
      if (const Tree* opts = source->find("options"); opts != nullptr && value.is_scalar()) {
        std::string delim(opts->str("delimiter"));
        if (!delim.empty()) {
          long index = std::strtol(std::string(opts->str("index")).c_str(), nullptr, 10);
          std::vector<std::string> parts;
          std::size_t start = 0;
          while (true) {
            auto p = value.text.find(delim, start);
            parts.push_back(value.text.substr(start, p == std::string::npos ? p : p - start));
            if (p == std::string::npos) break;
            start = p + delim.size();
          }
          if (index >= 0 && static_cast<std::size_t>(index) < parts.size()) {
            value.text = parts[static_cast<std::size_t>(index)];
          }
        }
      }
      const Tree* targets = rep.find("targets");
      if (targets == nullptr) continue;
      for (const auto& tgt : targets->items) {
        const Tree* select = tgt.find("select");
        if (select == nullptr) continue;
        Selector ts = read_selector(*select);
        std::vector<Selector> rejects;
        if (const Tree* rj = tgt.find("reject"); rj != nullptr) {
          for (const auto& x : rj->items) rejects.push_back(read_selector(x));
        }
        const Tree* opts = tgt.find("options");
        bool create = opts != nullptr && opts->str("create") == "true";
        std::string delim(opts != nullptr ? opts->str("delimiter") : "");
        long index =
            opts != nullptr ? std::strtol(std::string(opts->str("index")).c_str(), nullptr, 10) : 0;
        for (auto& r : rm) {
          if (!selects(ts, r)) continue;
          bool rejected = false;
          for (const auto& rj : rejects) {
            bool empty = rj.kind.empty() && rj.name.empty() && rj.ns.empty() && rj.group.empty() &&
                         rj.version.empty() && rj.label_selector.empty() &&
                         rj.annotation_selector.empty();
            if (!empty && selects(rj, r)) rejected = true;
          }
          if (rejected) continue;
          const Tree* fps = tgt.find("fieldPaths");
          std::vector<std::string> paths;
          if (fps != nullptr) {
            for (const auto& f : fps->items) paths.push_back(f.text);
          }
          if (paths.empty()) paths.push_back("metadata.name");
          for (const auto& path : paths) {
            std::vector<Tree*> found;
            lookup(r.t, field_path(path), 0, create, tgt.origin, found);
            if (found.empty() && !create) {
              problem(tgt.origin,
                      "replacement target field " + quote_name(path) + " not found in " +
                          std::string(r.kind()) + " " + quote_name(r.name()),
                      Severity::error);
              continue;
            }
            for (Tree* f : found) {
              if (!delim.empty() && f->is_scalar()) {
                std::vector<std::string> parts;
                std::size_t start = 0;
                while (true) {
                  auto p = f->text.find(delim, start);
                  parts.push_back(f->text.substr(start, p == std::string::npos ? p : p - start));
                  if (p == std::string::npos) break;
                  start = p + delim.size();
                }
                if (index >= 0 && static_cast<std::size_t>(index) < parts.size()) {
                  parts[static_cast<std::size_t>(index)] = value.text;
                } else if (index < 0) {
                  parts.insert(parts.begin(), value.text);
                } else {
                  parts.push_back(value.text);
                }
                std::string joined;
                for (std::size_t i = 0; i < parts.size(); ++i) {
                  if (i > 0) joined += delim;
                  joined += parts[i];
                }
                f->text = joined;
                f->plain = false;
                f->origin = value.origin;
              } else {
                *f = value;
              }
            }
          }
        }
      }
    }
  }

  // ---- the top level -------------------------------------------------------------------------

  void build_metadata(const Kust& ks, std::vector<Res>& rm) {
    const Tree* bm = ks.k.find("buildMetadata");
    if (bm == nullptr || !bm->is_sequence()) return;
    bool origins = false;
    bool transformers = false;
    for (const auto& item : bm->items) {
      origins = origins || item.text == "originAnnotations";
      transformers = transformers || item.text == "transformerAnnotations";
    }
    fs::path top = ks.dir.lexically_normal();
    auto rel = [&](const std::string& file) {
      fs::path p = fs::path(file).lexically_relative(top);
      return p.empty() ? file : p.generic_string();
    };
    auto indent = [](const std::string& lines, std::size_t n) {
      std::string lines_out;
      std::size_t start = 0;
      while (start < lines.size()) {
        std::size_t nl = lines.find('\n', start);
        if (nl == std::string::npos) nl = lines.size();
        lines_out.append(n, ' ');
        lines_out.append(lines, start, nl - start);
        lines_out += '\n';
        start = nl + 1;
      }
      return lines_out;
    };
    for (auto& r : rm) {
      Tree& meta = r.t.ensure_map("metadata", r.t.origin);
      if (origins && !r.origin_file.empty()) {
        std::string text =
            r.origin_generator.empty()
                ? "path: " + rel(r.origin_file) + "\n"
                : "configuredIn: " + rel(r.origin_file) +
                      "\nconfiguredBy:\n  apiVersion: builtin\n  kind: " + r.origin_generator +
                      "\n" + indent(r.origin_extra, 2);
        Tree& annos = meta.ensure_map("annotations", r.t.origin);
        annos.set("config.kubernetes.io/origin", Tree::scalar(text, r.t.origin));
      }
      if (transformers && !r.transformations.empty()) {
        std::string text;
        for (const auto& [file, what] : r.transformations) {
          std::string kind = what.substr(0, what.find('\n'));
          std::string extra = what.substr(what.find('\n') + 1);
          text += "- configuredIn: " + rel(file) + "\n  configuredBy:\n    apiVersion: builtin\n" +
                  "    kind: " + kind + "\n" + indent(extra, 4);
        }
        Tree& annos = meta.ensure_map("annotations", r.t.origin);
        annos.set("alpha.config.kubernetes.io/transformations", Tree::scalar(text, r.t.origin));
      }
    }
  }

  void finish_top(const Kust& ks, std::vector<Res>& rm) {
    build_metadata(ks, rm);
    // Generator hash suffixes.
    for (auto& r : rm) {
      if (!r.generated || !r.hash) continue;
      std::string h = name_hash(r.t);
      if (h.empty()) continue;
      Tree* name = r.t.find_path({"metadata", "name"});
      if (name == nullptr) continue;
      r.remember();
      name->text += "-" + h;
      r.remember();
    }
    name_references(rm);
    vars(ks, rm);
    // Drop local configuration.
    std::erase_if(rm, [](const Res& r) {
      const Tree* a =
          r.t.find_path({"metadata", "annotations", "config.kubernetes.io/local-config"});
      return a != nullptr && a->text != "false";
    });
    // Build annotations never show.
    for (auto& r : rm) {
      if (Tree* annos = r.t.find_path({"metadata", "annotations"}); annos != nullptr) {
        std::erase_if(annos->entries, [](const TreeEntry& e) {
          return e.key.text.starts_with("internal.config.kubernetes.io/") ||
                 e.key.text.starts_with("config.k8s.io/id") ||
                 e.key.text == "kustomize.config.k8s.io/id" ||
                 e.key.text.starts_with("kustomize.config.k8s.io/needs-hash") ||
                 e.key.text.starts_with("kustomize.config.k8s.io/behavior");
        });
      }
    }
    if (const Tree* so = ks.k.find("sortOptions"); so != nullptr && so->is_map()) {
      out->sort_options = true;
      std::string_view order = so->str("order");
      if (order != "legacy" && order != "fifo") {
        problem(so->origin, "the field 'sortOptions.order' must be one of [fifo, legacy]");
      } else if (order == "fifo" && so->find("legacySortOptions") != nullptr) {
        problem(so->origin, "the field 'sortOptions.legacySortOptions' is set but 'order' is fifo");
      }
      if (so->str("order") == "legacy") {
        std::vector<Tree> ts;
        for (auto& r : rm) ts.push_back(std::move(r.t));
        legacy_sort(ts);
        for (std::size_t i = 0; i < rm.size(); ++i) rm[i].t = std::move(ts[i]);
      }
    }
  }

  // Rewrites references to renamed objects (prefix, suffix, generator hashes).
  void name_references(std::vector<Res>& rm) {
    // Only worth it when something was renamed.
    bool any_renamed = std::any_of(rm.begin(), rm.end(), [](const Res& r) {
      return std::any_of(r.prev.begin(), r.prev.end(),
                         [&](const Id& p) { return p.name != r.name() || p.ns != r.ns(); });
    });
    if (!any_renamed) return;
    std::vector<Res*> renamed;
    for (auto& r : rm) renamed.push_back(&r);
    // kustomize's referral selection (api/filters/nameref): same kind and a matching earlier
    // name, then the referrer's namespace, then the same prefix/suffix history.
    auto rewrite = [&](Res& referrer, Tree& value, std::string_view kind) {
      if (!value.is_scalar()) return;
      std::vector<Res*> cands;
      for (Res* cand : renamed) {
        if (cand->kind() != kind || cand == &referrer) continue;
        bool named = cand->name() == value.text;
        for (const auto& p : cand->prev) named = named || p.name == value.text;
        if (named) cands.push_back(cand);
      }
      if (!is_cluster_scoped_kind(kind) && !is_cluster_scoped_kind(referrer.kind())) {
        std::erase_if(cands, [&](Res* c) { return !same_ns(c->ns(), referrer.ns()); });
      }
      if (cands.size() > 1) {
        std::erase_if(cands, [&](Res* c) {
          return !same_ending(c->prefixes, referrer.prefixes) ||
                 !same_ending(c->suffixes, referrer.suffixes);
        });
      }
      if (cands.empty()) return;
      for (Res* c : cands) {
        if (c->name() != cands.front()->name()) return;  // ambiguous
      }
      if (value.text != cands.front()->name()) value.text = std::string(cands.front()->name());
    };
    for (auto& r : rm) {
      std::string_view rk = r.kind();
      for (const auto& f : ref_fields()) {
        if (f.kind == "Namespace") continue;
        if (f.referrer_kind == "@pod") {
          for (Tree* spec : pod_specs(r.t)) {
            at_path(*spec, split(f.path, '/'), 0, false, {},
                    [&](Tree& v) { rewrite(r, v, f.kind); });
          }
        } else if (f.referrer_kind == rk) {
          at_path(r.t, split(f.path, '/'), 0, false, {}, [&](Tree& v) { rewrite(r, v, f.kind); });
        }
      }
      // RBAC subjects and role references, HPA scale targets.
      if (rk == "RoleBinding" || rk == "ClusterRoleBinding") {
        if (Tree* ref = r.t.find("roleRef"); ref != nullptr && ref->is_map()) {
          std::string kind(ref->str("kind"));
          if (Tree* n = ref->find("name")) rewrite(r, *n, kind);
        }
        if (Tree* subjects = r.t.find("subjects"); subjects != nullptr) {
          for (auto& s : subjects->items) {
            if (s.str("kind") != "ServiceAccount") continue;
            Tree* n = s.find("name");
            if (n == nullptr) continue;
            // The service account the subject names, by an earlier name and namespace: the
            // subject follows its renaming and its move to another namespace.
            std::string_view sns = s.str("namespace");
            Res* found = nullptr;
            for (Res* cand : renamed) {
              if (cand->kind() != "ServiceAccount") continue;
              bool named = cand->name() == n->text && same_ns(cand->ns(), sns);
              for (const auto& p : cand->prev) {
                named = named || (p.name == n->text && (sns.empty() || same_ns(p.ns, sns)));
              }
              if (named) {
                found = cand;
                break;
              }
            }
            if (found == nullptr) continue;
            n->text = std::string(found->name());
            if (const Tree* src = found->t.find_path({"metadata", "namespace"});
                src != nullptr && !found->ns().empty()) {
              Tree* ns = s.find("namespace");
              if (ns == nullptr) {
                s.set("namespace", *src, src->origin);
              } else if (ns->text != found->ns()) {
                ns->text = std::string(found->ns());
                ns->origin = src->origin;
              }
            }
          }
        }
      }
      if (rk == "HorizontalPodAutoscaler") {
        if (Tree* ref = r.t.find_path({"spec", "scaleTargetRef"}); ref != nullptr) {
          std::string kind(ref->str("kind"));
          if (Tree* n = ref->find("name")) rewrite(r, *n, kind);
        }
      }
    }
  }

  // Legacy `vars`: $(NAME) in container command, args and env values.
  void vars(const Kust& ks, std::vector<Res>& rm) {
    std::vector<std::pair<std::string, Tree>> values;
    vars_dirs.clear();
    vars_dirs.insert(canonical_path(ks.dir));
    collect_vars(ks.k, ks.dir, rm, values, 0);
    if (values.empty()) return;
    std::function<void(Tree&)> substitute = [&](Tree& t) {
      if (t.is_scalar() && t.text.find("$(") != std::string::npos) {
        for (const auto& [name, v] : values) {
          std::string pat = "$(" + name + ")";
          std::size_t pos = 0;
          while ((pos = t.text.find(pat, pos)) != std::string::npos) {
            if (t.text == pat) {
              t = v;
              return;
            }
            t.text.replace(pos, pat.size(), v.text);
            pos += v.text.size();
          }
        }
      } else if (t.is_map()) {
        for (auto& e : t.entries) substitute(e.value);
      } else if (t.is_sequence()) {
        for (auto& i : t.items) substitute(i);
      }
    };
    // kustomize substitutes in a long list of fields (container command, args, env, volume
    // mount paths, labels, annotations, Ingress hosts, ...): every string of the object here.
    for (auto& r : rm) substitute(r.t);
  }

  // Vars of a kustomization and its bases (vars are inherited).
  std::set<std::string> vars_dirs;  // canonical directories collect_vars() has read
  void collect_vars(const Tree& k, const fs::path& dir, std::vector<Res>& rm,
                    std::vector<std::pair<std::string, Tree>>& values, int depth) {
    if (depth > 20) return;
    for (const char* field : {"resources", "bases", "components"}) {
      const Tree* list = k.find(field);
      if (list == nullptr) continue;
      for (const auto& e : list->items) {
        fs::path p = dir / e.text;
        std::error_code ec;
        if (!e.is_scalar() || is_remote(e.text) || !fs::is_directory(p, ec)) continue;
        // Each kustomization once: a cycle or a diamond of bases re-read every path through it,
        // exponential in the depth (fuzz/regressions/kustomize-timeout-bcafbb82...).
        if (!vars_dirs.insert(canonical_path(p)).second) continue;
        std::string name = find_kustomization(p);
        if (name.empty()) continue;
        auto idx = load(p / name);
        if (!idx) continue;
        auto stream = parse(*idx);
        if (stream->documents.empty()) continue;
        Tree sub = to_tree(stream->documents.front()->root(), *idx);
        collect_vars(sub, p, rm, values, depth + 1);
      }
    }
    const Tree* vars_t = k.find("vars");
    if (vars_t == nullptr || !vars_t->is_sequence()) return;
    for (const auto& v : vars_t->items) {
      std::string name(v.str("name"));
      const Tree* ref = v.find("objref");
      if (name.empty() || ref == nullptr) continue;
      std::string fp = "metadata.name";
      if (const Tree* f = v.find("fieldref"); f != nullptr && !f->str("fieldpath").empty()) {
        fp = std::string(f->str("fieldpath"));
      }
      Res* found = nullptr;
      for (auto& r : rm) {
        if (r.kind() != ref->str("kind")) continue;
        bool named = r.name() == ref->str("name");
        for (const auto& p : r.prev) named = named || p.name == ref->str("name");
        if (named) found = &r;
      }
      if (found == nullptr) {
        problem(v.origin, "var " + quote_name(name) + " refers to an object that is not built");
        continue;
      }
      std::vector<Tree*> hits;
      lookup(found->t, field_path(fp), 0, false, v.origin, hits);
      if (hits.empty()) {
        problem(v.origin, "var " + quote_name(name) + ": field " + quote_name(fp) + " not found");
        continue;
      }
      if (std::any_of(values.begin(), values.end(),
                      [&](const auto& v2) { return v2.first == name; })) {
        problem(v.origin, "var " + quote_name(name) + " already encountered");
        continue;
      }
      values.emplace_back(name, *hits.front());
    }
  }
};

Builder::Builder(BuildOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
Builder::~Builder() = default;

const std::vector<const SourceFile*>& Builder::files() const noexcept { return impl_->table; }

Build Builder::build(const std::string& dir) {
  Build b;
  b.root = display(dir);
  Impl& s = *impl_;
  s.out = &b;
  s.stack.clear();
  std::string name = find_kustomization(dir);
  b.kustomization = display(fs::path(dir) / (name.empty() ? "kustomization.yaml" : name));
  std::vector<Res> rm;
  if (name.empty()) {
    BuildProblem p;
    p.code = "kustomize-error";
    p.file = b.root;
    p.message = "no kustomization.yaml, kustomization.yml or Kustomization in " + b.root;
    b.problems.push_back(std::move(p));
    b.failed = true;
    return b;
  }
  if (auto idx = s.load(fs::path(dir) / name)) {
    b.root_origin = Origin{*idx, Position{1, 1}, Position{1, 1}};
  }
  s.accumulate(dir, rm, b.root_origin, false, true);
  b.resources.reserve(rm.size());
  for (auto& r : rm) b.resources.push_back(std::move(r.t));
  s.out = nullptr;
  return b;
}

}  // namespace kubelint::kustomize
