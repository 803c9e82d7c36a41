#include "ensemble/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace detente::ensemble {
namespace {

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string clock(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  return buffer;
}

}  // namespace

bool ProgressBar::terminal() { return isatty(STDERR_FILENO) == 1; }

std::string ProgressBar::line(std::uint64_t done, std::uint64_t total, double seconds, const std::string& what) {
  constexpr int kWidth = 24;
  const double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(share * kWidth);
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(kWidth - filled), ' ') + "]";
  const double rate = seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0;
  std::string out = bar + " " + grouped(done) + "/" + grouped(total) + " " + what + "  " +
                    grouped(static_cast<std::uint64_t>(rate)) + " " + what + "/s";
  if (rate > 0.0 && done < total) out += "  " + clock(static_cast<double>(total - done) / rate) + " left";
  return out;
}

ProgressBar::ProgressBar(std::uint64_t total, const std::atomic<std::uint64_t>& done, bool enabled, std::string what)
    : total_(total), done_(done), what_(std::move(what)), active_(enabled && terminal()) {
  if (active_) thread_ = std::thread([this] { loop(); });
}

ProgressBar::~ProgressBar() {
  if (!active_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

void ProgressBar::loop() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; })) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r%s\033[K", line(done_.load(), total_, seconds, what_).c_str());
    std::fflush(stderr);
  }
}

}  // namespace detente::ensemble
