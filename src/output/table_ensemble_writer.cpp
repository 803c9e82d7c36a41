#include "output/table_ensemble_writer.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace detente::output {
namespace {

using ensemble::IssueSummary;
using ensemble::kForecastQuantileNames;
using ensemble::ProbabilityEstimate;
using ensemble::TableEnsembleSummary;
using nlohmann::ordered_json;

// Options are kept as text; numbers and booleans are echoed as such (as in forecast_writer.cpp).
ordered_json option_value(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) {
    if (text.find_first_of(".eE") == std::string::npos) return static_cast<long long>(v);
    return v;
  }
  return text;
}

ordered_json number_or_null(double x) { return std::isnan(x) ? ordered_json(nullptr) : ordered_json(x); }

ordered_json estimate_json(const ProbabilityEstimate& e) {
  return {{"count", e.count}, {"runs", e.runs}, {"p", e.p}, {"lo95", e.lo95}, {"hi95", e.hi95}};
}

ordered_json issue_json(const IssueSummary& issue) {
  ordered_json quantiles = ordered_json::object();
  for (std::size_t q = 0; q < issue.quantiles.size(); ++q) quantiles[kForecastQuantileNames[q]] = issue.quantiles[q];
  ordered_json thresholds = ordered_json::array();
  for (const auto& t : issue.thresholds) {
    thresholds.push_back({{"value", t.value}, {"above", estimate_json(t.above)}, {"below", estimate_json(t.below)}});
  }
  return {{"issue", issue.issue},
          {"scale", {issue.scale.lo, issue.scale.hi}},
          {"base", number_or_null(issue.base)},
          {"runs", issue.runs},
          {"mean", issue.mean},
          {"sd", issue.sd},
          {"min", issue.min},
          {"max", issue.max},
          {"quantiles", quantiles},
          {"thresholds", thresholds}};
}

std::string csv_quote(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string num(double x) { return std::isnan(x) ? "" : fmt::format("{}", x); }
std::string fixed(double x) { return std::isnan(x) ? "-" : fmt::format("{:.4f}", x); }
std::string probability(const ProbabilityEstimate& e) {
  return fmt::format("{:.3f} [{:.3f}, {:.3f}]", e.p, e.lo95, e.hi95);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

void write_table_ensemble_json(std::ostream& out, const TableEnsembleSummary& summary) {
  ordered_json models = ordered_json::array();
  for (const auto& model : summary.models) {
    ordered_json options = ordered_json::object();
    for (const auto& [name, value] : model.options) options[name] = option_value(value);
    ordered_json issues = ordered_json::array();
    for (const auto& issue : model.issues) issues.push_back(issue_json(issue));
    models.push_back({{"model", model.model}, {"options", options}, {"issues", issues}});
  }
  const ordered_json all = {{"ensemble",
                             {{"file", summary.file},
                              {"runs", summary.runs},
                              {"seed", summary.seed},
                              {"perturb", summary.perturb},
                              {"companion_columns", summary.companion_columns},
                              {"input_notes", summary.input_notes}}},
                            {"models", models}};
  out << all.dump(2) << '\n';
}

void write_table_ensemble_csv(std::ostream& out, const TableEnsembleSummary& summary) {
  out << "model,issue,statistic,threshold,value,lo95,hi95\n";
  for (const auto& model : summary.models) {
    for (const auto& issue : model.issues) {
      const std::string prefix = csv_quote(model.model) + "," + csv_quote(issue.issue) + ",";
      const auto row = [&](const std::string& statistic, double value) {
        out << prefix << statistic << ",," << num(value) << ",,\n";
      };
      row("base", issue.base);
      row("runs", static_cast<double>(issue.runs));
      row("mean", issue.mean);
      row("sd", issue.sd);
      row("min", issue.min);
      for (std::size_t q = 0; q < issue.quantiles.size(); ++q) row(kForecastQuantileNames[q], issue.quantiles[q]);
      row("max", issue.max);
      for (const auto& t : issue.thresholds) {
        for (const auto& [name, e] : {std::pair{"p_above", &t.above}, std::pair{"p_below", &t.below}}) {
          out << prefix << name << "," << num(t.value) << "," << num(e->p) << "," << num(e->lo95) << "," << num(e->hi95)
              << "\n";
        }
      }
    }
  }
}

void write_table_ensemble_table(std::ostream& out, const TableEnsembleSummary& summary) {
  fmt::print(out, "Ensemble over {}: {} runs, seed {}\n", summary.file, summary.runs, summary.seed);
  fmt::print(out, "  perturbed by: {}\n",
             summary.perturb.empty() && summary.companion_columns.empty()
                 ? std::string("nothing (no --perturb and no uncertainty columns): every run is the table as written")
                 : joined(summary.perturb) +
                       (summary.perturb.empty() || summary.companion_columns.empty() ? "" : "; ") +
                       (summary.companion_columns.empty()
                            ? ""
                            : "the table's " + joined(summary.companion_columns) + " (normal noise)"));
  for (const auto& note : summary.input_notes) fmt::print(out, "  note: {}\n", note);
  if (summary.models.empty()) return;
  const std::size_t issues = summary.models.front().issues.size();
  for (std::size_t i = 0; i < issues; ++i) {
    const IssueSummary& first = summary.models.front().issues[i];
    fmt::print(out, "\nIssue '{}' on [{:g}, {:g}]: the forecast over the runs\n", first.issue, first.scale.lo,
               first.scale.hi);
    fmt::print(out, "  {:<12} {:>10} {:>10} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "model", "as written", "mean",
               "sd", "5%", "25%", "50%", "75%", "95%");
    for (const auto& model : summary.models) {
      const IssueSummary& s = model.issues[i];
      fmt::print(out, "  {:<12} {:>10} {:>10} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10}\n", model.model, fixed(s.base),
                 fixed(s.mean), fixed(s.sd), fixed(s.quantiles[0]), fixed(s.quantiles[1]), fixed(s.quantiles[2]),
                 fixed(s.quantiles[3]), fixed(s.quantiles[4]));
    }
    for (std::size_t t = 0; t < first.thresholds.size(); ++t) {
      fmt::print(out, "  threshold {:g}: probability (Wilson 95% interval) that the forecast is\n",
                 first.thresholds[t].value);
      fmt::print(out, "  {:<12} {:>26} {:>26}\n", "model", "above", "below");
      for (const auto& model : summary.models) {
        const auto& s = model.issues[i].thresholds[t];
        fmt::print(out, "  {:<12} {:>26} {:>26}\n", model.model, probability(s.above), probability(s.below));
      }
    }
  }
  fmt::print(out,
             "\nQuantiles within 0.5% (relative) of the sample quantile; 'as written' is the forecast on the "
             "unperturbed table.\n");
}

}  // namespace detente::output
