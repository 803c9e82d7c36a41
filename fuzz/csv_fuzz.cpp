// libFuzzer target: io::parse_stakeholder_csv must, for any bytes, either reject them with a
// message (problem and fix) or return a problem that satisfies check_problem;
// never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check_problem.h"
#include "io/stakeholder_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  detente::fuzz::check_reader([&] { return detente::io::parse_stakeholder_csv(content, "fuzz-input"); });
  return 0;
}
