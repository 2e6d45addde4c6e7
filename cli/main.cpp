#include "cli.hpp"

int main(int argc, char** argv) { return kubelint::cli::run(argc, argv); }
