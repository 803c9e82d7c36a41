// libFuzzer target: io::parse_stakeholders with the format detected from the
// content, the path every `detente forecast FILE` takes; it covers
// io::detect_format as well as the three readers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check_problem.h"
#include "io/stakeholder_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  detente::fuzz::check_reader([&] { return detente::io::parse_stakeholders(content, "fuzz-input"); });
  return 0;
}
