// `detente --help` and `detente forecast --help` must be enough for a new
// user: they name every input format with its layout, every output format,
// every command-line option the sources declare, every registered model with
// each of its options, and their examples run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
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
  for (const std::string call : {"add_option(", "add_flag(", "set_version_flag("}) {
    for (auto at = source.find(call); at != std::string::npos; at = source.find(call, at + 1)) {
      const auto open = source.find_first_not_of(" \n", at + call.size());
      if (open == std::string::npos || source[open] != '"') continue;
      const auto close = source.find('"', open + 1);
      std::stringstream parts(source.substr(open + 1, close - open - 1));
      std::string chosen;
      for (std::string part; std::getline(parts, part, ',');) {
        if (part.starts_with("--") || chosen.empty()) chosen = part;
      }
      names.push_back(chosen);
    }
  }
  return names;
}

// Runs of spaces and line breaks as one space, so that a phrase may wrap.
std::string flat(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (!space) {
      out += c;
    } else if (out.empty() || out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

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
    if (const auto model = example.find("--model "); model != std::string::npos) {
      const auto name_start = model + std::string("--model ").size();
      const std::string name = example.substr(name_start, example.find(' ', name_start) - name_start);
      if (ModelRegistry::instance().find(name) == nullptr) continue;  // a model not in this build
    }
    const std::string args = replace_all(example, "examples/", std::string(DETENTE_SOURCE_DIR) + "/examples/");
    const auto run = testing::run_detente(args.substr(std::string("detente ").size()));
    EXPECT_EQ(run.exit_code, 0) << example << "\n" << run.err;
    EXPECT_FALSE(run.out.empty()) << example;
    ++ran;
  }
  EXPECT_GE(ran, 2U);
}

}  // namespace
}  // namespace detente
