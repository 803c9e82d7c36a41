// What an HTML report inlines: the charting library (Vega and Vega-Lite, installed from the npm
// registry at build time, versions pinned in report/package-lock.json) and the report's own
// rendering script and style. Embedded in the binary when it is built (report/embed.mjs), so a
// report needs no file and no network at run time.
#pragma once

#include <string_view>

namespace detente::report {

struct ReportAssets {
  bool available = false;  // false when the build found no node/npm (see README, "Reports")
  std::string_view vega;
  std::string_view vega_lite;
  std::string_view render;
  std::string_view css;
  std::string_view library_versions;
};

[[nodiscard]] const ReportAssets& report_assets();

}  // namespace detente::report
