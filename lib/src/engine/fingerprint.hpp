// Line-independent finding fingerprints: what baselines, SARIF partialFingerprints and GitLab
// Code Quality use to recognise a finding after edits elsewhere in the file.
#pragma once

#include <kubelint/kubelint.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

// 64-bit FNV-1a.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view data,
                                    std::uint64_t hash = 0xcbf29ce484222325ULL) noexcept;

// Fills Finding::fingerprint of every finding (in report order): 16 hex digits of a hash of the
// rule id, file, object kind, namespace and name, and YAML path (the message when there is no
// path), then ":N" for the N-th repeat of the same key. Lines and columns are not part of it.
void assign_fingerprints(std::vector<Finding>& findings);

}  // namespace kubelint
