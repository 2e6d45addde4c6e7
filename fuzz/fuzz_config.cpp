// (b) .kubelint.yaml: parsing, validation of every setting and of every rule's options (the
// engine configures each rule from the file), as `kubelint lint --config` does.
#include <filesystem>

#include "engine/config.hpp"
#include "engine/engine.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<kubelint::Diagnostic> errors;
  kubelint::ConfigFile file = kubelint::parse_config(
      ".kubelint.yaml", std::string(kubelint::fuzz::as_text(data, size)), "/fuzz", errors);
  kubelint::EngineConfig config;
  config.options = kubelint::layer_options(file.options, kubelint::Options{});
  config.option_nodes = file.option_nodes;
  config.ignore = std::move(file.ignore);
  kubelint::Engine engine(config, errors);
  // The file's ignore globs are matched against a few paths, as a directory walk would.
  for (const auto& glob : config.ignore) {
    (void)glob.matches("/fuzz/a/b/c.yaml");
    (void)glob.matches("/fuzz/.hidden/x.yml");
  }
  return 0;
}
