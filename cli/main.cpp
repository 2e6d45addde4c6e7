#include "cli.hpp"
#include "program.hpp"

int main(int argc, char** argv) { return kubelint::program::run(argc, argv, kubelint::cli::run); }
