# `cpack` in a build tree makes a Debian package (.deb) of everything `cmake --install` installs:
# the kubelint binary, its man page and bash/zsh/fish completions, the library, the public
# headers, the CMake package and kubelint.pc, and the documentation. Included from the top-level
# CMakeLists.txt when kubelint is the top-level project.
set(CPACK_GENERATOR "DEB" CACHE STRING "CPack generators")
set(CPACK_PACKAGE_NAME "kubelint")
set(CPACK_PACKAGE_VENDOR "kubelint")
set(CPACK_PACKAGE_CONTACT "kubelint maintainers <kubelint@localhost>"
    CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "kubelint lints Kubernetes manifests offline and reports each problem at the file:line:column \
of the YAML node it is about. This package holds the kubelint command with its man page and shell \
completions, and the C++/C library with headers, a CMake package and a pkg-config file.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The shared libraries the binary links, by their Debian 12 package names (dpkg-shlibdeps is not
# assumed: it needs dpkg-dev). Embedding the static library also needs the -dev packages.
set(kubelint_deb_depends "libc6, libstdc++6, libgcc-s1, libyaml-cpp0.7, libfmt9, libre2-9")
if(KUBELINT_ALLOCATOR STREQUAL "mimalloc")
  string(APPEND kubelint_deb_depends ", libmimalloc2.0")
endif()
# Worked out on every configure (a cached value would keep a build directory's first answer
# when KUBELINT_ALLOCATOR changes); KUBELINT_DEB_DEPENDS replaces it when set.
set(KUBELINT_DEB_DEPENDS "" CACHE STRING "Depends field of the .deb (empty: the libraries the build links)")
if(KUBELINT_DEB_DEPENDS)
  set(kubelint_deb_depends "${KUBELINT_DEB_DEPENDS}")
endif()
unset(CPACK_DEBIAN_PACKAGE_DEPENDS CACHE)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${kubelint_deb_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libyaml-cpp-dev, libfmt-dev, libre2-dev, pkg-config")
set(CPACK_STRIP_FILES ON)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/docs/ci.md"
              "${PROJECT_SOURCE_DIR}/docs/configuration.md"
              "${PROJECT_SOURCE_DIR}/docs/diagnostics.md"
              "${PROJECT_SOURCE_DIR}/docs/suppressions.md" "${PROJECT_SOURCE_DIR}/docs/library.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
include(CPack)
