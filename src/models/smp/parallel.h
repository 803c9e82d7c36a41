// A deterministic parallel loop: body(i) for every i in [0, count), spread
// over `threads` threads that take indices in turn. Each index's work must
// write only its own outputs, so the result does not depend on which thread
// ran what, nor on how many there were.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace detente::smp {

template <typename Body>
void parallel_for(std::size_t count, unsigned threads, std::size_t min_per_thread, const Body& body) {
  const std::size_t useful = min_per_thread == 0 ? count : count / min_per_thread;
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(useful, 1)));
  if (workers <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&next, count, &body] {
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < count;
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      body(i);
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
}

}  // namespace detente::smp
