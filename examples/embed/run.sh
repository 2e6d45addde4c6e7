#!/usr/bin/env bash
# Builds kubelint from this source tree, installs it into a fresh prefix, then builds and runs the
# three embedding examples against it, as a user would:
#   cpp-find-package      find_package(kubelint) against the installed prefix
#   cpp-add-subdirectory  add_subdirectory() of the source tree
#   c-pkg-config          cc main.c $(pkg-config --cflags --libs kubelint)
# Each lints manifest.yaml; its output must equal expected.txt. Also checks that the installed
# headers compile on their own (the C header as C99) and include no third-party header, and that
# the CMake package's version file accepts only the same MAJOR.MINOR.
#
# Usage: examples/embed/run.sh [--shared] [--from-build DIR] [--no-add-subdirectory] [--work DIR]
#                              [--jobs N] [--quick]
#   --shared   build and install libkubelint.so (BUILD_SHARED_LIBS=ON) instead of libkubelint.a
#   --from-build DIR  install from an existing kubelint build tree instead of building one (the
#              test suite passes its own tree, so the library is not compiled again)
#   --no-add-subdirectory  skip the add_subdirectory() example (it compiles the library again)
#   --work DIR keep build trees in DIR (reused by the next run; the prefix is always fresh);
#              default: a temporary directory, removed at the end
#   --jobs N   parallel build jobs (default 2)
#   --quick    compile everything at -O0 without debug information, as a unity build, instead of
#              Release: these trees check installation, packaging and linking, not speed, and the
#              library compiles several times faster (the test suite passes it)
# ctest runs it as the tests embed_static and embed_shared (label `embed`).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
shared=OFF
from_build=""
add_subdirectory=yes
work=""
jobs=2
build_type=(-DCMAKE_BUILD_TYPE=Release)
while (($#)); do
  case "$1" in
    --shared) shared=ON ;;
    --from-build) from_build="$2"; shift ;;
    --no-add-subdirectory) add_subdirectory=no ;;
    --work) work="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    --quick) build_type=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DCMAKE_C_FLAGS_DEBUG=-O0
                         -DCMAKE_UNITY_BUILD=ON) ;;
    *) echo "usage: $0 [--shared] [--from-build DIR] [--no-add-subdirectory] [--work DIR] [--jobs N] [--quick]" >&2
       exit 2 ;;
  esac
  shift
done
if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/kubelint-embed.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
prefix="$work/prefix"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cxx="${CXX:-c++}"
cc="${CC:-cc}"
kind=static
[ "$shared" = ON ] && kind=shared

step() { echo "==> $*"; }
die() { echo "FAIL: $*" >&2; exit 1; }

# Configures a build tree (afresh if it was made from another source directory).
configure() {
  local src="$1" build="$2"
  shift 2
  if [ -f "$build/CMakeCache.txt" ] && ! grep -q "CMAKE_HOME_DIRECTORY:INTERNAL=$src\$" \
      "$build/CMakeCache.txt"; then
    rm -rf "$build"
  fi
  cmake -S "$src" -B "$build" "${generator[@]}" "${build_type[@]}" "$@" >"$build.log" 2>&1 \
    || { cat "$build.log" >&2; die "configuring $src"; }
}

build() {
  cmake --build "$1" --parallel "$jobs" >"$1-build.log" 2>&1 \
    || { cat "$1-build.log" >&2; die "building $1"; }
}

# Runs an example on manifest.yaml from this directory and compares its output with expected.txt.
check_output() {
  local name="$1" binary="$2"
  local status=0
  (cd "$here" && "$binary" manifest.yaml) >"$work/$name.out" 2>"$work/$name.err" || status=$?
  if [ "$status" -ne 1 ]; then  # 1: the manifest has error findings
    cat "$work/$name.err" >&2
    die "$name exited with $status, expected 1"
  fi
  diff -u "$here/expected.txt" "$work/$name.out" || die "$name: output differs from expected.txt"
  echo "    $name: output as expected ($(grep -c '^manifest' "$work/$name.out") lines of findings)"
}

if [ -n "$from_build" ]; then
  kubelint_build="$(cd "$from_build" && pwd)"
  grep -q "BUILD_SHARED_LIBS:BOOL=ON" "$kubelint_build/CMakeCache.txt" && built=ON || built=OFF
  [ "$built" = "$shared" ] || die "$kubelint_build has BUILD_SHARED_LIBS=$built, not $shared"
  step "kubelint ($kind) installed from the build tree $kubelint_build → $prefix"
else
  kubelint_build="$work/kubelint-build"
  step "kubelint ($kind) from $source_dir → $prefix"
  configure "$source_dir" "$kubelint_build" -DBUILD_SHARED_LIBS="$shared" \
    -DKUBELINT_BUILD_CLI=OFF -DKUBELINT_BUILD_TESTS=OFF -DKUBELINT_BUILD_BENCH=OFF
  build "$kubelint_build"
fi
rm -rf "$prefix"
cmake --install "$kubelint_build" --prefix "$prefix" >"$work/install.log" \
  || { cat "$work/install.log" >&2; die "cmake --install"; }

pc_file="$(find "$prefix" -name kubelint.pc -print -quit)"
config_file="$(find "$prefix" -name kubelintConfig.cmake -print -quit)"
[ -n "$pc_file" ] || die "no kubelint.pc installed"
[ -n "$config_file" ] || die "no kubelintConfig.cmake installed"
[ -f "$prefix/include/kubelint/kubelint.h" ] || die "kubelint.h not installed"
libdir="$(dirname "$(dirname "$pc_file")")"
if [ "$shared" = ON ]; then
  so="$(find "$libdir" -maxdepth 1 -name 'libkubelint.so.*' -type f -print -quit)"
  [ -n "$so" ] || die "no libkubelint.so.* in $libdir"
  soname="$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
  [ -n "$soname" ] || die "$so has no soname"
  [ -e "$libdir/$soname" ] || die "soname link $soname missing"
  echo "    installed $so (soname $soname)"
  [ ! -e "$libdir/libkubelint.a" ] || die "a shared install also has libkubelint.a"
else
  [ -f "$libdir/libkubelint.a" ] || die "no libkubelint.a in $libdir"
fi

step "installed headers: self-contained, no third-party header, kubelint.h is C99"
cat >"$work/headers.cpp" <<'EOF'
#include <kubelint/kubelint.h>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
int main() { return kubelint::version().empty() ? 1 : 0; }
EOF
# Only the prefix on the include path; -M lists every header actually read, system ones too.
"$cxx" -std=c++20 -I"$prefix/include" -M "$work/headers.cpp" >"$work/headers.d" \
  || die "the public C++ headers do not compile on their own"
if grep -E '/(yaml-cpp|fmt|re2|CLI|doctest)/' "$work/headers.d"; then
  die "a public header includes a third-party header (above)"
fi
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -I"$prefix/include" -x c -fsyntax-only \
  "$prefix/include/kubelint/kubelint.h" || die "kubelint.h is not valid C99"
"$cxx" -std=c++20 -Wall -Wextra -Werror -I"$prefix/include" -x c++ -fsyntax-only \
  "$prefix/include/kubelint/kubelint.h" || die "kubelint.h is not valid C++"

step "cpp-find-package: find_package(kubelint 0.2) from $prefix"
find_args=(-DCMAKE_PREFIX_PATH="$prefix")
if [ "$shared" = ON ]; then
  # A shared kubelint must not need its dependencies' packages (or headers) to be used.
  find_args+=(-DCMAKE_DISABLE_FIND_PACKAGE_yaml-cpp=ON -DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON
              -DCMAKE_DISABLE_FIND_PACKAGE_re2=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON)
fi
configure "$here/cpp-find-package" "$work/find-package" "${find_args[@]}"
build "$work/find-package"
check_output cpp-find-package "$work/find-package/lint-manifests"

step "cpp-find-package: the version file accepts its MAJOR.MINOR only"
version="$(sed -n 's/^Version: //p' "$pc_file")"
IFS=. read -r major minor _ <<<"$version"
for request in "$major.$minor" "$major.$((minor + 1))" "$((major + 1)).0"; do
  rm -rf "$work/version-$request"
  mkdir -p "$work/version-$request"
  cat >"$work/version-$request/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.24)
project(version_check LANGUAGES CXX)
find_package(kubelint $request CONFIG QUIET)
if(kubelint_FOUND)
  message(STATUS "found")
endif()
EOF
  found=no
  cmake -S "$work/version-$request" -B "$work/version-$request/build" \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work/version-$request.log" 2>&1 || true
  grep -q -- '^-- found$' "$work/version-$request.log" && found=yes
  expected=no
  [ "$request" = "$major.$minor" ] && expected=yes
  [ "$found" = "$expected" ] || die "find_package(kubelint $request) against $version: found=$found"
done
echo "    $version satisfies $major.$minor, not $major.$((minor + 1)) or $((major + 1)).0"

step "c-pkg-config: cc main.c \$(pkg-config --cflags --libs kubelint)"
export PKG_CONFIG_PATH="$(dirname "$pc_file")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if [ "$shared" = ON ] && [ -n "$(pkg-config --print-requires kubelint)" ]; then
  die "a shared kubelint.pc must not require its dependencies' packages"
fi
mkdir -p "$work/c-pkg-config"
# shellcheck disable=SC2046  # word splitting of pkg-config's output is intended
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -o "$work/c-pkg-config/lint-manifests" \
  "$here/c-pkg-config/main.c" $(pkg-config --cflags --libs kubelint) \
  || die "building the C example with pkg-config"
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
check_output c-pkg-config "$work/c-pkg-config/lint-manifests"

if [ "$add_subdirectory" = yes ]; then
  step "cpp-add-subdirectory: add_subdirectory($source_dir)"
  configure "$here/cpp-add-subdirectory" "$work/add-subdirectory" \
    -DKUBELINT_SOURCE_DIR="$source_dir" -DBUILD_SHARED_LIBS="$shared"
  build "$work/add-subdirectory"
  for target in kubelint_cli kubelint_tests kubelint_bench; do
    if grep -q "$target" "$work/add-subdirectory-build.log"; then
      die "add_subdirectory built $target; only the library should be built"
    fi
  done
  check_output cpp-add-subdirectory "$work/add-subdirectory/lint-manifests"
fi

if [ "$shared" = ON ]; then
  for binary in find-package/lint-manifests c-pkg-config/lint-manifests; do
    readelf -d "$work/$binary" | grep -q "NEEDED.*\[$soname\]" \
      || die "$binary is not linked against $soname"
  done
fi
step "all embedding examples passed ($kind)"
