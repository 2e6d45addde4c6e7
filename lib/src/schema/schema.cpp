#include "schema/schema.hpp"

#include <algorithm>

#include "schema/table.hpp"

namespace kubelint::schema {

namespace t = table;

namespace {

constexpr std::uint16_t kFree = 0xFFFF;

std::string_view str(std::uint16_t id) noexcept {
  const t::Str& s = t::kStrings[id];
  return {t::kPool + s.offset, s.length};
}

const t::Shape* shape_of(std::uint16_t id) noexcept {
  return id < t::kShapeCount ? &t::kShapes[id] : nullptr;
}

FieldInfo info(const t::Field& f) {
  FieldInfo out;
  out.name = str(f.name);
  out.schema = Schema(f.shape);
  out.versions = f.versions;
  out.required = f.required;
  out.patch_merge_key = str(f.merge_key);
  out.patch_strategy = str(f.strategy);
  out.list_map_keys = str(f.list_keys);
  out.list_type = str(f.list_type);
  return out;
}

// The fields of an object shape named `name` (all versions), as a [first, last) range.
std::pair<const t::Field*, const t::Field*> named(std::uint16_t shape, std::string_view name) {
  const t::Shape* s = shape_of(shape);
  if (s == nullptr || s->kind != t::kObject) return {nullptr, nullptr};
  const t::Type& type = t::kTypes[s->arg];
  const t::Field* b = t::kFields + type.first;
  const t::Field* e = b + type.count;
  auto lo = std::lower_bound(b, e, name,
                             [](const t::Field& f, std::string_view n) { return str(f.name) < n; });
  auto hi = lo;
  while (hi != e && str(hi->name) == name) ++hi;
  return {lo, hi};
}

}  // namespace

int first_minor() noexcept { return t::kFirstMinor; }
int last_minor() noexcept { return t::kLastMinor; }
int clamp_minor(int minor) noexcept { return std::clamp(minor, t::kFirstMinor, t::kLastMinor); }
std::uint16_t version_bit(int minor) noexcept {
  return static_cast<std::uint16_t>(1U << (clamp_minor(minor) - t::kFirstMinor));
}
int first_in(std::uint16_t mask) noexcept {
  for (int m = t::kFirstMinor; m <= t::kLastMinor; ++m) {
    if ((mask & version_bit(m)) != 0) return m;
  }
  return 0;
}
int last_in(std::uint16_t mask) noexcept {
  for (int m = t::kLastMinor; m >= t::kFirstMinor; --m) {
    if ((mask & version_bit(m)) != 0) return m;
  }
  return 0;
}

Kind Schema::kind() const noexcept {
  const t::Shape* s = shape_of(shape_);
  return s == nullptr ? Kind::free_form : static_cast<Kind>(s->kind);
}

Schema Schema::element() const noexcept {
  const t::Shape* s = shape_of(shape_);
  if (s == nullptr || (s->kind != t::kArray && s->kind != t::kMap)) return Schema(kFree);
  return Schema(s->arg);
}

std::string_view Schema::type_name() const noexcept {
  const t::Shape* s = shape_of(shape_);
  if (s == nullptr || s->kind != t::kObject) return {};
  return str(t::kTypes[s->arg].name);
}

std::string_view Schema::short_name() const noexcept {
  std::string_view n = type_name();
  auto dot = n.rfind('.');
  return dot == std::string_view::npos ? n : n.substr(dot + 1);
}

std::optional<FieldInfo> Schema::field(std::string_view name, int minor) const {
  auto [b, e] = named(shape_, name);
  std::uint16_t bit = version_bit(minor);
  for (auto it = b; it != e; ++it) {
    if ((it->versions & bit) != 0) return info(*it);
  }
  return std::nullopt;
}

std::optional<FieldInfo> Schema::field_any(std::string_view name) const {
  auto [b, e] = named(shape_, name);
  if (b == e) return std::nullopt;
  FieldInfo out = info(*b);
  for (auto it = b; it != e; ++it)
    out.versions = static_cast<std::uint16_t>(out.versions | it->versions);
  return out;
}

std::vector<FieldInfo> Schema::fields(int minor) const {
  std::vector<FieldInfo> out;
  const t::Shape* s = shape_of(shape_);
  if (s == nullptr || s->kind != t::kObject) return out;
  const t::Type& type = t::kTypes[s->arg];
  std::uint16_t bit = version_bit(minor);
  for (std::uint32_t i = 0; i < type.count; ++i) {
    const t::Field& f = t::kFields[type.first + i];
    if ((f.versions & bit) != 0) out.push_back(info(f));
  }
  return out;
}

std::vector<std::string> Schema::field_names(int minor) const {
  std::vector<std::string> out;
  for (const FieldInfo& f : fields(minor)) out.emplace_back(f.name);
  return out;
}

std::optional<KindInfo> find_kind(std::string_view api_version, std::string_view kind) noexcept {
  const t::Served* b = t::kServed;
  const t::Served* e = t::kServed + t::kServedCount;
  auto it =
      std::lower_bound(b, e, std::pair{api_version, kind}, [](const t::Served& s, const auto& key) {
        return std::pair{str(s.api_version), str(s.kind)} < key;
      });
  if (it == e || str(it->api_version) != api_version || str(it->kind) != kind) return std::nullopt;
  return KindInfo{str(it->api_version), str(it->kind), Schema(it->shape), it->versions,
                  it->namespaced};
}

std::optional<Schema> find_type(std::string_view definition_name) noexcept {
  for (std::size_t i = 0; i < t::kShapeCount; ++i) {
    const t::Shape& s = t::kShapes[i];
    if (s.kind == t::kObject && str(t::kTypes[s.arg].name) == definition_name) {
      return Schema(static_cast<std::uint16_t>(i));
    }
  }
  return std::nullopt;
}

std::vector<KindInfo> all_kinds() {
  std::vector<KindInfo> out;
  out.reserve(t::kServedCount);
  for (std::size_t i = 0; i < t::kServedCount; ++i) {
    const t::Served& s = t::kServed[i];
    out.push_back(
        KindInfo{str(s.api_version), str(s.kind), Schema(s.shape), s.versions, s.namespaced});
  }
  return out;
}

bool is_builtin_group(std::string_view group) noexcept {
  for (std::size_t i = 0; i < t::kServedCount; ++i) {
    std::string_view av = str(t::kServed[i].api_version);
    auto slash = av.find('/');
    std::string_view g = slash == std::string_view::npos ? std::string_view{} : av.substr(0, slash);
    if (g == group) return true;
  }
  return false;
}

PatchInfo patch_info(std::string_view api_version, std::string_view kind, std::string_view path,
                     int minor) {
  PatchInfo out;
  auto k = find_kind(api_version, kind);
  if (!k) return out;
  Schema cur = k->schema;
  std::optional<FieldInfo> last;
  while (!path.empty()) {
    auto dot = path.find('.');
    std::string_view seg = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (auto br = seg.find('['); br != std::string_view::npos) seg = seg.substr(0, br);
    if (seg.empty()) continue;
    while (cur.kind() == Kind::array) cur = cur.element();
    if (cur.kind() == Kind::map) {
      cur = cur.element();
      last.reset();
      continue;
    }
    last = cur.field(seg, minor);
    if (!last) return out;
    cur = last->schema;
  }
  if (!last) return out;
  out.found = true;
  out.kind = last->schema.kind();
  out.merge_key = std::string(last->patch_merge_key);
  out.strategy = std::string(last->patch_strategy);
  out.list_type = std::string(last->list_type);
  std::string_view keys = last->list_map_keys;
  while (!keys.empty()) {
    auto comma = keys.find(',');
    out.list_map_keys.emplace_back(keys.substr(0, comma));
    keys = comma == std::string_view::npos ? std::string_view{} : keys.substr(comma + 1);
  }
  return out;
}

}  // namespace kubelint::schema
