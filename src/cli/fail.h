// The one way a CLI command reports bad input: the error's message on stderr
// in detente's style, and exit status 2 (kExitBadInput).
#pragma once

#include "core/error.h"

namespace detente::cli {

// Prints "detente: error: MESSAGE" to stderr and returns kExitBadInput.
int fail(const Error& error);

}  // namespace detente::cli
