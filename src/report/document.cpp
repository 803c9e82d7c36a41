#include "report/document.h"

#include <sstream>

#include "output/forecast_writer.h"

namespace detente::report {
namespace {

using nlohmann::json;

Error shape_error(const std::string& file, const std::string& field, const std::string& problem) {
  return Error{.file = file,
               .field = field,
               .problem = problem,
               .fix = "give the output of 'detente forecast FILE --format json' (docs/output.md) unchanged"};
}

std::string option_text(const json& options) {
  std::string text;
  for (const auto& [name, value] : options.items()) {
    text += (text.empty() ? "" : ", ") + name + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return text.empty() ? "none" : text;
}

// Adds one model's object of the forecast contract to the document's forecast section.
Result<bool> add_model(Document& section, const json& model, const std::string& file, std::size_t index) {
  const std::string where = "[" + std::to_string(index) + "]";
  if (!model.is_object() || !model.contains("model") || !model["model"].is_string()) {
    return shape_error(file, where + ".model", "expected an object with a string 'model'");
  }
  const std::string name = model["model"].get<std::string>();
  if (!model.contains("issues") || !model["issues"].is_array()) {
    return shape_error(file, where + ".issues", "expected an array of issues for model '" + name + "'");
  }
  section["models"].push_back(name);
  section["options"][name] = model.value("options", json::object());
  for (const auto& note : model.value("notes", json::array()))
    section["notes"].push_back({{"model", name}, {"note", note}});
  for (const auto& issue : model["issues"]) {
    const std::string field = where + ".issues";
    if (!issue.is_object() || !issue.contains("issue") || !issue.contains("rounds") || !issue["rounds"].is_array() ||
        !issue.contains("forecast") || !issue["forecast"].is_number() || !issue.contains("scale") ||
        !issue["scale"].is_array() || issue["scale"].size() != 2) {
      return shape_error(file, field, "each issue needs 'issue', 'scale' [lo, hi], 'rounds' and a numeric 'forecast'");
    }
    const std::string issue_name = issue["issue"].get<std::string>();
    bool known = false;
    for (const auto& seen : section["issues"]) known = known || seen["issue"] == issue_name;
    if (!known) section["issues"].push_back({{"issue", issue_name}, {"scale", issue["scale"]}});
    section["forecasts"].push_back({{"model", name}, {"issue", issue_name}, {"forecast", issue["forecast"]}});
    for (const auto& round : issue["rounds"]) {
      if (!round.is_object() || !round.contains("round") || !round.contains("positions") ||
          !round["positions"].is_object()) {
        return shape_error(file, field + ".rounds", "each round needs 'round' and an object of 'positions'");
      }
      section["rounds"].push_back({{"model", name},
                                   {"issue", issue_name},
                                   {"round", round["round"]},
                                   {"mean", round.value("mean", json())},
                                   {"median", round.value("median", json())}});
      for (const auto& [actor, position] : round["positions"].items()) {
        section["positions"].push_back({{"model", name},
                                        {"issue", issue_name},
                                        {"round", round["round"]},
                                        {"actor", actor},
                                        {"position", position}});
      }
    }
  }
  return true;
}

}  // namespace

Document new_document(const std::string& kind, const std::string& title, const std::string& input) {
  return Document{{"detente_report", kDocumentVersion},
                  {"kind", kind},
                  {"title", title},
                  {"subtitle", ""},
                  {"generated_by", std::string("detente ") + DETENTE_VERSION},
                  {"input", input},
                  {"settings", Document::array()}};
}

Result<Document> forecast_document(const json& forecast, const std::string& file) {
  const json models = forecast.is_array() ? forecast : json::array({forecast});
  if (models.empty()) return shape_error(file, "(top level)", "the forecast holds no model");
  const json input = models[0].value("input", json::object());
  const std::string source = input.value("file", file);
  Document doc = new_document("forecast", "Forecast of " + source, file);
  Document section = {{"models", Document::array()}, {"options", Document::object()},
                      {"issues", Document::array()}, {"forecasts", Document::array()},
                      {"rounds", Document::array()}, {"positions", Document::array()},
                      {"notes", Document::array()}};
  for (std::size_t m = 0; m < models.size(); ++m) {
    if (auto added = add_model(section, models[m], file, m); !added) return added.error();
  }
  doc["subtitle"] = std::to_string(section["issues"].size()) + " issue(s), " +
                    std::to_string(input.value("actors", 0)) + " actors, models: " + [&] {
                      std::string names;
                      for (const auto& m : section["models"])
                        names += (names.empty() ? "" : ", ") + m.get<std::string>();
                      return names;
                    }();
  doc["settings"].push_back({{"name", "stakeholder table"}, {"value", source}});
  for (const auto& note : input.value("notes", json::array()))
    doc["settings"].push_back({{"name", "input"}, {"value", note}});
  for (const auto& m : section["models"]) {
    const std::string name = m.get<std::string>();
    doc["settings"].push_back({{"name", "options of " + name}, {"value", option_text(section["options"][name])}});
  }
  doc["forecast"] = std::move(section);
  return doc;
}

Result<Document> forecast_document(const StakeholderProblem& problem, std::span<const ForecastResult> results) {
  std::ostringstream out;
  output::write_forecast_json(out, problem, results);
  return forecast_document(json::parse(out.str()), problem.source);
}

}  // namespace detente::report
