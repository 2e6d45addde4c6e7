# Packaging of the kubelint library, included from lib/CMakeLists.txt:
#   - the shared library exports only the public API (lib/abi/kubelint.map);
#   - `cmake --install` puts the public headers, the library, a CMake package
#     (find_package(kubelint) → kubelint::kubelint, with a version file) and kubelint.pc in the
#     GNUInstallDirs locations.
# See docs/library.md for what the version number promises.

option(KUBELINT_INSTALL "Generate install rules for the kubelint library" ${PROJECT_IS_TOP_LEVEL})

get_target_property(kubelint_library_type kubelint TYPE)
if(kubelint_library_type STREQUAL "SHARED_LIBRARY")
  set(kubelint_shared ON)
else()
  set(kubelint_shared OFF)
endif()

# Hidden visibility already keeps kubelint's internals out of the dynamic symbol table; the
# version script also keeps out the standard-library and third-party template instantiations the
# library happens to contain, so that the exported symbols are exactly the public API.
if(kubelint_shared)
  set(kubelint_version_script "${PROJECT_SOURCE_DIR}/lib/abi/kubelint.map")
  include(CheckLinkerFlag)
  check_linker_flag(CXX "LINKER:--version-script=${kubelint_version_script}"
                    KUBELINT_LINKER_HAS_VERSION_SCRIPT)
  if(KUBELINT_LINKER_HAS_VERSION_SCRIPT)
    target_link_options(kubelint PRIVATE "LINKER:--version-script=${kubelint_version_script}")
    set_property(TARGET kubelint APPEND PROPERTY LINK_DEPENDS "${kubelint_version_script}")
  endif()
endif()

if(NOT KUBELINT_INSTALL)
  return()
endif()

include(CMakePackageConfigHelpers)
set(KUBELINT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/kubelint"
    CACHE STRING "Where to install kubelint's CMake package (relative to the prefix)")
set(KUBELINT_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where to install kubelint.pc (relative to the prefix)")
mark_as_advanced(KUBELINT_INSTALL_CMAKEDIR KUBELINT_INSTALL_PKGCONFIGDIR)

install(TARGETS kubelint EXPORT kubelintTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# Every header in include/kubelint is public; private headers live in src/.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/lib/include/kubelint/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kubelint"
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/generated/include/kubelint/version.h"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kubelint")

# CMake package. Before 1.0 a minor release may change the API and ABI (the soname and the
# inline namespace carry MAJOR.MINOR), so only patch releases of the same MAJOR.MINOR satisfy a
# find_package(kubelint X.Y) request.
install(EXPORT kubelintTargets NAMESPACE kubelint:: FILE kubelintTargets.cmake
        DESTINATION "${KUBELINT_INSTALL_CMAKEDIR}")
# The exported link interface of a static library names the real targets behind the aliases of
# KubelintDependencies.cmake; kubelintConfig.cmake must define the same ones.
get_target_property(kubelint_re2_target re2::re2 ALIASED_TARGET)
if(NOT kubelint_re2_target)
  set(kubelint_re2_target re2::re2)
endif()
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/kubelintConfig.cmake.in"
                              "${CMAKE_CURRENT_BINARY_DIR}/kubelintConfig.cmake"
                              INSTALL_DESTINATION "${KUBELINT_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/kubelintConfigVersion.cmake"
                                 VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/kubelintConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/kubelintConfigVersion.cmake"
        DESTINATION "${KUBELINT_INSTALL_CMAKEDIR}")

# pkg-config. A shared libkubelint.so carries its dependencies itself (DT_NEEDED), so its users
# need neither their headers nor their libraries. A static libkubelint.a cannot be linked without
# them, so they are public requirements (Requires, Libs), not .private ones: the plain
# `pkg-config --libs kubelint` must give a complete link line, also for a C program linked with
# `cc`, which does not add the C++ runtime by itself.
if(kubelint_shared)
  set(KUBELINT_PC_REQUIRES "")
  set(KUBELINT_PC_CFLAGS "")
  set(KUBELINT_PC_LIBS "")
else()
  set(KUBELINT_PC_REQUIRES "\nRequires: yaml-cpp >= 0.7, fmt >= 9, re2")
  set(KUBELINT_PC_CFLAGS " -DKUBELINT_STATIC_DEFINE")
  # The C++ runtime (what the C++ compiler links implicitly and the C compiler does not), and
  # the threads library.
  set(kubelint_pc_libs "")
  foreach(lib IN LISTS CMAKE_CXX_IMPLICIT_LINK_LIBRARIES)
    if(NOT lib IN_LIST CMAKE_C_IMPLICIT_LINK_LIBRARIES)
      list(APPEND kubelint_pc_libs "-l${lib}")
    endif()
  endforeach()
  if(CMAKE_THREAD_LIBS_INIT)
    list(APPEND kubelint_pc_libs "${CMAKE_THREAD_LIBS_INIT}")
  endif()
  list(REMOVE_DUPLICATES kubelint_pc_libs)
  list(JOIN kubelint_pc_libs " " KUBELINT_PC_LIBS)
  if(KUBELINT_PC_LIBS)
    string(PREPEND KUBELINT_PC_LIBS " ")
  endif()
endif()
foreach(dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(KUBELINT_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(KUBELINT_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
# The prefix is only known at install time (`cmake --install --prefix`), so the file is
# configured twice: now for everything else, then by the install script for the prefix.
set(KUBELINT_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
configure_file("${PROJECT_SOURCE_DIR}/cmake/kubelint.pc.in"
               "${CMAKE_CURRENT_BINARY_DIR}/kubelint.pc.in" @ONLY)
install(CODE "configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/kubelint.pc.in\"
                             \"${CMAKE_CURRENT_BINARY_DIR}/kubelint.pc\" @ONLY)")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/kubelint.pc"
        DESTINATION "${KUBELINT_INSTALL_PKGCONFIGDIR}")
