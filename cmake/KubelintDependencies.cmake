# Third-party libraries, as Debian 12 packages them.
find_package(PkgConfig REQUIRED)

find_package(yaml-cpp 0.7 REQUIRED)
# Debian's yaml-cpp 0.7 exports the target `yaml-cpp`; newer releases `yaml-cpp::yaml-cpp`.
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()

find_package(fmt 9 REQUIRED)

# Debian ships RE2 with only a pkg-config file.
find_package(re2 CONFIG QUIET)
if(NOT TARGET re2::re2)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
  add_library(re2::re2 ALIAS PkgConfig::RE2)
endif()

find_package(Threads REQUIRED)
