#include "report/report.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/stakeholder_reader.h"
#include "models/model.h"
#include "report/html.h"
#include "report/results_db.h"
#include "report/scenario_report.h"
#include "scenario/scenario.h"

namespace detente::report {
namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{
        .file = path, .problem = "cannot open the file", .fix = "check the path and that the file is readable"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_scenario_text(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line.compare(first, 10, "[scenario]") == 0) return true;
  }
  return false;
}

Result<Document> stakeholder_document(const std::string& path) {
  auto problem = io::read_stakeholders(path);
  if (!problem) return problem.error();
  std::vector<ForecastResult> results;
  for (const auto& [name, info] : ModelRegistry::instance().all()) {
    if (problem->issues.size() < info.min_issues) continue;
    auto result = run_model(name, *problem, {});
    if (!result) return result.error();
    results.push_back(std::move(*result));
  }
  return forecast_document(*problem, results);
}

// A results database holds no per-input variation, so its report's tornado re-runs the scenario
// stored in it: `request.runs` runs of one arm from the database's seed.
Result<bool> add_database_tornado(Document& doc, EnsembleRequest request) {
  if (!doc.contains("scenario_text") || !doc["arms"].is_array() || doc["arms"].empty()) return true;
  auto s = scenario::parse_scenario(doc["scenario_text"].get<std::string>(), doc["input"].get<std::string>());
  if (!s) return true;  // a database from another version of the format: the report goes without a tornado
  for (const auto& setting : doc["settings"]) {
    if (setting["name"] == "seed") request.seed = std::stoull(setting["value"].get<std::string>());
  }
  std::string arm = request.tornado_arm;
  for (const auto& a : doc["arms"]) {
    if (arm.empty() && a["arm"] != "none") arm = a["arm"].get<std::string>();
  }
  if (arm.empty()) arm = doc["arms"][0]["arm"].get<std::string>();
  auto tornado = tornado_report(*s, request, arm);
  if (!tornado) return tornado.error();
  (*tornado)["method"] = (*tornado)["method"].get<std::string>() + "; re-run from the scenario stored in the database";
  doc["sensitivity"] = std::move(*tornado);
  return true;
}

}  // namespace

Result<InputKind> detect_input(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  // A .db file is a results database whatever it holds (results_document says what is wrong with it),
  // never read as a table.
  const auto extension = std::filesystem::path(path).extension().string();
  if (text->rfind(std::string("SQLite format 3\0", 16), 0) == 0 || extension == ".db" || extension == ".sqlite" ||
      extension == ".sqlite3") {
    return InputKind::kResultsDatabase;
  }
  const auto first = text->find_first_not_of(" \t\r\n");
  if (first != std::string::npos && ((*text)[first] == '{' || (*text)[first] == '[') && !is_scenario_text(*text)) {
    return InputKind::kForecastJson;
  }
  if (is_scenario_text(*text)) return InputKind::kScenario;
  return InputKind::kStakeholderTable;
}

Result<Document> load_document(const std::string& input, const EnsembleRequest& ensemble) {
  auto kind = detect_input(input);
  if (!kind) return kind.error();
  switch (*kind) {
    case InputKind::kResultsDatabase: {
      auto doc = results_document(input);
      if (!doc) return doc.error();
      if (auto added = add_database_tornado(*doc, ensemble); !added) return added.error();
      return doc;
    }
    case InputKind::kForecastJson: {
      auto text = read_file(input);
      if (!text) return text.error();
      const auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (json.is_discarded()) {
        return Error{.file = input,
                     .problem = "the file starts like JSON but is not valid JSON",
                     .fix = "give the output of 'detente forecast FILE --format json' unchanged"};
      }
      return forecast_document(json, input);
    }
    case InputKind::kScenario: {
      auto s = scenario::load_scenario(input);
      if (!s) return s.error();
      return ensemble_report(*s, ensemble);
    }
    case InputKind::kStakeholderTable:
      return stakeholder_document(input);
  }
  return Error{.file = input, .problem = "unrecognised input"};
}

Result<bool> write_report_html(const Document& doc, const std::string& path) {
  auto html = render_html(doc);
  if (!html) return html.error();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    return Error{.file = path,
                 .field = "-o",
                 .problem = "cannot write the report here",
                 .fix = "check that the folder exists and is writable"};
  }
  out << *html;
  out.close();
  if (!out) return Error{.file = path, .field = "-o", .problem = "writing the report failed (disk full?)"};
  return true;
}

Result<bool> write_report(const std::string& input, const std::string& path, const EnsembleRequest& ensemble) {
  auto doc = load_document(input, ensemble);
  if (!doc) return doc.error();
  return write_report_html(*doc, path);
}

}  // namespace detente::report
