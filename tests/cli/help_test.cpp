// `detente --help` and `detente forecast --help` must be enough for a new
// user: they name every input format with its layout, every output format,
// every command-line option the sources declare, every registered model with
// each of its options, and their examples run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "models/model.h"
#include "test_support.h"

namespace detente {
namespace {

using ::testing::HasSubstr;

std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(DETENTE_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The option names a CLI source file declares: "-m,--model" gives "--model", "FILE" gives "FILE".
std::vector<std::string> declared_options(const std::string& source) {
  std::vector<std::string> names;
  const std::regex declaration(R"re((add_option|add_flag|set_version_flag)\(\s*"([^"]+)")re");
  for (auto it = std::sregex_iterator(source.begin(), source.end(), declaration); it != std::sregex_iterator(); ++it) {
    std::string spelled = (*it)[2];
    std::string chosen;
    std::stringstream parts(spelled);
    for (std::string part; std::getline(parts, part, ',');) {
      if (part.starts_with("--") || chosen.empty()) chosen = part;
    }
    names.push_back(chosen);
  }
  return names;
}

// Runs of spaces and line breaks as one space, so that a phrase may wrap.
std::string flat(const std::string& text) { return std::regex_replace(text, std::regex(R"(\s+)"), " "); }

const testing::CommandOutput& top_help() {
  static const auto run = testing::run_detente("--help");
  return run;
}
const testing::CommandOutput& forecast_help() {
  static const auto run = testing::run_detente("forecast --help");
  return run;
}

// The formats the issue asks for (issue 2, "Inputs" and "Output contract").
const std::vector<std::string> kInputFormats = {"csv", "decide", "ktab"};
const std::vector<std::string> kOutputFormats = {"table", "csv", "json"};

TEST(Help, BothHelpTextsExitWith0AndWriteToStandardOutput) {
  EXPECT_EQ(top_help().exit_code, 0) << top_help().err;
  EXPECT_EQ(forecast_help().exit_code, 0) << forecast_help().err;
  EXPECT_THAT(top_help().out, HasSubstr("Usage: detente"));
  EXPECT_THAT(forecast_help().out, HasSubstr("Usage: detente forecast"));
}

TEST(Help, BothNameEveryInputFormatWithItsLayout) {
  for (const auto& format : kInputFormats) {
    EXPECT_THAT(top_help().out, HasSubstr("\n  " + format + " ")) << format;
    EXPECT_THAT(forecast_help().out, HasSubstr("\n  " + format + " ")) << format;
  }
  // CSV: every column name and alias the issue lists.
  for (const char* column : {"Actor", "Stakeholder", "Name", "Capability", "Clout", "Influence", "Power", "Resources",
                             "Position", "Salience", "Issue"}) {
    EXPECT_THAT(forecast_help().out, HasSubstr(column)) << column;
  }
  EXPECT_THAT(flat(forecast_help().out), HasSubstr("0-1, or 0-100 if any value is above 1"));
  for (const char* tag : {"'#A'", "'#P'", "'#M'", "'#D'"}) EXPECT_THAT(forecast_help().out, HasSubstr(tag)) << tag;
  EXPECT_THAT(flat(forecast_help().out), HasSubstr("number of actors, number of dimensions"));
}

TEST(Help, BothNameEveryOutputFormat) {
  const std::string forecast_output = forecast_help().out.substr(forecast_help().out.find("Output (--format)"));
  for (const auto& format : kOutputFormats) {
    EXPECT_THAT(top_help().out, HasSubstr(format)) << format;
    EXPECT_THAT(forecast_output, HasSubstr("\n  " + format + " ")) << format;
  }
  EXPECT_THAT(forecast_help().out, HasSubstr("model,issue,round,kind,actor,value"));
}

TEST(Help, EveryDeclaredOptionIsListed) {
  const auto forecast_options = declared_options(source_file("src/cli/forecast_command.cpp"));
  ASSERT_GE(forecast_options.size(), 9U) << "the option declarations were not found in forecast_command.cpp";
  for (const auto& option : forecast_options) EXPECT_THAT(forecast_help().out, HasSubstr(option)) << option;
  const auto top_options = declared_options(source_file("src/cli/main.cpp"));
  ASSERT_FALSE(top_options.empty());
  for (const auto& option : top_options) EXPECT_THAT(top_help().out, HasSubstr(option)) << option;
  for (const char* command : {"forecast", "models"}) EXPECT_THAT(top_help().out, HasSubstr(command));
}

TEST(Help, ForecastListsEveryModelAndEachOfItsOptions) {
  const auto& models = ModelRegistry::instance().all();
  ASSERT_FALSE(models.empty());
  for (const auto& [name, info] : models) {
    EXPECT_THAT(forecast_help().out, HasSubstr("\n  " + name + " ")) << name;
    for (const auto& param : info.params) {
      EXPECT_THAT(forecast_help().out, HasSubstr("-O " + param.name + "=" + param.default_value)) << name;
      for (const auto& choice : param.choices) EXPECT_THAT(forecast_help().out, HasSubstr(choice)) << param.name;
    }
  }
}

TEST(Help, BothExplainTheExitStatus) {
  for (const auto* help : {&top_help(), &forecast_help()}) {
    EXPECT_THAT(flat(help->out), HasSubstr("Exit status: 0 success; 2 bad input"));
    EXPECT_THAT(flat(help->out), HasSubstr("names the file, line and field"));
    EXPECT_THAT(flat(help->out), HasSubstr("1 internal error"));
  }
}

// Every example in the help whose models are registered runs as printed (from the repository's top).
TEST(Help, ExamplesRun) {
  std::vector<std::string> examples;
  for (const auto* help : {&top_help(), &forecast_help()}) {
    std::stringstream lines(help->out);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("  detente forecast examples/")) examples.push_back(line.substr(2));
    }
  }
  ASSERT_GE(examples.size(), 3U);
  std::size_t ran = 0;
  for (std::string example : examples) {
    example = example.substr(0, example.find("  "));  // drop the explanation
    example = example.substr(0, example.find(" >"));  // and any redirection
    const std::regex model(R"(--model (\S+))");
    std::smatch match;
    if (std::regex_search(example, match, model) && ModelRegistry::instance().find(match[1]) == nullptr) continue;
    const std::string args =
        std::regex_replace(example, std::regex("examples/"), std::string(DETENTE_SOURCE_DIR) + "/examples/");
    const auto run = testing::run_detente(args.substr(std::string("detente ").size()));
    EXPECT_EQ(run.exit_code, 0) << example << "\n" << run.err;
    EXPECT_FALSE(run.out.empty()) << example;
    ++ran;
  }
  EXPECT_GE(ran, 2U);
}

}  // namespace
}  // namespace detente
