// How kubelint's programs start (the CLI, and the bench's parse baseline so that the bench
// compares like with like): with the allocator the build chose (KUBELINT_ALLOCATOR,
// cmake/KubelintAllocator.cmake; README, "Design: the program's allocator").
#pragma once

#include <system_error>
#include <thread>

#ifdef KUBELINT_MIMALLOC
#include <mimalloc.h>
#endif

namespace kubelint::program {

// Runs body(argc, argv) and returns its exit status.
//
// With mimalloc, the heap is backed by transparent huge pages where the kernel offers them
// (`madvise` mode, Debian's default): a run touches tens of megabytes once, and on 4 KiB pages
// each first touch is a page fault. The body runs on a thread of its own because mimalloc gives
// large pages only to memory it reserves after the option is set, and the main thread's first
// segment was reserved before main, by the C++ runtime's static initialisation; a new thread
// reserves its own. (std::thread stacks are the size of the main thread's, RLIMIT_STACK; the
// engine's worker threads already run every check on such stacks.)
template <class Body>
int run(int argc, char** argv, Body body) {
#ifdef KUBELINT_MIMALLOC
  mi_option_enable(mi_option_large_os_pages);
  // A new thread's first segment is otherwise reserved without large pages.
  mi_option_set(mi_option_eager_commit_delay, 0);
  int status = 0;
  bool started = false;
  try {
    std::thread worker([&] { status = body(argc, argv); });
    started = true;
    worker.join();
  } catch (const std::system_error&) {  // no thread to be had: run on this one
  }
  if (started) return status;
#endif
  return body(argc, argv);
}

}  // namespace kubelint::program
