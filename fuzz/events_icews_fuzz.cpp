// libFuzzer target: the icews event reader (events::read_event_sources, format icews) must, for any
// bytes, either reject them with a message (problem and fix) or return a report that accounts for
// every row (check_events.h); never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "check_events.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  detente::fuzz::check_events(data, size, detente::events::Format::kIcews);
  return 0;
}
