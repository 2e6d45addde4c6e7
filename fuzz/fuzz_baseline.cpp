// (d) Baseline files (JSON, read with the YAML loader): parsing and matching against findings.
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kubelint::Report report;
  for (int i = 0; i < 4; ++i) {
    kubelint::Finding f;
    f.rule_id = "latest-image-tag";
    f.file = "deploy.yaml";
    f.begin = kubelint::Position{static_cast<std::uint32_t>(i + 1), 1};
    f.fingerprint = i % 2 == 0 ? "5b1f0c2a9d3e4f60" : "0000000000000001";
    report.findings.push_back(std::move(f));
  }
  kubelint::BaselineResult result =
      kubelint::apply_baseline(report, "baseline.json", kubelint::fuzz::as_text(data, size));
  if (report.findings.size() + report.baselined != 4) std::abort();
  (void)result;
  return 0;
}
