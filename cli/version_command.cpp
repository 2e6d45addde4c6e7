// `kubelint version`
#include <iostream>
#include <kubelint/kubelint.hpp>

#include "cli.hpp"

namespace kubelint::cli {

Action add_version_command(CLI::App& app) {
  app.add_subcommand("version", "Print the version");
  return [] {
    std::cout << "kubelint " << kubelint::version() << "\n";
    return kExitClean;
  };
}

}  // namespace kubelint::cli
