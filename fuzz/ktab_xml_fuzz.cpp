// libFuzzer target: io::parse_ktab_xml (and the XML reader under it) must
// return a value or an Error for any bytes, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/stakeholder_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const auto result = detente::io::parse_ktab_xml(content, "fuzz-input");
  if (!result.ok()) (void)result.error().message();
  return 0;
}
