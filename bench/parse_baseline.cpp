// kubelint_parse_baseline: the floor `kubelint lint` is measured against.
//
//   kubelint_parse_baseline [-j N] [--events] PATHS...
//
// Does the work any YAML-based linter cannot avoid, and nothing else: find the manifest files
// (directories recursively, .yaml/.yml/.json, sorted), then on N worker threads pulling files from
// one atomic index (the scheme kubelint's engine uses), yaml-cpp's LoadAllFromFile on each file
// and a recursive walk of every node that touches every scalar. Prints what it saw, so the work
// cannot be optimised away. Links yaml-cpp only.
//
// --events skips yaml-cpp's node graph: YAML::Parser feeds every event to a handler that only
// counts. That is yaml-cpp's scanner alone, the tighter floor for a linter that, like kubelint,
// builds its own tree from events.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "program.hpp"  // cli/: the CLI's allocator

namespace {

namespace fs = std::filesystem;

struct Counts {
  std::uint64_t documents = 0;
  std::uint64_t nodes = 0;
  std::uint64_t scalar_bytes = 0;
  std::uint64_t errors = 0;
};

void walk(const YAML::Node& node, Counts& counts) {
  ++counts.nodes;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      counts.scalar_bytes += node.Scalar().size();
      break;
    case YAML::NodeType::Sequence:
      for (const auto& item : node) walk(item, counts);
      break;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        walk(entry.first, counts);
        walk(entry.second, counts);
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
}

class CountingHandler final : public YAML::EventHandler {
 public:
  explicit CountingHandler(Counts& counts) : counts_(counts) {}

  void OnDocumentStart(const YAML::Mark& /*mark*/) override { ++counts_.documents; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++counts_.nodes; }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++counts_.nodes; }
  void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& value) override {
    ++counts_.nodes;
    counts_.scalar_bytes += value.size();
  }
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/,
                       YAML::anchor_t /*anchor*/, YAML::EmitterStyle::value /*style*/) override {
    ++counts_.nodes;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    ++counts_.nodes;
  }
  void OnMapEnd() override {}

 private:
  Counts& counts_;
};

void parse_events(const std::string& path, Counts& counts) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  YAML::Parser parser(in);
  CountingHandler handler(counts);
  while (parser.HandleNextDocument(handler)) {
  }
}

bool is_manifest(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool collect(const std::string& arg, std::vector<std::string>& files) {
  std::error_code ec;
  if (!fs::is_directory(arg, ec)) {
    if (!fs::exists(arg, ec)) {
      std::cerr << "kubelint_parse_baseline: no such file or directory: " << arg << "\n";
      return false;
    }
    files.push_back(arg);
    return true;
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_manifest(it->path())) found.push_back(it->path().string());
  }
  if (ec) {
    std::cerr << "kubelint_parse_baseline: cannot read " << arg << ": " << ec.message() << "\n";
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

int run(int argc, char** argv) {
  unsigned threads = 0;
  bool events = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-j" || arg == "--jobs") {
      if (i + 1 >= argc) {
        std::cerr << "kubelint_parse_baseline: -j needs a number\n";
        return 2;
      }
      threads = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (arg.starts_with("-j") && arg.size() > 2) {
      threads = static_cast<unsigned>(std::strtoul(argv[i] + 2, nullptr, 10));
    } else if (arg == "--events") {
      events = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: kubelint_parse_baseline [-j N] [--events] PATHS...\n";
      return 0;
    } else if (!collect(std::string(arg), files)) {
      return 2;
    }
  }
  if (files.empty()) {
    std::cerr << "usage: kubelint_parse_baseline [-j N] [--events] PATHS...\n";
    return 2;
  }
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, files.size()));

  std::vector<Counts> per_thread(threads);
  std::atomic<std::size_t> next{0};
  auto work = [&](Counts& counts) {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      try {
        if (events) {
          parse_events(files[i], counts);
          continue;
        }
        for (const YAML::Node& doc : YAML::LoadAllFromFile(files[i])) {
          ++counts.documents;
          walk(doc, counts);
        }
      } catch (const std::exception& /*error*/) {
        ++counts.errors;
      }
    }
  };
  if (threads <= 1) {
    work(per_thread[0]);
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back([&, t] { work(per_thread[t]); });
  }

  Counts total;
  for (const Counts& c : per_thread) {
    total.documents += c.documents;
    total.nodes += c.nodes;
    total.scalar_bytes += c.scalar_bytes;
    total.errors += c.errors;
  }
  std::cout << "files " << files.size() << " documents " << total.documents << " nodes "
            << total.nodes << " scalar-bytes " << total.scalar_bytes << " errors " << total.errors
            << "\n";
  return total.errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return kubelint::program::run(argc, argv, [](int count, char** values) {
    try {
      return run(count, values);
    } catch (const std::exception& e) {
      std::cerr << "kubelint_parse_baseline: " << e.what() << "\n";
      return 2;
    }
  });
}
