#include "report/results_db.h"

#include "ensemble/aggregate.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "report/stats.h"
#include "results/database.h"
#include "scenario/scenario.h"

namespace detente::report {
namespace {

struct FinalizeStatement {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// A value of a result column: text, a number or NULL.
using Row = std::map<std::string, nlohmann::ordered_json>;

Result<std::vector<Row>> query(sqlite3* db, const std::string& path, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return Error{.file = path,
                 .field = "results database",
                 .problem = std::string("not the documented schema (docs/results.md): ") + sqlite3_errmsg(db),
                 .fix = "give a database written by 'detente run SCENARIO --runs N --out FILE'"};
  }
  const Statement statement(raw);
  std::vector<Row> rows;
  while (sqlite3_step(raw) == SQLITE_ROW) {
    Row row;
    for (int c = 0; c < sqlite3_column_count(raw); ++c) {
      const std::string name = sqlite3_column_name(raw, c);
      switch (sqlite3_column_type(raw, c)) {
        case SQLITE_INTEGER:
          row[name] = sqlite3_column_int64(raw, c);
          break;
        case SQLITE_FLOAT:
          row[name] = sqlite3_column_double(raw, c);
          break;
        case SQLITE_TEXT:
          row[name] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(raw, c)));
          break;
        default:
          row[name] = nullptr;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string text(const Row& row, const std::string& key) {
  const auto found = row.find(key);
  return found != row.end() && found->second.is_string() ? found->second.get<std::string>() : "";
}

// The events' names in the report's words (the same as scenario_report.cpp's).
std::string event_title(const std::string& name, const std::string& horizon) {
  if (name.rfind("agreement_by.", 0) == 0) return "agreement by " + name.substr(13);
  if (name == "agreement") return "agreement by the horizon" + (horizon.empty() ? "" : " (" + horizon + ")");
  if (name == "breakdown") return "talks broke down";
  if (name == "extended") return "at least one deadline extended";
  if (name.rfind("cooperation.", 0) == 0) return "mutual cooperation in " + name.substr(12);
  return name;
}

// P(agreement by each date) from the per-run agreement steps, when the runs were kept.
std::optional<Document> curve_from_runs(sqlite3* db, const std::string& path, const std::string& arm,
                                        const std::vector<std::string>& dates) {
  auto steps = query(db, path, "SELECT agreement_step FROM runs");
  if (!steps || steps->empty()) return std::nullopt;
  Document curve = Document::array();
  for (std::size_t t = 0; t < dates.size(); ++t) {
    std::size_t agreed = 0;
    for (const auto& row : *steps) {
      const auto& step = row.at("agreement_step");
      agreed += step.is_number() && step.get<double>() <= static_cast<double>(t) ? 1 : 0;
    }
    const Proportion p = wilson(agreed, steps->size());
    curve.push_back({{"arm", arm}, {"date", dates[t]}, {"p", p.estimate}, {"lo", p.lo}, {"hi", p.hi}});
  }
  return curve;
}

}  // namespace

Result<Document> results_document(const std::string& path) {
  auto opened = results::open_database(
      path, results::Access::kReadOnly,
      {.kinds = {results::kEnsembleKind, "compare"},
       .field = "DATABASE",
       .fix = "reports are made from 'detente run SCENARIO --runs N --out FILE' and 'detente compare --out FILE' "
              "databases; export any other with 'detente export " +
              path + " --format csv|json'"});
  if (!opened) return opened.error();
  sqlite3* const handle = opened->handle();
  std::map<std::string, std::string> meta = opened->meta();
  const bool comparison = meta["kind"] == "compare";
  const auto policies = nlohmann::json::parse(meta["policies"].empty() ? "[]" : meta["policies"], nullptr, false);
  std::string arm;
  if (policies.is_array()) {
    for (const auto& p : policies) arm += (arm.empty() ? "" : "+") + p.get<std::string>();
  }
  if (arm.empty()) arm = "none";

  Document doc = new_document("scenario", meta["scenario_file"], path);
  auto scenario_rows = query(handle, path, "SELECT text FROM scenario");
  if (!scenario_rows) return scenario_rows.error();
  std::string horizon;
  std::optional<scenario::Scenario> scenario;
  if (!scenario_rows->empty()) {
    const std::string scenario_text = text(scenario_rows->front(), "text");
    doc["scenario_text"] = scenario_text;
    if (auto s = scenario::parse_scenario(scenario_text, meta["scenario_file"]); s.ok()) {
      scenario = *s;
      doc["title"] = s->name;
      doc["subtitle"] = s->description;
      horizon = to_string(s->calendar.horizon);
      std::vector<std::string> deadlines;
      for (const auto& d : s->deadlines) deadlines.push_back(to_string(d.date));
      doc["deadlines"] = deadlines;
      doc["policies"] = Document::array();
      for (const auto& p : s->policies) {
        doc["policies"].push_back({{"id", p.id}, {"description", p.description}, {"start", to_string(p.start)}});
      }
    }
  }
  for (const char* key : {"kind", "scenario_file", "scenario_hash", "seed", "runs", "chunk_size", "policies", "command",
                          "created", "detente_version"}) {
    if (meta.count(key) != 0) doc["settings"].push_back({{"name", key}, {"value", meta[key]}});
  }
  if (meta["complete"] != "1") {
    doc["subtitle"] =
        "INCOMPLETE ensemble (interrupted; finish it with --resume): " + doc["subtitle"].get<std::string>();
  }
  const std::size_t runs = meta.count("runs") != 0 ? std::stoul(meta["runs"]) : 0;
  doc["runs"] = runs;
  // A comparison's tables carry an arm column; an ensemble's rows all belong to its one arm.
  const std::string arm_column = comparison ? "arm" : "'" + arm + "' AS arm";
  const auto arm_of = [](const Row& row) { return text(row, "arm"); };
  doc["arms"] = Document::array();
  if (comparison) {
    auto arms = query(handle, path, "SELECT DISTINCT arm FROM events ORDER BY rowid");
    if (!arms) return arms.error();
    for (const auto& a : *arms) {
      doc["arms"].push_back({{"arm", arm_of(a)}, {"description", "policies: " + arm_of(a)}, {"runs", runs}});
    }
  } else {
    doc["arms"].push_back({{"arm", arm}, {"description", "policies: " + arm}, {"runs", runs}});
  }

  auto events =
      query(handle, path, "SELECT " + arm_column + ", name, runs, count, p, lo95, hi95 FROM events ORDER BY rowid");
  if (!events) return events.error();
  doc["outcomes"] = Document::array();
  doc["why_not"] = Document::array();
  for (const auto& e : *events) {
    const std::string name = text(e, "name");
    if (ensemble::is_diagnostic(name)) {  // events: closed.DATE.GATE or ended.DATE
      const bool ended = name[0] == 'e';
      const std::string date = ended ? name.substr(6) : name.substr(7, 10);
      const std::string gate = ended      ? "talks ended before that step"
                               : scenario ? ensemble::describe_gate(name.substr(18), *scenario)
                                          : name.substr(18);
      doc["why_not"].push_back({{"date", date}, {"arm", arm_of(e)}, {"gate", gate}, {"share", e.at("p")}});
      continue;
    }
    doc["outcomes"].push_back({{"event", event_title(name, horizon)},
                               {"arm", arm_of(e)},
                               {"p", e.at("p")},
                               {"lo", e.at("lo95")},
                               {"hi", e.at("hi95")},
                               {"successes", e.at("count")},
                               {"trials", e.at("runs")}});
  }
  auto quantities = query(
      handle, path, "SELECT " + arm_column + ", name, n, mean, q05, q25, q50, q75, q95 FROM quantities ORDER BY rowid");
  if (!quantities) return quantities.error();
  doc["quantities"] = Document::array();
  for (const auto& q : *quantities) {
    const std::string name = text(q, "name");
    if (ensemble::is_diagnostic(name)) continue;  // in the why-not table and `detente run`'s summary
    Document row = {{"quantity", name}, {"arm", arm_of(q)}};
    for (const char* key : {"n", "mean", "q05", "q25", "q50", "q75", "q95"}) row[key] = q.at(key);
    doc["quantities"].push_back(std::move(row));
  }
  auto bands = query(handle, path,
                     "SELECT " + arm_column + ", series, step, date, q05, q25, q50, q75, q95 FROM bands ORDER BY " +
                         (comparison ? "rowid" : "series, step"));
  if (!bands) return bands.error();
  doc["bands"] = Document::array();
  std::vector<std::string> dates;
  for (const auto& b : *bands) {
    Document row = {{"series", text(b, "series")}, {"arm", arm_of(b)}, {"date", text(b, "date")}};
    for (const char* key : {"q05", "q25", "q50", "q75", "q95"}) row[key] = b.at(key);
    const bool first_band = text(b, "series") == text(bands->front(), "series") && arm_of(b) == arm_of(bands->front());
    if (first_band) dates.push_back(text(b, "date"));
    doc["bands"].push_back(std::move(row));
  }
  if (comparison) {
    auto differences = query(handle, path, "SELECT * FROM event_differences ORDER BY rowid");
    if (!differences) return differences.error();
    doc["comparison"] = Document::array();
    for (const auto& d : *differences) {
      if (ensemble::is_diagnostic(text(d, "name"))) continue;
      doc["comparison"].push_back({{"event", event_title(text(d, "name"), horizon)},
                                   {"a", text(d, "first")},
                                   {"b", text(d, "second")},
                                   {"p_a", d.at("p_first")},
                                   {"p_b", d.at("p_second")},
                                   {"diff", d.at("difference")},
                                   {"lo", d.at("lo95")},
                                   {"hi", d.at("hi95")},
                                   {"only_a", d.at("only_first")},
                                   {"only_b", d.at("only_second")},
                                   {"pairs", runs},
                                   {"p_value", d.at("mcnemar_p")}});
    }
    return doc;
  }
  if (auto curve = curve_from_runs(handle, path, arm, dates)) doc["agreement_curve"] = std::move(*curve);
  return doc;
}

}  // namespace detente::report
