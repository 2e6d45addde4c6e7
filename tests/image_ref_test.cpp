// Tests for lib/src/image_ref.cpp: [host[:port]/]path[:tag][@digest], and placeholders.
#include "k8s/image_ref.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kubelint::ImageRef;
using kubelint::parse_image;

namespace {

const std::string kDigest =
    "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";

struct Case {
  std::string image;
  std::string registry;
  std::string repository;
  std::string tag;
  std::string digest;
  bool untagged;
  bool pinned;
  bool floating_latest;
};

}  // namespace

TEST_CASE("image_ref: parses references") {
  const std::vector<Case> cases = {
      {"nginx", "", "nginx", "", "", true, false, true},
      {"nginx:1.2", "", "nginx", "1.2", "", false, false, false},
      {"nginx:latest", "", "nginx", "latest", "", false, false, true},
      {"team/app:2.0", "", "team/app", "2.0", "", false, false, false},
      {"library/nginx", "", "library/nginx", "", "", true, false, true},
      // A first component with ':' is a registry with a port, not a tag.
      {"registry:5000/app", "registry:5000", "app", "", "", true, false, true},
      {"registry:5000/app:1.0", "registry:5000", "app", "1.0", "", false, false, false},
      {"registry:5000/team/app:latest", "registry:5000", "team/app", "latest", "", false, false,
       true},
      {"gcr.io/x/y@" + kDigest, "gcr.io", "x/y", "", kDigest, false, true, false},
      {"gcr.io/x/y:1.0", "gcr.io", "x/y", "1.0", "", false, false, false},
      // A digest pins the image whatever the tag says.
      {"x:latest@" + kDigest, "", "x", "latest", kDigest, false, true, false},
      {"nginx@" + kDigest, "", "nginx", "", kDigest, false, true, false},
      {"localhost/app", "localhost", "app", "", "", true, false, true},
      {"localhost:5000/app:dev", "localhost:5000", "app", "dev", "", false, false, false},
      {"docker.io/library/nginx:1.27.2", "docker.io", "library/nginx", "1.27.2", "", false, false,
       false},
      {"[::1]:5000/app:1", "[::1]:5000", "app", "1", "", false, false, false},
      {"  nginx:1.2\t", "", "nginx", "1.2", "", false, false, false},
  };
  for (const auto& c : cases) {
    SUBCASE(("'" + c.image + "'").c_str()) {
      auto ref = parse_image(c.image);
      REQUIRE(ref.has_value());
      CHECK(ref->registry == c.registry);
      CHECK(ref->repository == c.repository);
      CHECK(ref->tag == c.tag);
      CHECK(ref->digest == c.digest);
      CHECK(ref->untagged() == c.untagged);
      CHECK(ref->pinned() == c.pinned);
      CHECK(ref->floating_latest() == c.floating_latest);
    }
  }
}

TEST_CASE("image_ref: placeholders and empty references are not judged") {
  const std::vector<std::string> cases = {
      "",
      "   ",
      "$(IMG)",
      "${IMG}",
      "{{ .Values.image }}",
      "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
      "registry.local/app:${TAG}",
      "registry.local/app:$(TAG)",
      "<image>",
      "repo/<name>:latest",
  };
  for (const auto& image : cases) {
    SUBCASE(("'" + image + "'").c_str()) { CHECK_FALSE(parse_image(image).has_value()); }
  }
}
