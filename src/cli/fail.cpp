#include "cli/fail.h"

#include <iostream>

#include "cli/commands.h"

namespace detente::cli {

int fail(const Error& error) {
  std::cerr << "detente: error: " << error.message() << "\n";
  return kExitBadInput;
}

}  // namespace detente::cli
