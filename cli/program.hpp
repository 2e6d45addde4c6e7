// How kubelint's programs start (the CLI, and the bench's parse baseline so that the bench
// compares like with like): with the allocator the build chose (KUBELINT_ALLOCATOR,
// cmake/KubelintAllocator.cmake; README, "Design: the program's allocator").
#pragma once

#ifdef KUBELINT_MIMALLOC
#include <mimalloc.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstddef>
#endif

namespace kubelint::program {

#ifdef KUBELINT_MIMALLOC
// The stack the main thread would have had: RLIMIT_STACK, or 64 MiB when it is unlimited (a
// thread's default would then be 2 MiB).
inline std::size_t main_stack_size() {
  constexpr std::size_t kUnlimited = std::size_t{64} << 20;
  constexpr std::size_t kFloor = std::size_t{1} << 20;
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return kUnlimited;
  return std::max(static_cast<std::size_t>(limit.rlim_cur), kFloor);
}
#endif

// Runs body(argc, argv) and returns its exit status.
//
// With mimalloc, the heap is backed by transparent huge pages where the kernel offers them
// (`madvise` mode, Debian's default): a run touches tens of megabytes once, and on 4 KiB pages
// each first touch is a page fault. The body runs on a thread of its own, with the main
// thread's stack size, because mimalloc gives large pages only to memory it reserves after the
// option is set, and the main thread's first segment was reserved before main, by the C++
// runtime's static initialisation; a new thread reserves its own.
template <class Body>
int run(int argc, char** argv, Body body) {
#ifdef KUBELINT_MIMALLOC
  mi_option_enable(mi_option_large_os_pages);
  // A new thread's first segment is otherwise reserved without large pages.
  mi_option_set(mi_option_eager_commit_delay, 0);
  struct Call {
    Body& body;
    int argc;
    char** argv;
    int status;
  } call{body, argc, argv, 0};
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    pthread_t thread;
    const bool started = pthread_attr_setstacksize(&attr, main_stack_size()) == 0 &&
                         pthread_create(
                             &thread, &attr,
                             [](void* p) -> void* {
                               auto* c = static_cast<Call*>(p);
                               c->status = c->body(c->argc, c->argv);
                               return nullptr;
                             },
                             &call) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(thread, nullptr);
      return call.status;
    }
  }
  // No thread to be had: run on this one.
#endif
  return body(argc, argv);
}

}  // namespace kubelint::program
