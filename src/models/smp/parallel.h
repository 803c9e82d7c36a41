// Deterministic parallel loops over a pool of threads that lives for one
// model run: body(i) for every i in [0, count), the threads taking indices in
// turn. Each index's work writes only its own outputs, so the result depends
// neither on which thread ran what nor on how many there were.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace detente::smp {

class Pool {
 public:
  // `threads` counts the calling thread: Pool(1) runs everything in the caller.
  explicit Pool(unsigned threads) {
    for (unsigned t = 1; t < threads; ++t) workers_.emplace_back([this] { serve(); });
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }

  [[nodiscard]] unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  // Runs body(i) for i in [0, count); uses the other threads only when there
  // are at least 2 * min_per_thread indices.
  void run(std::size_t count, std::size_t min_per_thread, const std::function<void(std::size_t)>& body) {
    if (workers_.empty() || count < 2 * std::max<std::size_t>(min_per_thread, 1)) {
      for (std::size_t i = 0; i < count; ++i) body(i);
      return;
    }
    {
      const std::lock_guard lock(mutex_);
      body_ = &body;
      count_ = count;
      next_.store(0);
      busy_ = workers_.size();
      ++generation_;
    }
    wake_.notify_all();
    take_indices(body, count);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return busy_ == 0; });
    body_ = nullptr;
  }

 private:
  void take_indices(const std::function<void(std::size_t)>& body, std::size_t count) {
    for (std::size_t i = next_.fetch_add(1); i < count; i = next_.fetch_add(1)) body(i);
  }

  void serve() {
    std::size_t seen = 0;
    for (;;) {
      const std::function<void(std::size_t)>* body = nullptr;
      std::size_t count = 0;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        body = body_;
        count = count_;
      }
      take_indices(*body, count);
      {
        const std::lock_guard lock(mutex_);
        --busy_;
      }
      done_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(std::size_t)>* body_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  std::size_t busy_ = 0;
  std::size_t generation_ = 0;
  bool stopping_ = false;
  std::vector<std::jthread> workers_;  // last member: joined first on destruction
};

// body(i) for i in [0, count) on the pool, or in the caller when there is none.
template <typename Body>
void parallel_for(Pool* pool, std::size_t count, std::size_t min_per_thread, const Body& body) {
  if (pool == nullptr) {
    for (std::size_t i = 0; i < count; ++i) body(i);
    return;
  }
  pool->run(count, min_per_thread, std::function<void(std::size_t)>(std::cref(body)));
}

}  // namespace detente::smp
