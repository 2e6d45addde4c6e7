// lib/src/image_syntax.cpp: the image reference grammar of distribution/reference and go-digest.
#include "k8s/image_syntax.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace kubelint;

TEST_CASE("valid image references") {
  const char* const valid[] = {
      "nginx",
      "nginx:1.27.2",
      "library/nginx:latest",
      "docker.io/library/nginx",
      "registry.example.com:5000/team/app:2.0.1",
      "localhost/app",
      "localhost:5000/app:dev",
      "MyRegistry.example.com/app",  // a registry host may have upper case
      "gcr.io/google-samples/hello-app:1.0",
      "us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0",
      "quay.io/prometheus/node-exporter:v1.8.2",
      "a/b__c/d-e--f/g.h_i:TAG_1.0-RC1",
      "[fd00::1]:5000/app",
      "10.0.0.5:5000/app:1",
      "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
      "nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
  };
  for (const char* image : valid) {
    CHECK_MESSAGE(image_reference_problem(image).empty(), image, ": ",
                  image_reference_problem(image));
  }
}

TEST_CASE("invalid image references") {
  struct Case {
    const char* image;
    const char* problem;
  };
  const Case invalid[] = {
      {"", "it is empty"},
      {"my - app - image:latest", "it contains whitespace"},
      {" nginx:1.27", "it has leading or trailing whitespace"},
      {"nginx:1.27 ", "it has leading or trailing whitespace"},
      {"MyApp:1.0", "the repository path 'MyApp' must be lowercase"},
      {"team/MyApp", "the repository path 'team/MyApp' must be lowercase"},
      {"registry.example.com/Team/app", "the repository path 'Team/app' must be lowercase"},
      {"nginx:", "its tag after ':' is empty"},
      {"nginx:-dev",
       "the tag '-dev' is invalid (letters, digits, '_', '.' and '-', at most 128, not starting "
       "with '.' or '-')"},
      {"nginx@sha256:abc", "the sha256 digest must be 64 lower-case hex digits"},
      {"nginx@sha256:0D17B565C37BCBD895E9D92315A05C1C3C9A29F762B011A10C54A66CD53C9B31",
       "the sha256 digest must be 64 lower-case hex digits"},
      {"nginx@md5:0d17b565c37bcbd895e9d92315a05c1c",
       "the digest algorithm 'md5' is not supported (use sha256)"},
      {"nginx@latest", "the digest 'latest' is not of the form algorithm:hex"},
      {"https://registry.example.com/app", "the registry 'https:' is not a valid host[:port]"},
      {"registry.example.com:port/app",
       "the registry 'registry.example.com:port' is not a valid host[:port]"},
      {"team//app", "the path 'team//app' has an empty component"},
      {"team/app/", "the path 'team/app/' has an empty component"},
      {"team/-app",
       "the path component '-app' is invalid (lower-case letters and digits, separated by '.', "
       "'_', '__' or '-')"},
      {"app___x",
       "the path component 'app___x' is invalid (lower-case letters and digits, separated by "
       "'.', '_', '__' or '-')"},
      {"@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
       "it has no repository name"},
      {"nginx\x01", "it contains control characters"},
      {"0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
       "it is a 64-character hex string (an image ID, not a reference)"},
  };
  for (const auto& c : invalid) {
    CHECK_MESSAGE(image_reference_problem(c.image) == c.problem, "'", c.image, "'");
  }
  CHECK(image_reference_problem(std::string(256, 'a')) ==
        "its repository name is longer than 255 characters");
}
