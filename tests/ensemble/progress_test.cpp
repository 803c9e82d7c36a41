// The progress line: its text, and its silence when standard error is not a terminal.
#include "ensemble/progress.h"

#include <gtest/gtest.h>

namespace detente::ensemble {
namespace {

TEST(Progress, LineShowsRunsRateAndTimeLeft) {
  // 5,000 of 20,000 runs in 2 s: 2,500 runs/s, 15,000 left → 6 s; a quarter of the 24-wide bar.
  EXPECT_EQ(ProgressBar::line(5000, 20000, 2.0, "runs"),
            "[######                  ] 5,000/20,000 runs  2,500 runs/s  0:06 left");
  // Done: no time left shown.
  EXPECT_EQ(ProgressBar::line(10, 10, 1.0, "runs"), "[########################] 10/10 runs  10 runs/s");
  // Over an hour left: h:mm:ss.
  EXPECT_NE(ProgressBar::line(1, 10000, 1.0, "runs").find("2:46:39 left"), std::string::npos);
}

TEST(Progress, SilentWhenNotATerminal) {
  // Under ctest standard error is a pipe or a file: the bar must not start a thread or print.
  if (ProgressBar::terminal()) GTEST_SKIP() << "run with stderr on a terminal";
  const std::atomic<std::uint64_t> done{0};
  ::testing::internal::CaptureStderr();
  { const ProgressBar bar(100, done, true); }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace detente::ensemble
