#include "engine/fingerprint.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace kubelint {

std::uint64_t fnv1a64(std::string_view data, std::uint64_t hash) noexcept {
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void assign_fingerprints(std::vector<Finding>& findings) {
  std::unordered_map<std::string, unsigned> seen;
  for (Finding& f : findings) {
    // Fields are separated by a byte that cannot appear in them unescaped.
    std::string key;
    for (std::string_view part :
         {std::string_view(f.rule_id), std::string_view(f.file), std::string_view(f.object.kind),
          std::string_view(f.object.namespace_name), std::string_view(f.object.name),
          std::string_view(f.yaml_path.empty() ? f.message : f.yaml_path)}) {
      key.append(part);
      key += '\x1f';
    }
    std::string fp = fmt::format("{:016x}", fnv1a64(key));
    unsigned n = seen[fp]++;
    if (n > 0) fp += fmt::format(":{}", n);
    f.fingerprint = std::move(fp);
  }
}

}  // namespace kubelint
