# The allocator of kubelint's programs (the CLI and the bench's parse baseline, so the bench
# compares like with like): mimalloc, or the C library's malloc. Never the library's choice: an
# embedder's process keeps its own allocator. README, "Design", has the measurements.
# Sanitizers bring their own allocator: a sanitized or fuzzing build defaults to the system's.
set(kubelint_default_allocator "mimalloc")
if(KUBELINT_BUILD_FUZZ OR CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  set(kubelint_default_allocator "system")
endif()
set(KUBELINT_ALLOCATOR "${kubelint_default_allocator}" CACHE STRING
    "Allocator of the kubelint programs: mimalloc or system")
set_property(CACHE KUBELINT_ALLOCATOR PROPERTY STRINGS mimalloc system)
if(KUBELINT_ALLOCATOR STREQUAL "mimalloc")
  find_package(mimalloc 2.0 REQUIRED CONFIG)  # Debian: libmimalloc-dev
elseif(NOT KUBELINT_ALLOCATOR STREQUAL "system")
  message(FATAL_ERROR "KUBELINT_ALLOCATOR must be mimalloc or system, not '${KUBELINT_ALLOCATOR}'")
endif()

# Gives `target` (a program whose main calls kubelint::program::run) the chosen allocator.
function(kubelint_use_allocator target)
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/cli")
  if(KUBELINT_ALLOCATOR STREQUAL "mimalloc")
    # Linked first, so mimalloc's malloc is the one every library of the program calls.
    target_link_libraries(${target} PRIVATE mimalloc)
    target_compile_definitions(${target} PRIVATE KUBELINT_MIMALLOC=1)
  endif()
endfunction()
