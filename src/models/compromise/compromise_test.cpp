// Published values: EC10 (Bueno de Mesquita 1994, via Scholz et al. 2011) and
// Greece 2015, in tests/data/bargaining/README.md.
#include <gtest/gtest.h>

#include "models/model.h"
#include "test_support.h"

namespace detente {
namespace {

double forecast(const std::string& model, const std::string& file) {
  auto result = run_model(model, testing::load(file), {});
  EXPECT_TRUE(result.ok());
  return result->issues.at(0).forecast;
}

TEST(Compromise, Ec10WeightedMean) { EXPECT_NEAR(forecast("compromise", "bargaining/ec10.csv"), 7.389956, 5e-7); }

TEST(Compromise, Ec10SalienceOn100ScaleGivesTheSameMean) {
  EXPECT_NEAR(forecast("compromise", "bargaining/ec10-salience100.csv"), 7.389956, 5e-7);
}

TEST(Compromise, Greece2015) { EXPECT_NEAR(forecast("compromise", "bargaining/greece2015.csv"), 82.22, 5e-3); }

TEST(Median, Ec10WeightedMedian) { EXPECT_DOUBLE_EQ(forecast("median", "bargaining/ec10.csv"), 7.0); }

TEST(Median, Greece2015) { EXPECT_DOUBLE_EQ(forecast("median", "bargaining/greece2015.csv"), 100.0); }

}  // namespace
}  // namespace detente
