// The CAMEO tables of src/events/data/, embedded in the program at build time (src/CMakeLists.txt
// writes embedded_tables.cpp from the files), so that detente events works from any directory.
#pragma once

#include <string_view>

namespace detente::events::embedded {

[[nodiscard]] std::string_view gdelt_goldstein();    // data/gdelt_goldstein.txt
[[nodiscard]] std::string_view icews_cameo_codes();  // data/icews_cameo_codes.csv
[[nodiscard]] std::string_view default_aliases();    // data/aliases.csv

}  // namespace detente::events::embedded
