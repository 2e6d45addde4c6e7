// The image reference grammar the kubelet and container runtimes parse (distribution/reference
// and go-digest): [host[:port]/]path[:tag][@algorithm:hex]. A reference that does not parse
// leaves the pod in InvalidImageName.
#pragma once

#include <string>
#include <string_view>

namespace kubelint {

// Why `image` is not a valid image reference, as a clause ("it contains whitespace", "the
// repository path 'My/App' must be lowercase"); empty when it is valid. `image` is the exact
// string of the manifest (no trimming).
[[nodiscard]] std::string image_reference_problem(std::string_view image);

}  // namespace kubelint
