#include "kustomize/build.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <limits>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "base/pattern.hpp"
#include "base/suggest.hpp"
#include "kustomize/hash.hpp"
#include "kustomize/merge_keys.hpp"
#include "kustomize/patch.hpp"
#include "kustomize/render.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

namespace kubelint::kustomize {

namespace {
// Whether lexically_normal() would leave `s` as it is and display_path() would not trim it: no
// `.` or `..` name, no empty name (`//`, a trailing `/`), not empty.
bool is_normal_display(std::string_view s) {
  if (s.empty()) return false;
  std::size_t start = s.front() == '/' ? 1 : 0;
  if (start == s.size()) return false;  // "/"
  while (true) {
    std::size_t end = s.find('/', start);
    std::string_view name = s.substr(start, end == std::string_view::npos ? s.npos : end - start);
    if (name.empty() || name == "." || name == "..") return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}
}  // namespace

std::string display_path(const std::filesystem::path& p) {
  // Most paths a build names are normal already: no path objects for them.
  if (is_normal_display(p.native())) return p.native();
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 2 && s[0] == '.' && s[1] == '/') s.erase(0, 2);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s.empty()) s = ".";
  return s;
}

namespace fs = std::filesystem;

bool is_kustomization_name(std::string_view file_name) {
  return file_name == "kustomization.yaml" || file_name == "kustomization.yml" ||
         file_name == "Kustomization";
}

std::string find_kustomization(const fs::path& dir, CanonicalPaths* paths, int* count) {
  std::string first;
  if (count != nullptr) *count = 0;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    std::error_code ec;
    fs::path p = dir / name;
    if (!fs::is_regular_file(paths != nullptr ? paths->status(p, ec) : fs::status(p, ec))) {
      continue;
    }
    if (first.empty()) first = name;
    if (count == nullptr) break;
    ++*count;
  }
  return first;
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

// Reads a regular file of at most kDefaultMaxInputBytes (README "Limits"): a FIFO or device
// named by a kustomization is never opened (it could block the run or never end). `paths`
// (optional) answers the `stat`.
bool read_text(const fs::path& p, std::string& out, CanonicalPaths* paths) {
  std::error_code ec;
  if (!fs::is_regular_file(paths != nullptr ? paths->status(p, ec) : fs::status(p, ec))) {
    return false;
  }
  // POSIX reads instead of stdio or streams: no buffers to allocate per file.
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[16384];
  bool ok = true;
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > kDefaultMaxInputBytes) {
      ok = false;
      break;
    }
  }
  ::close(fd);
  return ok;
}

std::string display(const fs::path& p) { return display_path(p); }

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
  // kustomize's previous ids (StorePreviousId): the identity before each namespace
  // transformation (changed or not), rename and hash suffix. Name references only look for
  // objects that have some.
  std::vector<Id> stored;
  void store() { stored.push_back(id()); }
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
// (A template, not a std::function: the callers' lambdas are called without an allocation.)
template <typename Fn>
void at_path(Tree& t, const std::vector<std::string>& segs, std::size_t i, bool create,
             const Origin& origin, Fn&& fn) {
  if (i == segs.size()) {
    fn(t);
    return;
  }
  if (t.is_sequence()) {
    for (auto& item : t.items) at_path(item, segs, i, create, origin, fn);
    return;
  }
  if (!t.is_map()) return;
  std::string_view seg = segs[i];
  bool list = seg.ends_with("[]");
  if (list) seg.remove_suffix(2);
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

// split(path, '/') of a fieldSpec path, made once per thread and path: the same few paths are
// applied to every resource of every build.
const std::vector<std::string>& path_segments(const std::string& path) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> segments;
  auto it = segments.find(path);
  if (it == segments.end()) it = segments.emplace(path, split(path, '/')).first;
  return it->second;
}

struct FieldSpec {
  std::string kind;  // "" = any
  std::string group;
  std::string path;
  bool create = false;
  std::string version;  // "" = any
};

// Whether a field spec's kind, group and version (each "" = any) select a resource.
bool spec_selects(const FieldSpec& f, const Res& r) {
  if (!f.kind.empty() && f.kind != r.kind()) return false;
  if (!f.group.empty() && f.group != group_of(r.api())) return false;
  return f.version.empty() || f.version == version_of(r.api());
}

// A name back-reference from a kustomization's `configurations` or `crds`: fields (of referrer
// kinds) that hold the name of an object of `kind` (and `version`, when given).
struct NameRefSpec {
  std::string kind;
  std::string group;
  std::string version;
  std::vector<FieldSpec> referrers;
};

// The field specs a kustomization's `configurations` files (kustomize's TransformerConfig) and
// `crds` add to the built-in ones. They accumulate upwards: an overlay's transformers use its
// own configurations and those of everything it builds on.
struct TransformerConfig {
  std::vector<FieldSpec> name_prefix, name_suffix, namespace_, common_labels, labels,
      template_labels, volume_claim_template_labels, common_annotations, images, replicas, var_refs;
  std::vector<NameRefSpec> name_refs;

  void merge(const TransformerConfig& o) {
    auto add = [](std::vector<FieldSpec>& to, const std::vector<FieldSpec>& from) {
      for (const auto& f : from) {
        bool dup = std::any_of(to.begin(), to.end(), [&](const FieldSpec& x) {
          return x.kind == f.kind && x.group == f.group && x.version == f.version &&
                 x.path == f.path;
        });
        if (!dup) to.push_back(f);
      }
    };
    add(name_prefix, o.name_prefix);
    add(name_suffix, o.name_suffix);
    add(namespace_, o.namespace_);
    add(common_labels, o.common_labels);
    add(labels, o.labels);
    add(template_labels, o.template_labels);
    add(volume_claim_template_labels, o.volume_claim_template_labels);
    add(common_annotations, o.common_annotations);
    add(images, o.images);
    add(replicas, o.replicas);
    add(var_refs, o.var_refs);
    for (const auto& n : o.name_refs) {
      auto it = std::find_if(name_refs.begin(), name_refs.end(), [&](const NameRefSpec& x) {
        return x.kind == n.kind && x.group == n.group && x.version == n.version;
      });
      if (it == name_refs.end()) {
        name_refs.push_back(n);
      } else {
        add(it->referrers, n.referrers);
      }
    }
  }
};

const std::vector<FieldSpec>& selector_label_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"Service", "", "spec/selector", true, ""},
      {"ReplicationController", "", "spec/selector", true, ""},
      {"Deployment", "", "spec/selector/matchLabels", true, ""},
      {"ReplicaSet", "", "spec/selector/matchLabels", true, ""},
      {"DaemonSet", "", "spec/selector/matchLabels", true, ""},
      {"StatefulSet", "", "spec/selector/matchLabels", true, ""},
      {"Job", "", "spec/selector/matchLabels", false, ""},
      {"CronJob", "", "spec/jobTemplate/spec/selector/matchLabels", false, ""},
      {"PodDisruptionBudget", "", "spec/selector/matchLabels", false, ""},
      {"NetworkPolicy", "", "spec/podSelector/matchLabels", false, ""},
      {"NetworkPolicy", "", "spec/ingress/from/podSelector/matchLabels", false, ""},
      {"NetworkPolicy", "", "spec/egress/to/podSelector/matchLabels", false, ""},
      {"Deployment", "",
       "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
       "podAffinityTerm/labelSelector/matchLabels",
       false, ""},
      {"Deployment", "",
       "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
       "labelSelector/matchLabels",
       false, ""},
      {"Deployment", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
       false, ""},
      {"Deployment", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
       false, ""},
      {"Deployment", "", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
       false, ""},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
       "podAffinityTerm/labelSelector/matchLabels",
       false, ""},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
       "labelSelector/matchLabels",
       false, ""},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
       false, ""},
      {"StatefulSet", "",
       "spec/template/spec/affinity/podAntiAffinity/"
       "requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
       false, ""},
      {"StatefulSet", "", "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
       false, ""},
  };
  return kSpecs;
}

// The fields where legacy `vars` are substituted, unless a `configurations` file adds more
// (kustomize v5.5's built-in varReference configuration): container and init container command,
// args, env values and volume mount paths of every workload kind, NFS volume servers, Ingress
// hosts and TLS secret names, Service ports, a Deployment's pod template annotations, and the
// labels and annotations of every object.
const std::vector<FieldSpec>& var_reference_specs() {
  static const std::vector<FieldSpec> kSpecs = [] {
    std::vector<FieldSpec> specs;
    auto add = [&](const char* kind, const std::string& path) {
      specs.push_back(FieldSpec{kind, "", path, false, ""});
    };
    const std::pair<const char*, std::string> pod_specs[] = {
        {"CronJob", "spec/jobTemplate/spec/template/spec/"},
        {"DaemonSet", "spec/template/spec/"},
        {"Deployment", "spec/template/spec/"},
        {"Job", "spec/template/spec/"},
        {"Pod", "spec/"},
        {"ReplicaSet", "spec/template/spec/"},
        {"StatefulSet", "spec/template/spec/"}};
    for (const auto& [kind, pod] : pod_specs) {
      for (const char* list : {"containers/", "initContainers/"}) {
        for (const char* field : {"args", "command", "env/value", "volumeMounts/mountPath"}) {
          add(kind, pod + list + field);
        }
      }
    }
    // NFS servers, where kustomize looks for them (its CronJob and StatefulSet paths miss the
    // pod's volumes: kept, since the output must equal kustomize's).
    add("CronJob", "spec/jobTemplate/spec/template/volumes/nfs/server");
    for (const char* kind : {"DaemonSet", "Deployment", "Job", "ReplicaSet"}) {
      add(kind, "spec/template/spec/volumes/nfs/server");
    }
    add("Pod", "spec/volumes/nfs/server");
    add("StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server");
    add("PersistentVolume", "spec/nfs/server");
    add("Deployment", "spec/template/metadata/annotations");
    add("Ingress", "spec/rules/host");
    add("Ingress", "spec/tls/hosts");
    add("Ingress", "spec/tls/secretName");
    add("Service", "spec/ports/port");
    add("Service", "spec/ports/targetPort");
    add("", "metadata/labels");
    add("", "metadata/annotations");
    return specs;
  }();
  return kSpecs;
}

const std::vector<FieldSpec>& template_label_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"ReplicationController", "", "spec/template/metadata/labels", true, ""},
      {"Deployment", "", "spec/template/metadata/labels", true, ""},
      {"ReplicaSet", "", "spec/template/metadata/labels", true, ""},
      {"DaemonSet", "", "spec/template/metadata/labels", true, ""},
      {"StatefulSet", "", "spec/template/metadata/labels", true, ""},
      {"StatefulSet", "", "spec/volumeClaimTemplates[]/metadata/labels", true, ""},
      {"Job", "", "spec/template/metadata/labels", true, ""},
      {"CronJob", "", "spec/jobTemplate/metadata/labels", true, ""},
      {"CronJob", "", "spec/jobTemplate/spec/template/metadata/labels", true, ""},
  };
  return kSpecs;
}

const std::vector<FieldSpec>& template_annotation_specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"ReplicationController", "", "spec/template/metadata/annotations", true, ""},
      {"Deployment", "", "spec/template/metadata/annotations", true, ""},
      {"ReplicaSet", "", "spec/template/metadata/annotations", true, ""},
      {"DaemonSet", "", "spec/template/metadata/annotations", true, ""},
      {"StatefulSet", "", "spec/template/metadata/annotations", true, ""},
      {"Job", "", "spec/template/metadata/annotations", true, ""},
      {"CronJob", "", "spec/jobTemplate/metadata/annotations", true, ""},
      {"CronJob", "", "spec/jobTemplate/spec/template/metadata/annotations", true, ""},
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
  CanonicalPaths own_paths;
  CanonicalPaths* resolver = &own_paths;  // options.paths when the run shares one

  std::string canonical_path(const fs::path& p) { return resolver->get(p); }
  // canonical_path of a kustomization directory: the entries of one ask for the same one.
  const std::string& canonical_dir(const fs::path& dir) {
    if (dir.native() != last_dir_) {
      last_dir_ = dir.native();
      last_dir_canonical_ = canonical_path(dir);
    }
    return last_dir_canonical_;
  }
  std::string last_dir_;
  std::string last_dir_canonical_;
  // fs::status, asked once per run for each path.
  fs::file_status status(const fs::path& p, std::error_code& ec) { return resolver->status(p, ec); }
  bool is_directory(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(status(p, ec));
  }
  std::vector<std::unique_ptr<SourceFile>> owned;
  std::vector<const SourceFile*> table;
  std::unordered_map<std::string, std::uint32_t> by_path;  // canonical path → file index
  std::map<std::uint32_t, std::shared_ptr<const LoadedStream>> loaded;
  std::map<std::uint32_t, std::shared_ptr<FileCache::Entry>> shared;  // files of options.files

  // Per build.
  Build* out = nullptr;
  OpenApiMergeKeys openapi_keys;   // from `openapi: {path}`: global to the build, as in kustomize
  std::vector<std::string> stack;  // canonical dirs being built (cycle detection)
  // The top kustomization asks for transformer annotations: transformed() records its work.
  bool record_transformations = false;
  // Some kustomization of the build has a `vars` field (else vars() has nothing to collect).
  bool saw_vars = false;

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

  // Reads a file once per builder (once per run with a shared FileCache); nullopt when it
  // cannot be read.
  std::optional<std::uint32_t> load(const fs::path& path) {
    return load(path, canonical_path(path));
  }
  // `key`: the canonical path of `path`.
  std::optional<std::uint32_t> load(const fs::path& path, const std::string& key) {
    auto it = by_path.find(key);
    if (it != by_path.end()) {
      note_consumed(key);
      return it->second;
    }
    auto idx = static_cast<std::uint32_t>(table.size());
    if (options.files != nullptr) {
      auto entry = options.files->get(key, path, {}, resolver, options.order);
      if (!entry) return std::nullopt;
      table.push_back(&FileCache::source(*entry));
      shared.emplace(idx, std::move(entry));
    } else {
      std::string text;
      if (!read_text(path, text, resolver)) return std::nullopt;
      owned.push_back(std::make_unique<SourceFile>(display(path), std::move(text)));
      table.push_back(owned.back().get());
    }
    by_path.emplace(key, idx);
    note_consumed(key);
    return idx;
  }

  void note_consumed(const std::string& key) {
    if (std::find(out->consumed.begin(), out->consumed.end(), key) == out->consumed.end()) {
      out->consumed.push_back(key);
    }
  }

  std::shared_ptr<const LoadedStream> parse(std::uint32_t file) {
    auto it = loaded.find(file);
    if (it != loaded.end()) return it->second;
    std::shared_ptr<const LoadedStream> s;
    if (auto sh = shared.find(file); sh != shared.end()) {
      s = FileCache::parsed(*sh->second);
    } else {
      s = std::make_shared<const LoadedStream>(load_all(*table[file]));
    }
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
    const fs::file_status st = status(p, ec);  // one stat for both checks below
    return load_entry(dir, entry, what, p, st, ec);
  }
  // load_entry for the path `p` (dir / entry) whose status the caller has asked already.
  std::optional<std::uint32_t> load_entry(const fs::path& dir, const Tree& entry,
                                          std::string_view what, const fs::path& p,
                                          const fs::file_status& st, const std::error_code& ec) {
    if (!fs::exists(st)) {
      if (ec == std::errc::too_many_symbolic_link_levels) {
        problem(entry.origin, std::string(what) + " " + quote_name(entry.text) +
                                  " is a symbolic link loop (" + display(p) +
                                  ": too many levels of symbolic links)");
        return std::nullopt;
      }
      problem(entry.origin, std::string(what) + " " + quote_name(entry.text) +
                                " does not exist (looked for " + display(p) + ")");
      return std::nullopt;
    }
    if (fs::is_directory(st)) {
      problem(entry.origin,
              std::string(what) + " " + quote_name(entry.text) + " is a directory, not a file");
      return std::nullopt;
    }
    const std::string key = canonical_path(p);
    if (options.restrict_to_root && !inside(key, canonical_dir(dir))) {
      problem(entry.origin, std::string(what) + " " + quote_name(entry.text) +
                                " is outside the kustomization root " + display(dir) +
                                ", which kustomize's default load restriction "
                                "(LoadRestrictionsRootOnly) forbids; if the repository is "
                                "built with --load-restrictor LoadRestrictionsNone, give "
                                "kubelint --load-restrictor none (or "
                                "kustomize-load-restrictor: none in .kubelint.yaml)");
      return std::nullopt;
    }
    auto idx = load(p, key);
    if (!idx) {
      problem(entry.origin, "cannot read " + display(p) +
                                " (not a regular file, unreadable, or larger than 256 MiB)");
    }
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
    Node from;  // the document root `k` was copied from (missing for an empty kustomization)
  };

  std::optional<Kust> read_kustomization(const fs::path& dir, const Origin& referenced_at) {
    int found = 0;
    std::string name = find_kustomization(dir, resolver, &found);
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
    out_k.from = root;
    out_k.component = out_k.k.str("kind") == "Component";
    if (out_k.k.find("vars") != nullptr) saw_vars = true;
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
      if (other.name() != b.name) continue;  // cheap first: builds hold thousands of objects
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

  // `ids`: the id keys of `rm`, kept up to date by the caller (else every resource is compared).
  void add_resource_doc(Tree doc, std::vector<Res>& rm,
                        std::unordered_set<std::string>* ids = nullptr) {
    if (!doc.is_map()) {
      problem(doc.origin, "a resource must be a mapping (a Kubernetes object)");
      return;
    }
    std::string_view kind = doc.str("kind");
    const Tree* items = doc.find("items");
    if (kind.ends_with("List") && items != nullptr && items->is_sequence()) {
      for (auto& item : doc.find("items")->items) add_resource_doc(std::move(item), rm, ids);
      return;
    }
    if (kind.empty()) {
      problem(doc.origin, "a resource must have a kind (missing 'kind')");
      return;
    }
    const Tree* meta = doc.find("metadata");
    if (meta == nullptr || meta->str("name").empty()) {
      // kustomize (v5.5) identifies resources by name: generateName alone is "missing
      // metadata.name" there too, and the build fails.
      problem(doc.origin, "resource of kind " + quote_name(kind) + " has no metadata.name" +
                              (meta != nullptr && !meta->str("generateName").empty()
                                   ? " (kustomize does not accept generateName alone)"
                                   : ""));
      return;
    }
    // kustomize reads annotations as strings (`port: 8080` becomes "8080"); labels keep their
    // type (kustomize prints `n: 0` as it is written).
    if (Tree* m = doc.find("metadata"); m != nullptr) {
      if (Tree* map = m->find("annotations"); map != nullptr && map->is_map()) {
        for (auto& e : map->entries) {
          if (e.value.is_scalar()) e.value.plain = false;
        }
      }
    }
    Res r;
    r.t = std::move(doc);
    r.remember();
    if (ids != nullptr) {
      if (!ids->insert(id_key(r)).second) {
        (void)conflicts(rm, r, r.t.origin);  // reports it
        return;
      }
    } else if (conflicts(rm, r, r.t.origin)) {
      return;
    }
    rm.push_back(std::move(r));
  }

  void accumulate(const fs::path& dir, std::vector<Res>& rm, TransformerConfig& parent_cfg,
                  const Origin& referenced_at, bool expect_component, bool top) {
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
    if (top) record_transformations = wants_build_metadata(k, "transformerAnnotations");
    std::vector<Res> own;
    std::vector<Res>& target = ks.component ? rm : own;
    // A component works on its parent's resources, with its parent's configuration.
    TransformerConfig own_cfg;
    TransformerConfig& cfg = ks.component ? parent_cfg : own_cfg;

    // Resources (and legacy bases). The list only grows here: the ids are indexed once.
    std::unordered_set<std::string> ids;
    for (const auto& r : target) ids.insert(id_key(r));
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
        const fs::file_status st = status(p, ec);
        if (fs::is_directory(st)) {
          std::size_t before = target.size();
          accumulate(p, target, cfg, entry.origin, false, false);
          for (std::size_t i = before; i < target.size(); ++i) ids.insert(id_key(target[i]));
          continue;
        }
        auto idx = load_entry(dir, entry, "resource", p, st, ec);
        if (!idx) continue;
        std::size_t before = target.size();
        for (auto& doc : documents(*idx, entry.origin)) {
          add_resource_doc(std::move(doc), target, &ids);
        }
        for (std::size_t i = before; i < target.size(); ++i) {
          target[i].origin_file = table[*idx]->name();
        }
      }
    }
    if (const Tree* list = k.find("configurations"); list != nullptr) {
      for (const auto& entry : list->items) {
        if (!entry.is_scalar() || is_remote(entry.text)) continue;
        auto idx = load_entry(dir, entry, "configuration");
        if (!idx) continue;
        for (const auto& doc : documents(*idx, entry.origin)) read_config(doc, cfg);
      }
    }
    if (const Tree* crds = k.find("crds"); crds != nullptr) {
      for (const auto& entry : crds->items) {
        if (!entry.is_scalar()) continue;
        auto idx = load_entry(dir, entry, "crd");
        if (!idx) continue;
        for (const auto& doc : documents(*idx, entry.origin)) read_crd_config(doc, cfg);
      }
    }
    if (const Tree* openapi = k.find("openapi"); openapi != nullptr && openapi->is_map()) {
      const Tree* version = openapi->find("version");
      const Tree* p = openapi->find("path");
      if (version != nullptr && p != nullptr) {
        problem(openapi->origin,
                "openapi: builtin version and custom schema provided, cannot use both");
      } else if (version != nullptr && version->text != "v1.21.2") {
        // kustomize builds in the schema of Kubernetes v1.21.2 only.
        problem(version->origin, "openapi version " + quote_name(version->text) +
                                     " is not built in (kustomize has v1.21.2)");
      } else if (version != nullptr) {
        openapi_keys = OpenApiMergeKeys{};  // the built-in schema again, for this build on
      }
      if (p != nullptr && p->is_scalar() && version == nullptr) {
        if (is_remote(p->text)) {
          problem(p->origin, "remote openapi schema cannot be loaded offline: ignored",
                  Severity::info, "kustomize-unsupported");
        } else if (auto idx = load_entry(dir, *p, "openapi schema")) {
          for (const auto& doc : documents(*idx, p->origin)) openapi_keys.add(doc);
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
        if (!is_directory(p)) {
          problem(entry.origin, "component " + quote_name(entry.text) +
                                    " is not a directory with a kustomization");
          continue;
        }
        accumulate(p, target, cfg, entry.origin, true, false);
      }
    }

    // Transformers, in kustomize's order.
    patches_strategic_merge(ks, target);
    patches(ks, target);
    set_namespace(ks, target, cfg);
    name_prefix_suffix(ks, target, cfg);
    common_labels(ks, target, cfg);
    labels(ks, target, cfg);
    common_annotations(ks, target, cfg);
    patches_json6902(ks, target);
    replicas(ks, target);
    images(ks, target, cfg);
    replacements(ks, target);
    plugins(ks, target, "transformers");
    plugins(ks, target, "validators");

    if (top) {
      finish_top(ks, target, cfg);
    }
    stack.pop_back();
    // The kustomization's tree serves collect_vars() again (it is not changed by the build).
    if (!ks.from.is_missing()) {
      kust_trees[ks.file] = std::make_pair(ks.from, std::move(ks.k));
    }
    if (!ks.component) parent_cfg.merge(own_cfg);
    if (!ks.component) {
      // The ids already there, once (a build may hold thousands of objects).
      std::unordered_set<std::string> have;
      for (const auto& r : rm) have.insert(id_key(r));
      if (rm.capacity() < rm.size() + own.size()) {
        rm.reserve(std::max(2 * rm.capacity(), rm.size() + own.size()));  // geometric growth
      }
      for (auto& r : own) {
        if (!have.insert(id_key(r)).second) {
          (void)conflicts(rm, r, referenced_at);  // reports it
          continue;
        }
        rm.push_back(std::move(r));
      }
    }
  }

  // What makes two resources the same to kustomize: group, version, kind, namespace, name.
  static std::string id_key(const Res& r) {
    std::string_view ns = r.ns();
    return group_of(r.api()) + '\n' + version_of(r.api()) + '\n' + std::string(r.kind()) + '\n' +
           std::string(ns.empty() ? std::string_view("default") : ns) + '\n' +
           std::string(r.name());
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

  // Generated data as kustomize encodes it: base64 in lines of 70 characters, each ended by a
  // newline, once the encoding reaches 70 characters (the name hash covers the line breaks).
  static std::string wrapped_base64(std::string_view in) {
    std::string enc = base64(in);
    constexpr std::size_t kLine = 70;
    if (enc.size() < kLine) return enc;
    std::string out;
    for (std::size_t i = 0; i < enc.size(); i += kLine) {
      out.append(enc, i, kLine);
      out += '\n';
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
    data.set(key, Tree::scalar(secret || binary ? wrapped_base64(value) : value, at, false), at);
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
      // Looked up only now: adding data or binaryData to the existing object can move its
      // entries (found by fuzz_kustomize, fuzz/regressions/kustomize-crash-1aa1fa4f...).
      if (Tree* emeta = existing->t.find("metadata"); emeta != nullptr) {
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
        if (is_directory(p)) {
          // A kustomization whose output is the configurations.
          std::vector<Res> sub;
          TransformerConfig sub_cfg;
          accumulate(p, sub, sub_cfg, entry.origin, false, false);
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
      TransformerConfig given;
      given.name_prefix = read_specs(config.find("fieldSpecs"));
      name_prefix_suffix(sub, rm, given, config.find("fieldSpecs") != nullptr);
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
      TransformerConfig given;
      given.images = read_specs(config.find("fieldSpecs"));
      images(sub, rm, given);
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
      at_path(r.t, path_segments(path), 0, create, pairs.origin, [&](Tree& m) {
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
      bool match = false;
      // By the current identity or an earlier one (a patch may have changed name and kind).
      auto check = [&](const Id& id) {
        if (id.kind == kind && id.name == name &&
            (meta == nullptr || meta->find("namespace") == nullptr || same_ns(id.ns, ns))) {
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
            json6902(r, patch);
          } else {
            apply_patch_to(rm, r, patch, allow_name, allow_kind);
          }
        }
      }
    }
  }

  void apply_patch_to(std::vector<Res>& rm, Res& r, const Tree& patch, bool allow_name,
                      bool allow_kind) {
    // The patch's own name and kind identify the target; they only change it when allowed.
    PatchIdentity without;
    without.api_version = true;
    without.kind = !allow_kind;
    without.name = !allow_name;
    if (allow_name || allow_kind) r.store();
    if (!strategic_merge(r.t, patch, &openapi_keys, without)) {
      auto it = std::find_if(rm.begin(), rm.end(), [&](const Res& x) { return &x == &r; });
      if (it != rm.end()) rm.erase(it);
      return;
    }
    if (allow_name || allow_kind) r.remember();
    drop_empty_nulls(r.t);
  }

  // A JSON 6902 patch; one that renames the object leaves its former identity behind for the
  // name references, as kustomize does.
  void json6902(Res& r, const Tree& ops) {
    Id before = r.id();
    if (auto fail = apply_json6902(r.t, ops)) problem(fail->at, fail->message);
    Id after = r.id();
    if (before.name != after.name || before.ns != after.ns || before.kind != after.kind) {
      r.stored.push_back(before);
      r.remember();
    }
  }

  // kustomize's merge drops the fields of a patched object whose value is left empty
  // (`matchLabels:`); an explicit `null` or `~` stays.
  static void drop_empty_nulls(Tree& t) {
    if (t.is_map()) {
      std::erase_if(t.entries, [](const TreeEntry& e) {
        // The loader places an empty value at its key.
        return e.value.is_null() && e.value.origin.known() &&
               e.value.origin.file == e.key.origin.file &&
               e.value.origin.begin == e.key.origin.begin;
      });
      for (auto& e : t.entries) drop_empty_nulls(e.value);
    } else if (t.is_sequence()) {
      for (auto& item : t.items) drop_empty_nulls(item);
    }
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
          json6902(*r, doc);
        }
      }
    }
  }

  // ---- simple transformers -------------------------------------------------------------------

  // Records a transformer's work on `r` for the top kustomization's `buildMetadata:
  // [transformerAnnotations]`; nothing when it does not ask for them (most builds).
  void transformed(const Kust& ks, Res& r, const char* kind) {
    if (!record_transformations) return;
    r.transformations.emplace_back(table[ks.file]->name(),
                                   std::string(kind) + "\n" + ks.configured_extra);
  }

  void set_namespace(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg = {}) {
    const Tree* ns = ks.k.find("namespace");
    if (ns == nullptr || !ns->is_scalar() || ns->text.empty()) return;
    for (auto& r : rm) {
      // Namespace fields the configurations name (webhook services in kubebuilder layouts).
      for (const auto& f : cfg.namespace_) {
        if (!spec_selects(f, r)) continue;
        std::vector<std::string> segs = split(f.path, '/');
        std::string last = segs.back();
        segs.pop_back();
        at_path(r.t, segs, 0, f.create, ns->origin, [&](Tree& m) {
          if (m.is_map() && (f.create || m.find(last) != nullptr)) m.set(last, *ns, ns->origin);
        });
      }
      transformed(ks, r, "NamespaceTransformer");
      r.store();
      r.remember();
      // A copy: adding metadata can move the object's entries, `kind` among them.
      const std::string kind(r.kind());
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
      // Webhook services are not namespace fields: they follow the Service they name (its
      // name and namespace) when name references are fixed.
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

  // Whether `metadata/name` is among the fields a prefix or suffix goes to. Field specs from
  // `configurations` that name `metadata/name` for some kinds replace the default (every kind),
  // as kustomize's field spec merge does; `replace` (a transformer configuration's own
  // fieldSpecs) means only the given specs count.
  static bool renames(const std::vector<FieldSpec>& specs, const Res& r, bool replace) {
    bool any = false;
    for (const auto& f : specs) {
      if (f.path != "metadata/name") continue;
      any = true;
      if (spec_selects(f, r)) return true;
    }
    return !any && !replace;
  }

  void name_prefix_suffix(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg,
                          bool replace_specs = false) {
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
      // Other fields the configuration names (a CRD's own name fields).
      for (int which = 0; which < 2; ++which) {
        const Tree* add = which == 0 ? prefix : suffix;
        if (which == 0 ? !has_prefix : !has_suffix) continue;
        for (const auto& f : which == 0 ? cfg.name_prefix : cfg.name_suffix) {
          if (f.path == "metadata/name" || !spec_selects(f, r)) continue;
          at_path(r.t, path_segments(f.path), 0, false, add->origin, [&](Tree& v) {
            if (!v.is_scalar()) return;
            v.text = which == 0 ? add->text + v.text : v.text + add->text;
            v.origin = add->origin;
            v.plain = false;
          });
        }
      }
      bool do_prefix = has_prefix && renames(cfg.name_prefix, r, replace_specs);
      bool do_suffix = has_suffix &&
                       renames(replace_specs ? cfg.name_prefix : cfg.name_suffix, r, replace_specs);
      if (!do_prefix && !do_suffix) continue;
      Tree* meta = r.t.find("metadata");
      Tree* name = meta != nullptr ? meta->find("name") : nullptr;
      if (name == nullptr || !name->is_scalar()) continue;
      r.store();
      r.remember();
      r.prefixes.push_back(do_prefix ? prefix->text : "");
      r.suffixes.push_back(do_suffix ? suffix->text : "");
      name->text = (do_prefix ? prefix->text : "") + name->text + (do_suffix ? suffix->text : "");
      name->origin = do_prefix ? prefix->origin : suffix->origin;
      name->plain = false;
      r.remember();
    }
  }

  static std::vector<FieldSpec> read_specs(const Tree* list) {
    std::vector<FieldSpec> out_specs;
    if (list == nullptr || !list->is_sequence()) return out_specs;
    for (const auto& f : list->items) {
      if (!f.is_map()) continue;
      FieldSpec fs;
      fs.kind = std::string(f.str("kind"));
      fs.group = std::string(f.str("group"));
      fs.version = std::string(f.str("version"));
      fs.path = std::string(f.str("path"));
      fs.create = f.str("create") == "true";
      if (!fs.path.empty()) out_specs.push_back(std::move(fs));
    }
    return out_specs;
  }

  // A `configurations` file: kustomize's TransformerConfig (field specs per transformer).
  void read_config(const Tree& doc, TransformerConfig& cfg) {
    if (doc.is_null()) return;
    if (!doc.is_map()) {
      problem(doc.origin, "a configurations file must be a mapping of field specs");
      return;
    }
    static const std::vector<std::string> kSections = {"namePrefix",
                                                       "nameSuffix",
                                                       "namespace",
                                                       "commonLabels",
                                                       "labels",
                                                       "templateLabels",
                                                       "volumeClaimTemplateLabels",
                                                       "commonAnnotations",
                                                       "nameReference",
                                                       "varReference",
                                                       "images",
                                                       "replicas"};
    TransformerConfig c;
    for (const auto& e : doc.entries) {
      const std::string& key = e.key.text;
      if (std::find(kSections.begin(), kSections.end(), key) == kSections.end()) {
        std::string msg = "invalid configurations file: unknown field " + quote_name(key);
        std::string hint = closest_match(key, kSections);
        if (!hint.empty()) msg += "; did you mean " + quote_name(hint) + "?";
        problem(e.key.origin, msg);
        continue;
      }
      if (!e.value.is_null() && !e.value.is_sequence()) {
        problem(e.value.origin, "invalid configurations file: " + quote_name(key) +
                                    " must be a list of field specs");
        continue;
      }
      if (key == "nameReference") {
        for (const auto& n : e.value.items) {
          NameRefSpec spec;
          spec.kind = std::string(n.str("kind"));
          spec.group = std::string(n.str("group"));
          spec.version = std::string(n.str("version"));
          spec.referrers = read_specs(n.find("fieldSpecs"));
          if (!spec.kind.empty()) c.name_refs.push_back(std::move(spec));
        }
        continue;
      }
      std::vector<FieldSpec> specs = read_specs(&e.value);
      auto& to = key == "namePrefix"                  ? c.name_prefix
                 : key == "nameSuffix"                ? c.name_suffix
                 : key == "namespace"                 ? c.namespace_
                 : key == "commonLabels"              ? c.common_labels
                 : key == "labels"                    ? c.labels
                 : key == "templateLabels"            ? c.template_labels
                 : key == "volumeClaimTemplateLabels" ? c.volume_claim_template_labels
                 : key == "commonAnnotations"         ? c.common_annotations
                 : key == "images"                    ? c.images
                 : key == "replicas"                  ? c.replicas
                                                      : c.labels;
      if (key == "varReference") {
        c.var_refs.insert(c.var_refs.end(), specs.begin(), specs.end());
        continue;
      }
      to.insert(to.end(), specs.begin(), specs.end());
    }
    cfg.merge(c);
  }

  // A `crds` file: OpenAPI definitions (type name → {Schema: {properties}}). A property marked
  // x-kubernetes-object-ref-kind names an object of that kind (a name reference);
  // x-kubernetes-annotation, x-kubernetes-label-selector and x-kubernetes-identity add fields
  // for commonAnnotations, commonLabels and namePrefix.
  void read_crd_config(const Tree& doc, TransformerConfig& cfg) {
    if (!doc.is_map()) return;
    auto props_of = [&](const Tree& def) -> const Tree* {
      const Tree* schema = def.find("Schema");
      if (schema == nullptr) schema = def.find("schema");
      const Tree* props = schema != nullptr ? schema->find("properties") : nullptr;
      return props != nullptr && props->is_map() ? props : nullptr;
    };
    std::function<void(const std::string&, const std::string&, std::vector<std::string>&, int)>
        walk = [&](const std::string& kind, const std::string& type_name,
                   std::vector<std::string>& path, int depth) {
          if (depth > 32) return;
          const Tree* def = doc.find(type_name);
          const Tree* props = def != nullptr ? props_of(*def) : nullptr;
          if (props == nullptr) return;
          for (const auto& e : props->entries) {
            const Tree& prop = e.value;
            path.push_back(e.key.text);
            std::string joined;
            for (const auto& seg : path) joined += (joined.empty() ? "" : "/") + seg;
            FieldSpec fs;
            fs.kind = kind;
            fs.path = joined;
            if (prop.find("x-kubernetes-annotation") != nullptr) {
              cfg.common_annotations.push_back(fs);
            }
            if (prop.find("x-kubernetes-label-selector") != nullptr) {
              cfg.common_labels.push_back(fs);
            }
            if (prop.find("x-kubernetes-identity") != nullptr) cfg.name_prefix.push_back(fs);
            const Tree* ref_kind = prop.find("x-kubernetes-object-ref-kind");
            const Tree* ref_version = prop.find("x-kubernetes-object-ref-api-version");
            if (ref_kind != nullptr && ref_version != nullptr) {
              std::string key(prop.str("x-kubernetes-object-ref-name-key"));
              NameRefSpec n;
              n.kind = ref_kind->text;
              n.version = ref_version->text;
              fs.path += "/" + (key.empty() ? std::string("name") : key);
              n.referrers.push_back(fs);
              TransformerConfig one;
              one.name_refs.push_back(std::move(n));
              cfg.merge(one);
            }
            std::string ref(prop.str("$ref"));
            if (!ref.empty()) walk(kind, ref, path, depth + 1);
            path.pop_back();
          }
        };
    for (const auto& e : doc.entries) {
      if (!e.value.is_map()) continue;
      const Tree* props = props_of(e.value);
      if (props == nullptr || props->find("kind") == nullptr ||
          props->find("apiVersion") == nullptr || props->find("metadata") == nullptr) {
        continue;
      }
      std::string kind = e.key.text.substr(e.key.text.rfind('.') + 1);
      std::vector<std::string> path;
      walk(kind, e.key.text, path, 0);
    }
  }

  static void append_specs(std::vector<const FieldSpec*>& to, const std::vector<FieldSpec>& from) {
    for (const auto& f : from) to.push_back(&f);
  }

  // `specs` point into the built-in tables, the configuration and the entry's own `fields`.
  void add_pairs(Res& r, const Tree& pairs, const std::vector<const FieldSpec*>& specs,
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
    for (const FieldSpec* s : specs) {
      if (!spec_selects(*s, r)) continue;
      at_path(r.t, path_segments(s->path), 0, s->create, pairs.origin, add);
    }
  }

  void common_labels(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    const Tree* labels_t = ks.k.find("commonLabels");
    if (labels_t == nullptr || !labels_t->is_map() || labels_t->entries.empty()) return;
    std::vector<const FieldSpec*> specs;
    append_specs(specs, selector_label_specs());
    append_specs(specs, template_label_specs());
    append_specs(specs, cfg.common_labels);
    for (auto& r : rm) add_pairs(r, *labels_t, specs, "labels");
  }

  void labels(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    const Tree* list = ks.k.find("labels");
    if (list == nullptr || !list->is_sequence()) return;
    for (const auto& entry : list->items) {
      const Tree* pairs = entry.find("pairs");
      if (pairs == nullptr || !pairs->is_map()) continue;
      bool selectors = entry.str("includeSelectors") == "true";
      bool templates = entry.str("includeTemplates") == "true";
      bool claim_templates = entry.str("includeVolumeClaimTemplates") == "true";
      // The `labels` field specs of the configurations apply whatever the flags say.
      const std::vector<FieldSpec> fields = read_specs(entry.find("fields"));
      std::vector<const FieldSpec*> specs;
      append_specs(specs, cfg.labels);
      auto append = [&](const std::vector<FieldSpec>& more) { append_specs(specs, more); };
      if (selectors) {
        append(selector_label_specs());
        append(template_label_specs());
        append(cfg.common_labels);
      } else {
        for (const auto& s : template_label_specs()) {
          bool claim = s.path.find("volumeClaimTemplates") != std::string::npos;
          if (claim ? claim_templates : templates) specs.push_back(&s);
        }
        if (templates) append(cfg.template_labels);
        if (claim_templates) append(cfg.volume_claim_template_labels);
      }
      append(fields);
      for (auto& r : rm) add_pairs(r, *pairs, specs, "labels");
    }
  }

  void common_annotations(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    const Tree* annos = ks.k.find("commonAnnotations");
    if (annos == nullptr || !annos->is_map() || annos->entries.empty()) return;
    std::vector<const FieldSpec*> specs;
    append_specs(specs, template_annotation_specs());
    append_specs(specs, cfg.common_annotations);
    for (auto& r : rm) add_pairs(r, *annos, specs, "annotations");
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

  void images(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    // Image volumes (`image.reference`) besides the containers found anywhere, and the fields
    // the configurations name (a CRD's image fields).
    static const std::vector<FieldSpec> kImageVolumes = {
        {"", "", "spec/volumes[]/image/reference", false, ""},
        {"", "", "spec/template/spec/volumes[]/image/reference", false, ""},
    };
    for (const char* field : {"images", "imageTags"}) {
      const Tree* list = ks.k.find(field);
      if (list == nullptr || !list->is_sequence()) continue;
      for (const auto& entry : list->items) {
        if (!entry.is_map()) continue;
        for (auto& r : rm) {
          update_images(r.t, entry);
          for (const auto* specs : {&kImageVolumes, &cfg.images}) {
            for (const auto& f : *specs) {
              if (!spec_selects(f, r)) continue;
              at_path(r.t, path_segments(f.path), 0, false, entry.origin, [&](Tree& v) {
                if (v.is_scalar()) update_image(v, entry);
              });
            }
          }
        }
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

  static bool wants_build_metadata(const Tree& k, std::string_view what) {
    const Tree* bm = k.find("buildMetadata");
    if (bm == nullptr || !bm->is_sequence()) return false;
    return std::any_of(bm->items.begin(), bm->items.end(),
                       [&](const Tree& item) { return item.text == what; });
  }

  void build_metadata(const Kust& ks, std::vector<Res>& rm) {
    const Tree* bm = ks.k.find("buildMetadata");
    if (bm == nullptr || !bm->is_sequence()) return;
    const bool origins = wants_build_metadata(ks.k, "originAnnotations");
    const bool transformers = wants_build_metadata(ks.k, "transformerAnnotations");
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

  void finish_top(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    build_metadata(ks, rm);
    // kustomize refuses a RoleBinding subject whose namespace is written but empty.
    for (const auto& r : rm) {
      if (r.kind() != "RoleBinding") continue;
      const Tree* subjects = r.t.find("subjects");
      if (subjects == nullptr || !subjects->is_sequence()) continue;
      for (const auto& sub : subjects->items) {
        const Tree* ns = sub.find("namespace");
        if (ns != nullptr && !ns->is_scalar() && sub.str("kind") == "ServiceAccount") {
          problem(ns->origin, "the namespace of subject " + quote_name(sub.str("name")) +
                                  " of RoleBinding " + quote_name(r.name()) +
                                  " is blank (kustomize: namespace is blank for resource)");
        }
      }
    }
    // Generator hash suffixes.
    for (auto& r : rm) {
      if (!r.generated || !r.hash) continue;
      std::string h = name_hash(r.t);
      if (h.empty()) continue;
      Tree* name = r.t.find_path({"metadata", "name"});
      if (name == nullptr) continue;
      r.store();
      r.remember();
      name->text += "-" + h;
      r.remember();
    }
    name_references(rm, cfg);
    vars(ks, rm, cfg);
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
  void name_references(std::vector<Res>& rm, const TransformerConfig& cfg) {
    // Only worth it when something was renamed.
    bool any_renamed = std::any_of(rm.begin(), rm.end(), [](const Res& r) {
      return std::any_of(r.prev.begin(), r.prev.end(),
                         [&](const Id& p) { return p.name != r.name() || p.ns != r.ns(); });
    });
    if (!any_renamed) return;
    // Candidates by kind and previous name (kustomize's previous ids), and the namespaces
    // objects were first written in (for references that name a namespace).
    std::map<std::pair<std::string, std::string>, std::vector<Res*>> by_old;
    std::set<std::string> original_namespaces;
    for (auto& r : rm) {
      std::set<std::string> names;
      for (const auto& p : r.stored) names.insert(p.name);
      for (const auto& n : names) by_old[{std::string(r.kind()), n}].push_back(&r);
      std::string ns = r.original().ns;
      original_namespaces.insert(ns.empty() ? "default" : ns);
    }
    // kustomize's referral selection (api/filters/nameref): a resource of the kind once called
    // `old`; then the referrer's namespace (cluster-scoped ones and ServiceAccounts pass); then
    // the same prefix/suffix history, where an empty one matches any, then strictly. Several
    // different candidates left are an error, as in kustomize. `self`: the referrer may name
    // itself (a configured back-reference in its own annotations).
    // `ns_filter`: keep only candidates a namespaced reference allows.
    auto select = [&](Res& referrer, const Tree& at, const std::string& old, std::string_view kind,
                      bool self, bool with_ns,
                      const std::function<bool(const Res&)>& ns_filter) -> Res* {
      auto bucket = by_old.find({std::string(kind), old});
      if (bucket == by_old.end()) return nullptr;
      std::vector<Res*> cands = bucket->second;
      std::erase_if(cands, [&](Res* c) {
        return (c == &referrer && !self) || (ns_filter && !ns_filter(*c));
      });
      if (!is_cluster_scoped_kind(referrer.kind())) {
        std::erase_if(cands, [&](Res* c) {
          return !is_cluster_scoped_kind(c->kind()) && c->kind() != "ServiceAccount" &&
                 !same_ns(c->ns(), referrer.ns());
        });
      }
      if (cands.size() == 1) return cands.front();
      auto ending = [](const std::vector<std::string>& a, const std::vector<std::string>& b,
                       bool allow_empty) {
        return (allow_empty && (a.empty() || b.empty())) || same_ending(a, b);
      };
      std::erase_if(cands, [&](Res* c) {
        return !ending(c->prefixes, referrer.prefixes, true) ||
               !ending(c->suffixes, referrer.suffixes, true);
      });
      if (cands.size() > 1) {
        std::erase_if(cands, [&](Res* c) {
          return !ending(c->prefixes, referrer.prefixes, false) ||
                 !ending(c->suffixes, referrer.suffixes, false);
        });
      }
      if (cands.empty()) return nullptr;
      bool identical = std::all_of(cands.begin(), cands.end(), [&](Res* c) {
        return c->name() == cands.front()->name() && (!with_ns || c->ns() == cands.front()->ns());
      });
      if (!identical) {
        std::string names;
        for (Res* c : cands) {
          names += (names.empty() ? "" : ", ") + std::string(c->kind()) + " " +
                   quote_name(c->name()) + (c->ns().empty() ? "" : " in " + quote_name(c->ns()));
        }
        problem(at.origin, "found multiple possible referrals for " + std::string(kind) + " " +
                               quote_name(old) + " in " + std::string(referrer.kind()) + " " +
                               quote_name(referrer.name()) + ": " + names);
        return nullptr;
      }
      return cands.front();
    };
    auto rewrite = [&](Res& referrer, Tree& value, std::string_view kind, bool self = false) {
      if (!value.is_scalar()) return;
      Res* found = select(referrer, value, value.text, kind, self, false, nullptr);
      if (found != nullptr && value.text != found->name()) value.text = std::string(found->name());
    };
    // A reference written as a mapping with `name` and maybe `namespace` (RBAC subjects,
    // webhook services): candidates by the namespace it names (original, then current), and
    // the reference takes the referral's name and namespace.
    auto rewrite_mapping = [&](Res& referrer, Tree& ref, std::string_view kind) {
      Tree* n = ref.find("name");
      if (n == nullptr || !n->is_scalar()) return;
      std::function<bool(const Res&)> ns_filter;
      if (const Tree* ns = ref.find("namespace"); ns != nullptr) {
        std::string want = ns->is_scalar() ? ns->text : "";
        // The objects first written in that namespace if there are any, else those in it now.
        bool original = original_namespaces.count(want.empty() ? "default" : want) > 0;
        ns_filter = [want, original](const Res& c) {
          return same_ns(original ? c.original().ns : c.ns(), want);
        };
      }
      Res* found = select(referrer, *n, n->text, kind, false, true, ns_filter);
      if (found == nullptr) return;
      if (found->name() == n->text && found->ns().empty()) return;
      n->text = std::string(found->name());
      if (found->ns().empty()) return;
      const Tree* src = found->t.find_path({"metadata", "namespace"});
      Tree* ns = ref.find("namespace");
      if (ns == nullptr) {
        if (src != nullptr) ref.set("namespace", *src, src->origin);
      } else if (ns->text != found->ns()) {
        ns->text = std::string(found->ns());
        ns->kind = NodeKind::scalar;
        if (src != nullptr) ns->origin = src->origin;
      }
    };
    for (auto& r : rm) {
      // A copy: a configured fieldSpec may rewrite the object's own kind below.
      const std::string rk(r.kind());
      // The pod specs once per object: the rewrites below change names, not the structure.
      std::vector<Tree*> specs;
      bool specs_known = false;
      for (const auto& f : ref_fields()) {
        if (f.kind == "Namespace") continue;
        if (f.referrer_kind == "@pod") {
          if (!specs_known) {
            specs = pod_specs(r.t);
            specs_known = true;
          }
          for (Tree* spec : specs) {
            at_path(*spec, path_segments(f.path), 0, false, {},
                    [&](Tree& v) { rewrite(r, v, f.kind); });
          }
        } else if (f.referrer_kind == rk) {
          at_path(r.t, path_segments(f.path), 0, false, {},
                  [&](Tree& v) { rewrite(r, v, f.kind); });
        }
      }
      // Back-references the configurations and crds declare.
      for (const auto& n : cfg.name_refs) {
        for (const auto& f : n.referrers) {
          if (!spec_selects(f, r)) continue;
          at_path(r.t, path_segments(f.path), 0, false, {}, [&](Tree& v) {
            if (v.is_sequence()) {
              for (auto& item : v.items) rewrite(r, item, n.kind, true);
            } else {
              rewrite(r, v, n.kind, true);
            }
          });
        }
      }
      // RBAC subjects and role references, HPA scale targets.
      if (rk == "RoleBinding" || rk == "ClusterRoleBinding") {
        if (Tree* ref = r.t.find("roleRef"); ref != nullptr && ref->is_map()) {
          std::string kind(ref->str("kind"));
          if (Tree* n = ref->find("name")) rewrite(r, *n, kind);
        }
        if (Tree* subjects = r.t.find("subjects"); subjects != nullptr) {
          for (auto& sub : subjects->items) {
            if (sub.str("kind") == "ServiceAccount") rewrite_mapping(r, sub, "ServiceAccount");
          }
        }
      }
      if (rk == "ValidatingWebhookConfiguration" || rk == "MutatingWebhookConfiguration") {
        if (Tree* hooks = r.t.find("webhooks"); hooks != nullptr) {
          for (auto& h : hooks->items) {
            if (Tree* svc = h.find_path({"clientConfig", "service"}); svc && svc->is_map()) {
              rewrite_mapping(r, *svc, "Service");
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

  // Legacy `vars`: $(NAME) in the fields of the varReference field specs (kustomize's built-in
  // list and the configurations'), nowhere else.
  void vars(const Kust& ks, std::vector<Res>& rm, const TransformerConfig& cfg) {
    // No kustomization of the build declared vars, and the build read every one it names (it
    // did not fail): collect_vars() would walk the same directories again to find none.
    if (!saw_vars && !out->failed) return;
    std::vector<std::pair<std::string, Tree>> values;
    vars_dirs.clear();
    vars_dirs.insert(canonical_path(ks.dir));
    collect_vars(ks.k, ks.dir, rm, values, 0);
    if (values.empty()) return;
    std::vector<FieldSpec> specs = var_reference_specs();
    TransformerConfig merged;
    merged.var_refs = specs;
    TransformerConfig extra;
    extra.var_refs = cfg.var_refs;
    merged.merge(extra);
    auto substitute_scalar = [&](Tree& t) {
      if (!t.is_scalar() || !t.is_string() || t.text.find('$') == std::string::npos) return;
      expand_vars(t, values);
    };
    auto substitute = [&](Tree& t) {
      if (t.is_scalar()) {
        substitute_scalar(t);
      } else if (t.is_map()) {
        // Every string value of a map (labels, annotations).
        for (auto& e : t.entries) substitute_scalar(e.value);
      } else if (t.is_sequence()) {
        for (auto& item : t.items) {
          if (item.is_scalar() && item.is_string()) {
            substitute_scalar(item);
          } else if (!item.is_null()) {
            problem(item.origin,
                    "cannot substitute vars in a list item that is not a string "
                    "(kustomize: invalid value type expect a string)");
          }
        }
      }
    };
    for (auto& r : rm) {
      for (const auto& spec : merged.var_refs) {
        if (!spec_selects(spec, r)) continue;
        at_path(r.t, path_segments(spec.path), 0, false, r.t.origin, substitute);
      }
    }
  }

  // kustomize's expansion of one string: $(NAME) becomes the var's value (a whole-string
  // reference keeps the value's type), $$ is a literal $, an unknown name or a var whose value is
  // not a scalar stays as written.
  static void expand_vars(Tree& t, const std::vector<std::pair<std::string, Tree>>& values) {
    const std::string& in = t.text;
    auto value_of = [&](std::string_view name) -> const Tree* {
      for (const auto& [n, v] : values) {
        if (n == name) return v.is_scalar() ? &v : nullptr;
      }
      return nullptr;
    };
    std::string out_text;
    std::size_t checkpoint = 0;
    for (std::size_t cursor = 0; cursor < in.size(); ++cursor) {
      if (in[cursor] != '$' || cursor + 1 >= in.size()) continue;
      out_text.append(in, checkpoint, cursor - checkpoint);
      char next = in[cursor + 1];
      std::size_t advance = 1;
      if (next == '$') {
        out_text += '$';
      } else if (next == '(') {
        std::size_t close = in.find(')', cursor + 2);
        if (close == std::string::npos) {
          out_text += "$(";
        } else {
          std::string_view name(in.data() + cursor + 2, close - cursor - 2);
          const Tree* v = value_of(name);
          if (cursor == 0 && close + 1 == in.size()) {
            if (v != nullptr) t = *v;  // the whole string: the value, with its type
            return;
          }
          if (v != nullptr) {
            out_text += v->text;
          } else {
            out_text.append(in, cursor, close + 1 - cursor);
          }
          advance = close - cursor;
        }
      } else {
        out_text += '$';
        out_text += next;
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
    if (checkpoint == 0) return;  // no $ expression
    out_text.append(in, std::min(checkpoint, in.size()));
    t.text = std::move(out_text);
    t.plain = false;
  }

  // Vars of a kustomization and its bases (vars are inherited).
  std::set<std::string> vars_dirs;  // canonical directories collect_vars() has read
  // The kustomizations accumulate() has read in this build, by file: the root node each tree
  // was copied from, and the tree (collect_vars() reads them again). Cleared after each build.
  std::map<std::uint32_t, std::pair<Node, Tree>> kust_trees;
  void collect_vars(const Tree& k, const fs::path& dir, std::vector<Res>& rm,
                    std::vector<std::pair<std::string, Tree>>& values, int depth) {
    if (depth > 20) return;
    for (const char* field : {"resources", "bases", "components"}) {
      const Tree* list = k.find(field);
      if (list == nullptr) continue;
      for (const auto& e : list->items) {
        fs::path p = dir / e.text;
        if (!e.is_scalar() || is_remote(e.text) || !is_directory(p)) continue;
        // Each kustomization once: a cycle or a diamond of bases re-read every path through it,
        // exponential in the depth (fuzz/regressions/kustomize-timeout-bcafbb82...).
        if (!vars_dirs.insert(canonical_path(p)).second) continue;
        std::string name = find_kustomization(p, resolver);
        if (name.empty()) continue;
        auto idx = load(p / name);
        if (!idx) continue;
        auto stream = parse(*idx);
        if (stream->documents.empty()) continue;
        Node root = stream->documents.front()->root();
        // The tree accumulate() read of the same document, when there is one (the same copy).
        if (auto t = kust_trees.find(*idx); t != kust_trees.end() && t->second.first == root) {
          collect_vars(t->second.second, p, rm, values, depth + 1);
          continue;
        }
        Tree sub = to_tree(root, *idx);
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
      // The object by any of its names, group and version when given, and namespace when
      // given (else any namespace): more than one is an error, as in kustomize.
      // A base's vars see the objects of that base (kustomize resolves them level by level).
      std::string base_dir = depth > 0 ? canonical_path(dir) : std::string();
      auto in_base = [&](const Res& r) {
        return base_dir.empty() || r.origin_file.empty() ||
               inside(canonical_path(r.origin_file), base_dir);
      };
      Res* found = nullptr;
      int matches = 0;
      std::string_view want_api = ref->str("apiVersion");
      std::string_view want_ns = ref->str("namespace");
      for (auto& r : rm) {
        if (r.kind() != ref->str("kind") || !in_base(r)) continue;
        if (!want_api.empty() && (group_of(want_api) != group_of(r.api()) ||
                                  version_of(want_api) != version_of(r.api()))) {
          continue;
        }
        bool named = r.name() == ref->str("name") && (want_ns.empty() || same_ns(r.ns(), want_ns));
        for (const auto& p : r.prev) {
          named =
              named || (p.name == ref->str("name") && (want_ns.empty() || same_ns(p.ns, want_ns)));
        }
        if (named) {
          found = &r;
          ++matches;
        }
      }
      if (matches > 1) {
        problem(v.origin, "var " + quote_name(name) + " matches " + std::to_string(matches) +
                              " objects (unable to disambiguate): give its objref a namespace");
        continue;
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

struct FileCache::Entry {
  std::unique_ptr<SourceFile> source;
  // The earliest reader in build order, and the name it gives the file when it is not the
  // reader that read it (empty: the source's name stands). Under Impl::mu.
  std::size_t name_order = std::numeric_limits<std::size_t>::max();
  std::string earliest_name;
  // Not a std::once_flag: glibc's call_once makes a futex system call every time it runs the
  // function (3,850 of them at 350 bench apps); an uncontended mutex makes none.
  std::mutex mu;
  std::shared_ptr<const LoadedStream> parsed;  // null until parsed, and after a release
};

struct FileCache::Impl {
  std::mutex mu;
  // Canonical path → entry (or null). Hashed: thousands of long keys that share their first
  // few dozen bytes, which an ordered map compares again at every level.
  std::unordered_map<std::string, std::shared_ptr<Entry>> entries;
};

FileCache::FileCache() : impl_(std::make_unique<Impl>()) {}
FileCache::~FileCache() = default;

std::shared_ptr<FileCache::Entry> FileCache::get(const std::string& key, const fs::path& path,
                                                 const std::string& name, CanonicalPaths* paths,
                                                 std::size_t order) {
  // Under impl_->mu: a reader earlier in build order than any before names the file.
  auto note_reader = [&](Entry& entry) {
    if (order >= entry.name_order) return;
    entry.name_order = order;
    entry.earliest_name = name.empty() ? display_path(path) : name;
  };
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->entries.find(key); it != impl_->entries.end()) {
      if (it->second != nullptr) note_reader(*it->second);
      return it->second;
    }
  }
  // Read outside the lock; if two builders race, the first insert wins.
  std::shared_ptr<Entry> e;
  std::string text;
  if (read_text(path, text, paths)) {
    e = std::make_shared<Entry>();
    e->source =
        std::make_unique<SourceFile>(name.empty() ? display_path(path) : name, std::move(text));
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  const auto [it, inserted] = impl_->entries.emplace(key, std::move(e));
  if (it->second != nullptr) {
    if (inserted) {
      it->second->name_order = order;  // named so when read
    } else {
      note_reader(*it->second);  // another builder read it meanwhile
    }
  }
  return it->second;
}

std::vector<std::string> FileCache::settle_names() {
  std::vector<std::string> renamed;
  std::lock_guard<std::mutex> lock(impl_->mu);
  for (const auto& [key, e] : impl_->entries) {
    if (e == nullptr || e->earliest_name.empty() || e->earliest_name == e->source->name()) {
      continue;
    }
    e->source->rename(e->earliest_name);
    renamed.push_back(key);
  }
  std::sort(renamed.begin(), renamed.end());
  return renamed;
}

const SourceFile& FileCache::source(const Entry& e) { return *e.source; }

std::shared_ptr<const LoadedStream> FileCache::parsed(Entry& e) {
  std::lock_guard<std::mutex> lock(e.mu);
  if (!e.parsed) e.parsed = std::make_shared<const LoadedStream>(load_all(*e.source));
  return e.parsed;
}

void FileCache::release_parsed(Entry& e) {
  std::lock_guard<std::mutex> lock(e.mu);
  e.parsed.reset();
}

void FileCache::release_parsed(const std::string& key) {
  std::shared_ptr<Entry> e;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->entries.find(key); it != impl_->entries.end()) e = it->second;
  }
  if (e) release_parsed(*e);
}

Builder::Builder(BuildOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (options.paths != nullptr) impl_->resolver = options.paths;
}
Builder::~Builder() = default;

const std::vector<const SourceFile*>& Builder::files() const noexcept { return impl_->table; }

void Builder::forget_parsed() { impl_->loaded.clear(); }

void Builder::release_parsed() {
  impl_->loaded.clear();
  for (auto& [idx, entry] : impl_->shared) FileCache::release_parsed(*entry);
}

Build Builder::build(const std::string& dir) {
  Build b;
  b.root = display(dir);
  Impl& s = *impl_;
  s.out = &b;
  s.stack.clear();
  s.saw_vars = false;
  s.openapi_keys = OpenApiMergeKeys{};
  std::string name = find_kustomization(dir, s.resolver);
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
  TransformerConfig cfg;
  s.accumulate(dir, rm, cfg, b.root_origin, false, true);
  b.resources.reserve(rm.size());
  for (auto& r : rm) b.resources.push_back(std::move(r.t));
  s.kust_trees.clear();
  s.out = nullptr;
  return b;
}

}  // namespace kubelint::kustomize
