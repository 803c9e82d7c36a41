#include "core/error.h"

namespace detente {

std::string Error::message() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  if (!field.empty()) out += "field '" + field + "': ";
  out += problem;
  if (!fix.empty()) out += ". Fix: " + fix;
  return out;
}

}  // namespace detente
