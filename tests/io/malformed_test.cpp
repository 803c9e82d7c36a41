// Every file under tests/data/malformed/{csv,decide,ktab}/ must be rejected
// with the message tests/data/malformed/cases.tsv expects for it: by the
// library (io::parse_stakeholders) and by the command line (exit status 2, one
// message on standard error naming the file, line and field, with a fix, and
// nothing on standard output).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "io/stakeholder_reader.h"
#include "test_support.h"

namespace detente {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::array<const char*, 3> kFormatDirectories = {"csv", "decide", "ktab"};

struct MalformedCase {
  std::string file;   // relative to tests/data/malformed/
  int line = 0;       // 0: the file as a whole
  std::string field;  // empty: none
  std::vector<std::string> phrases;
};

std::string corpus_path(const std::string& relative) { return testing::data_path("malformed/" + relative); }

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
  parts.push_back(text.substr(start));
  return parts;
}

// cases.tsv: file, line, field ('-' for none), phrases separated by " | ".
std::vector<MalformedCase> load_cases() {
  std::ifstream in(corpus_path("cases.tsv"));
  std::vector<MalformedCase> cases;
  std::string row;
  while (std::getline(in, row)) {
    if (row.empty() || row.front() == '#') continue;
    const auto columns = split(row, "\t");
    if (columns.size() != 4) {
      // Surfaces as a failing case instead of silently dropping the row.
      cases.push_back({.file = "cases.tsv: malformed row: " + row});
      continue;
    }
    cases.push_back({.file = columns[0],
                     .line = std::stoi(columns[1]),
                     .field = columns[2] == "-" ? "" : columns[2],
                     .phrases = split(columns[3], " | ")});
  }
  return cases;
}

std::string format_of(const std::string& relative) { return relative.substr(0, relative.find('/')); }

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(MalformedCorpus, EveryFileHasExactlyOneExpectationAndEveryExpectationAFile) {
  const auto cases = load_cases();
  ASSERT_FALSE(cases.empty()) << "no expectations read from " << corpus_path("cases.tsv");
  std::set<std::string> expected;
  for (const auto& c : cases) {
    EXPECT_TRUE(expected.insert(c.file).second) << c.file << " has two lines in cases.tsv";
    EXPECT_TRUE(fs::is_regular_file(corpus_path(c.file))) << "cases.tsv names " << c.file << ", which does not exist";
  }
  std::size_t files = 0;
  for (const char* directory : kFormatDirectories) {
    for (const auto& entry : fs::recursive_directory_iterator(corpus_path(directory))) {
      if (!entry.is_regular_file()) continue;
      ++files;
      const std::string relative = fs::relative(entry.path(), corpus_path("")).generic_string();
      EXPECT_TRUE(expected.contains(relative)) << relative << " has no expectation in cases.tsv";
    }
  }
  EXPECT_EQ(files, cases.size());
}

class MalformedInput : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedInput, LibraryRejectsItNamingLineFieldAndFix) {
  const MalformedCase& c = GetParam();
  const std::string path = corpus_path(c.file);
  auto format = io::parse_input_format(format_of(c.file));
  ASSERT_TRUE(format.ok()) << c.file;
  const auto result = io::parse_stakeholders(read_bytes(path), path, *format);
  ASSERT_FALSE(result.ok()) << c.file << " was accepted";
  const Error& error = result.error();
  EXPECT_EQ(error.file, path);
  EXPECT_EQ(error.line, c.line) << error.message();
  EXPECT_EQ(error.field, c.field) << error.message();
  EXPECT_FALSE(error.problem.empty());
  EXPECT_FALSE(error.fix.empty()) << error.message();
  for (const auto& phrase : c.phrases) EXPECT_THAT(error.message(), HasSubstr(phrase));
}

TEST_P(MalformedInput, CommandLineExitsWith2AndOneMessageOnStandardError) {
  const MalformedCase& c = GetParam();
  const std::string path = corpus_path(c.file);
  const auto run = testing::run_detente("forecast '" + path + "' --input-format " + format_of(c.file));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, StartsWith("detente: error: " + path + (c.line > 0 ? ":" + std::to_string(c.line) : "") + ": "));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << "expected one line:\n" << run.err;
  if (!c.field.empty()) {
    EXPECT_THAT(run.err, HasSubstr("field '" + c.field + "': "));
  }
  EXPECT_THAT(run.err, HasSubstr(". Fix: "));
  for (const auto& phrase : c.phrases) EXPECT_THAT(run.err, HasSubstr(phrase));
}

std::string case_name(const ::testing::TestParamInfo<MalformedCase>& info) {
  std::string name = info.param.file;
  for (auto& ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedInput, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
}  // namespace detente
