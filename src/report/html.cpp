#include "report/html.h"

#include "report/assets.h"

namespace detente::report {
namespace {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Inline scripts and styles only; vega compiles its expressions with Function (hence
// 'unsafe-eval'); no source may be fetched, so a report cannot reach the network.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:";

}  // namespace

std::string script_safe_json(const Document& doc) {
  const std::string json = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size());
  for (const char c : json) {
    if (c == '<')
      out += "\\u003c";  // '<' occurs only inside JSON strings, where \u003c means the same
    else
      out += c;
  }
  return out;
}

Result<std::string> render_html(const Document& doc) {
  const ReportAssets& assets = report_assets();
  if (!assets.available) {
    return Error{
        .field = "report",
        .problem =
            "this detente was built without the charting library (node and npm were not found when it was configured)",
        .fix =
            "run 'bash scripts/install-deps.sh report', then configure and build again (cmake --preset release && "
            "cmake --build --preset release)"};
  }
  const std::string title = doc.value("title", std::string("detente report"));
  std::string html;
  html.reserve(assets.vega.size() + assets.vega_lite.size() + 200000);
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kPolicy) + "\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"" + escape_html(doc.value("generated_by", std::string("detente"))) +
          "; " + std::string(assets.library_versions) + "\">\n";
  html += "<title>" + escape_html(title) + "</title>\n<style>\n";
  html += assets.css;
  html +=
      "\n</style>\n</head>\n<body>\n<main id=\"report\"><noscript>This report draws its tables and charts with "
      "JavaScript: open it in a web browser with JavaScript enabled.</noscript></main>\n";
  html += "<script type=\"application/json\" id=\"detente-data\">" + script_safe_json(doc) + "</script>\n";
  html += "<script>\n";
  html += assets.vega;
  html += "\n</script>\n<script>\n";
  html += assets.vega_lite;
  html += "\n</script>\n<script>\n";
  html += assets.render;
  html += "\n</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace detente::report
