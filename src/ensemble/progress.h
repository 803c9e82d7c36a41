// A progress line on the terminal — runs done, runs per second, time left — redrawn a few times a
// second from its own thread, and silent when standard error is not a terminal (pipes, CI, files).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace detente::ensemble {

class ProgressBar {
 public:
  // Shows nothing unless `enabled` and standard error is a terminal.
  ProgressBar(std::uint64_t total, const std::atomic<std::uint64_t>& done, bool enabled, std::string what = "runs");
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  [[nodiscard]] static bool terminal();
  // The line for `done` of `total` after `seconds`, e.g. "[#####     ] 5,000/10,000 runs  1,234 runs/s  0:04 left".
  [[nodiscard]] static std::string line(std::uint64_t done, std::uint64_t total, double seconds,
                                        const std::string& what);

 private:
  void loop();
  std::uint64_t total_;
  const std::atomic<std::uint64_t>& done_;
  std::string what_;
  bool active_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace detente::ensemble
