// The low-level text functions the readers share: numbers, fields, lines and
// how input text is shown in messages.
#include "io/text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace detente::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReadNumber, AcceptsPlainDecimalNumbers) {
  EXPECT_EQ(read_number("40").value, 40.0);
  EXPECT_EQ(read_number(" -0.5 ").value, -0.5);
  EXPECT_EQ(read_number("+3").value, 3.0);
  EXPECT_EQ(read_number("1e3").value, 1000.0);
  EXPECT_EQ(read_number(".5").value, 0.5);
  EXPECT_EQ(read_number("1e15").value, 1e15);
  EXPECT_EQ(read_number("-1e15").problem, NumberProblem::kNone);
}

TEST(ReadNumber, ClassifiesWhatIsWrong) {
  EXPECT_EQ(read_number("").problem, NumberProblem::kEmpty);
  EXPECT_EQ(read_number("   ").problem, NumberProblem::kEmpty);
  EXPECT_EQ(read_number("0x10").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("+-3").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("++3").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("+").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("1e").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("80%").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("1,000,000").problem, NumberProblem::kNotANumber);
  EXPECT_EQ(read_number("0,5").problem, NumberProblem::kDecimalComma);
  EXPECT_EQ(read_number("-12,25").problem, NumberProblem::kDecimalComma);
  EXPECT_EQ(read_number("nan").problem, NumberProblem::kNotFinite);
  EXPECT_EQ(read_number("-Infinity").problem, NumberProblem::kNotFinite);
  EXPECT_EQ(read_number("1e400").problem, NumberProblem::kOutOfRange);
  EXPECT_EQ(read_number("1e-400").problem, NumberProblem::kOutOfRange);
  EXPECT_EQ(read_number("1.0000001e15").problem, NumberProblem::kOutOfRange);
  EXPECT_EQ(read_number(std::string(400, '9') + "x").problem, NumberProblem::kNotANumber);
  EXPECT_FALSE(parse_number("1e300").has_value());  // callers may cast any parsed number to long long
}

TEST(SplitRecord, HonoursQuotesAndTrimsUnquotedFields) {
  const Line line{1, R"( a , "b, c" ,"say ""hi""",,  "  kept  " )"};
  auto fields = split_record("f", line, ',');
  ASSERT_TRUE(fields.ok()) << fields.error().message();
  EXPECT_THAT(*fields, ElementsAre("a", "b, c", "say \"hi\"", "", "  kept  "));
}

TEST(SplitRecord, TabSeparatorAndSingleQuotes) {
  auto fields = split_record("f", {1, "'#D'\t'A 1'\t20\t''"}, '\t', '\'');
  ASSERT_TRUE(fields.ok());
  EXPECT_THAT(*fields, ElementsAre("#D", "A 1", "20", ""));
}

TEST(SplitRecord, UnterminatedQuoteNamesTheColumnWhereItOpened) {
  const std::vector<std::string> names = {"Actor", "Capability"};
  auto fields = split_record("f.csv", {7, R"(x,"abc)"}, ',', '"', names);
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error().line, 7);
  EXPECT_EQ(fields.error().field, "Capability");
  EXPECT_THAT(fields.error().problem, HasSubstr("opened at byte column 3 is never closed"));
}

TEST(SplitRecord, TextAfterClosingQuoteIsAnErrorButSpacesAreNot) {
  EXPECT_TRUE(split_record("f", {1, R"("a"  ,b)"}, ',').ok());
  auto fields = split_record("f", {1, R"(a,"b"c)"}, ',');
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.error().field, "column 2");
  EXPECT_THAT(fields.error().problem, HasSubstr("byte column 6"));
}

TEST(SplitFields, StaysLenientForFormatDetection) {
  EXPECT_THAT(split_fields(R"("a"b,"c)", ','), ElementsAre("ab", "c"));
}

TEST(SplitRecord, VeryLongLinesAndManyFields) {
  const std::string long_field(1 << 20, 'x');
  auto one = split_record("f", {1, long_field + ",1"}, ',');
  ASSERT_TRUE(one.ok());
  EXPECT_EQ((*one)[0].size(), long_field.size());
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "1,";
  auto fields = split_record("f", {1, many}, ',');
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->size(), 100001U);
}

TEST(SplitLines, NumbersLinesForEveryLineEnding) {
  auto lines = split_lines("f",
                           "\xEF\xBB\xBF"
                           "a\r\nb\rc\n\nd");
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 5U);
  EXPECT_EQ((*lines)[0].text, "a");
  EXPECT_EQ((*lines)[1].text, "b");
  EXPECT_EQ((*lines)[2].text, "c");
  EXPECT_EQ((*lines)[3].text, "");
  EXPECT_EQ((*lines)[4].number, 5);
  EXPECT_EQ((*lines)[4].text, "d");
}

TEST(SplitLines, AcceptsEveryKindOfUtf8Character) {
  // 2-, 3- and 4-byte characters: é, €, the last code point below the surrogates, 😀, U+10FFFF.
  EXPECT_TRUE(split_lines("f", "\xC3\xA9 \xE2\x82\xAC \xED\x9F\xBF \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF").ok());
}

TEST(SplitLines, RejectsEveryKindOfInvalidUtf8) {
  for (const std::string bad : {"\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80",
                                "\xFF", "\xE2\x82", "\xF0\x9F\x98"}) {
    auto lines = split_lines("f", "ok\nab" + bad);
    ASSERT_FALSE(lines.ok()) << "accepted bytes of length " << bad.size();
    EXPECT_EQ(lines.error().line, 2);
    EXPECT_THAT(lines.error().problem, HasSubstr("at byte column 3"));
  }
}

TEST(InQuotes, CutsLongTextAtACharacterBoundaryAndEscapesControlCharacters) {
  EXPECT_EQ(in_quotes("abc"), "'abc'");
  EXPECT_EQ(in_quotes("a\tb\x01"), "'a\\tb\\x01'");
  const std::string long_text = std::string(39, 'a') + "\xC3\xA9" + "zzz";  // é straddles character 40
  EXPECT_EQ(in_quotes(long_text), "'" + std::string(39, 'a') + "...'");
}

TEST(FormatNumber, ShortestExactForm) {
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(150.0), "150");
  EXPECT_EQ(format_number(-0.16), "-0.16");
  EXPECT_EQ(format_number(1e15), "1e+15");
}

}  // namespace
}  // namespace detente::io
