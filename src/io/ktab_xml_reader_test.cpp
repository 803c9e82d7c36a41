// KTAB's XML scenarios: what the schema allows loads (including what KTAB's
// own reader rejects), and every fault is named with its line, element and fix.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "io/stakeholder_reader.h"
#include "models/model.h"
#include "test_support.h"

namespace detente::io {
namespace {

std::string content_of(const std::string& relative) {
  std::ifstream in(testing::data_path(relative), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// smpExample.xml with Alice's first coordinate as it was before KTAB's commit
// 13ed507 (2017) emptied it.
std::string fixed_example() {
  return replaced(content_of("smp/smpExample.xml"), "<dCoord></dCoord>", "<dCoord>52.8</dCoord>");
}

std::string error_of(const std::string& xml) {
  const auto result = parse_stakeholders(xml, "case.xml");
  return result.ok() ? std::string("accepted") : result.error().message();
}

TEST(KtabXml, DetectedFromTheContent) {
  EXPECT_EQ(detect_format(content_of("smp/dummyData_3Dim.xml")), InputFormat::kKtabXml);
  EXPECT_EQ(detect_format("  <Scenario/>"), InputFormat::kKtabXml);
  EXPECT_EQ(parse_input_format("ktab-xml").value(), InputFormat::kKtabXml);
}

// KTAB's shipped dummyData_3Dim.xml has no <IdealAdjustment>, which the schema
// allows and KTAB's reader requires: detente loads it, and it is the same
// problem as dummyData_3Dim.csv.
TEST(KtabXml, LoadsKtabsDummyDataThatKtabRejects) {
  const auto xml = read_stakeholders(testing::data_path("smp/dummyData_3Dim.xml"));
  ASSERT_TRUE(xml.ok()) << xml.error().message();
  const auto csv = testing::load("smp/dummyData_3Dim.csv");
  ASSERT_EQ(xml->actors, csv.actors);
  ASSERT_EQ(xml->issues.size(), 3U);
  for (std::size_t d = 0; d < 3; ++d) {
    EXPECT_EQ(xml->issues[d].name, csv.issues[d].name);
    EXPECT_EQ(xml->issues[d].scale, (Scale{0.0, 100.0}));
    for (std::size_t s = 0; s < csv.issues[d].stakes.size(); ++s) {
      EXPECT_EQ(xml->issues[d].stakes[s].position, csv.issues[d].stakes[s].position);
      EXPECT_EQ(xml->issues[d].stakes[s].salience, csv.issues[d].stakes[s].salience);
      EXPECT_EQ(xml->issues[d].stakes[s].capability, csv.issues[d].stakes[s].capability);
    }
  }
  bool explained = false;
  for (const auto& note : xml->notes) explained = explained || note.find("IdealAdjustment") != std::string::npos;
  EXPECT_TRUE(explained);
  EXPECT_EQ(xml->options.at("seed"), "3707583219545544125");
  const auto from_xml = run_model("smp", *xml, {});
  const auto from_csv = run_model("smp", csv, {});
  ASSERT_TRUE(from_xml.ok() && from_csv.ok());
  EXPECT_EQ(from_xml->issues[2].rounds.back().positions, from_csv->issues[2].rounds.back().positions);
}

// KTAB's shipped smpExample.xml: Alice's first <dCoord> is empty (KTAB stops
// there too: "no text for the following xml element: dCoord").
TEST(KtabXml, ExplainsWhyKtabsSmpExampleFails) {
  const auto result = read_stakeholders(testing::data_path("smp/smpExample.xml"));
  ASSERT_FALSE(result.ok());
  const std::string message = result.error().message();
  EXPECT_EQ(result.error().line, 32);
  EXPECT_NE(message.find("actor 'Alice' <dCoord> 1 (dimension 'FirstDim')"), std::string::npos) << message;
  EXPECT_NE(message.find("<dCoord> is empty"), std::string::npos) << message;
}

TEST(KtabXml, ReadsModelParametersAndIdealAdjustments) {
  const auto problem = parse_stakeholders(fixed_example(), "smpExample.xml");
  ASSERT_TRUE(problem.ok()) << problem.error().message();
  EXPECT_EQ(problem->actors.size(), 5U);
  EXPECT_EQ(problem->options.at("pce_model"), "MarkovIncentive");
  EXPECT_EQ(problem->options.at("transitions"), "Stochastic");
  EXPECT_EQ(problem->options.at("voting_rule"), "PropCbc");
  EXPECT_EQ(problem->options.at("seed"), "3507583219545544127");
  ASSERT_EQ(problem->ideal_adjustments.size(), 6U);
  EXPECT_EQ(problem->actors[problem->ideal_adjustments[2].adjusting], "Bob");
  EXPECT_EQ(problem->actors[problem->ideal_adjustments[2].reference], "Alice");
  EXPECT_DOUBLE_EQ(problem->ideal_adjustments[2].rate, 0.07);
  const auto result = run_model("smp", *problem, {{"rounds", "10"}});
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->options.text("pce_model"), "MarkovIncentive");
  EXPECT_EQ(result->options.text("transitions"), "Stochastic");
}

TEST(KtabXml, AcceptsBothSpellingsOfKtabsNames) {
  for (const auto& [written, option] : {std::pair<std::string, std::string>{"Prop", "Proportional"},
                                        std::pair<std::string, std::string>{"Proportional", "Proportional"}}) {
    const auto problem = parse_stakeholders(
        replaced(fixed_example(), "<VotingRule>PropCbc</VotingRule>", "<VotingRule>" + written + "</VotingRule>"),
        "a.xml");
    ASSERT_TRUE(problem.ok()) << problem.error().message();
    EXPECT_EQ(problem->options.at("voting_rule"), option);
  }
  const auto no = parse_stakeholders(replaced(fixed_example(), "<BigRAdjust>OneThird", "<BigRAdjust>No"), "a.xml");
  ASSERT_TRUE(no.ok());
  EXPECT_EQ(no->options.at("big_r_adjust"), "None");
}

TEST(KtabXml, DecodesCharacterReferencesAndInfersDimensions) {
  std::string xml = replaced(content_of("smp/dummyData_3Dim.xml"), "<name>SActor-00</name>",
                             "<name>A&amp;B &#x263A;</name><!-- a comment -->");
  const auto dims_start = xml.find("<Dimensions>");
  const auto dims_end = xml.find("</Dimensions>") + std::string("</Dimensions>").size();
  xml.erase(dims_start, dims_end - dims_start);
  const auto problem = parse_stakeholders(xml, "a.xml");
  ASSERT_TRUE(problem.ok()) << problem.error().message();
  EXPECT_EQ(problem->actors[0], "A&B \xE2\x98\xBA");
  EXPECT_EQ(problem->issues[1].name, "Dimension 2");
}

struct BadCase {
  const char* what;
  const char* from;
  const char* to;
  int line;
  const char* expected;
};

class KtabXmlFaults : public ::testing::TestWithParam<BadCase> {};

TEST_P(KtabXmlFaults, NamesLineElementAndFix) {
  const BadCase& c = GetParam();
  const std::string message = error_of(replaced(fixed_example(), c.from, c.to));
  EXPECT_NE(message.find("case.xml:" + std::to_string(c.line) + ":"), std::string::npos) << c.what << ": " << message;
  EXPECT_NE(message.find(c.expected), std::string::npos) << c.what << ": " << message;
  EXPECT_NE(message.find("Fix: "), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KtabXmlFaults,
    ::testing::Values(
        BadCase{"mismatched tag", "</Position>\n      <Salience>\n        <dSal>32.3",
                "</Positio>\n      <Salience>\n        <dSal>32.3", 35,
                "closing tag </Positio> where <Position>, opened on line 31, is still open"},
        BadCase{"renamed opening tag", "<Scenario ", "<Scenery ", 150,
                "closing tag </Scenario> where <Scenery>, opened on line 2, is still open"},
        BadCase{"typo", "<capability>117.7</capability>", "<capabilty>117.7</capabilty>", 30,
                "<Actor> has no element <capabilty>"},
        BadCase{"not a number", "<dCoord>39.8</dCoord>", "<dCoord>3,98</dCoord>", 33,
                "holds '3,98', not a decimal number"},
        BadCase{"out of range", "<dCoord>39.8</dCoord>", "<dCoord>139.8</dCoord>", 33, "is 139.8, outside 0 to 100"},
        BadCase{"salience total", "<dSal>32.3</dSal>", "<dSal>72.3</dSal>", 36, "Alice's saliences sum to 108.1"},
        BadCase{"dimension count", "<dCoord>39.6</dCoord>", "", 31,
                "has 2 <dCoord> values, but 3 dimensions are named"},
        BadCase{"duplicate actor", "<name>Bob</name>", "<name>Alice</name>", 43,
                "a second actor is named 'Alice' (first on line 27)"},
        BadCase{"enumeration", "<PCEModel>MarkovIncentive</PCEModel>", "<PCEModel>Markov</PCEModel>", 9,
                "use one of: Conditional, MarkovIncentive, MarkovUniform"},
        BadCase{"missing parameter", "<BigRRange>Mid</BigRRange>", "", 7, "has no <BigRRange>"},
        BadCase{"unknown actor", "<referencePos>David</referencePos>", "<referencePos>Dave</referencePos>", 139,
                "names 'Dave', who is not among the actors"},
        BadCase{"rates above 1", "<adjust>0.07</adjust>", "<adjust>0.37</adjust>", 123,
                "Bob's ideal-adjustment rates sum to 1.12"},
        BadCase{"zero capability", "<capability>63.8</capability>", "<capability>0</capability>", 94,
                "capability is 0"},
        BadCase{"seed", "<prngSeed>03507583219545544127</prngSeed>", "<prngSeed>0x35</prngSeed>", 5,
                "KTAB's seed is a whole number"},
        BadCase{"ampersand", "<desc>A very simple", "<desc>A & very simple", 4,
                "'&' that does not start a character reference"},
        BadCase{"doctype", "<Scenario ", "<!DOCTYPE x>\n<Scenario ", 2, "document type declaration"},
        BadCase{"unclosed", "</Scenario>", "", 2, "element <Scenario> is never closed"}),
    [](const ::testing::TestParamInfo<BadCase>& param) {
      std::string name = param.param.what;
      for (auto& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(KtabXml, RejectsBrokenFiles) {
  const auto empty = parse_ktab_xml("", "case.xml");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message().find("no XML element"), std::string::npos);
  EXPECT_NE(error_of("<Scenario>\n\xff\xfe</Scenario>").find("case.xml:2"), std::string::npos);
  EXPECT_NE(error_of("<Scenario><name>x</name><desc/><prngSeed>1</prngSeed><Dimensions><dName>d</dName></"
                     "Dimensions><Actors/></Scenario>")
                .find("lists 0 actors; KTAB's schema requires at least 3"),
            std::string::npos);
  EXPECT_NE(error_of("<Scenario></Scenario><Scenario/>").find("second top-level element"), std::string::npos);
  EXPECT_NE(error_of("<?xml version=\"1.0\"?>\n<Scene><name>x</name></Scene>")
                .find("case.xml:2: field '<Scene>': the root element is <Scene>"),
            std::string::npos);
}

}  // namespace
}  // namespace detente::io
