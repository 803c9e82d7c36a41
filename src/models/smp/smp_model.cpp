// KTAB's Spatial Model of Politics (SMP): every issue of the problem is one
// dimension of a joint policy space. Actors challenge one another, bargain
// by interpolation, and adopt the bargain that a probabilistic Condorcet
// election favours; risk attitudes are re-estimated every turn; the run stops
// by KTAB's rule (SMPModel::configExec, smpStopFn). Written from KTAB's
// source (KAPSARC, MIT licence: examples/smp/libsrc/smp.cpp, smpbcn.cpp,
// KTAB/kmodel/libsrc/kmodel.cpp); the code here is detente's own.
#include "models/model.h"
#include "models/smp/smp_options.h"
#include "models/smp/smp_run.h"

namespace detente {
namespace {

Result<ForecastResult> run_smp(const StakeholderProblem& problem, const ModelOptions& options) {
  auto settings = smp::read_settings(options);
  if (!settings) return settings.error();
  return smp::forecast(problem, *settings);
}

ModelInfo smp_info() {
  return ModelInfo{
      .name = "smp",
      .title =
          "Spatial Model of Politics (KTAB): challenges, interpolated bargains and probabilistic Condorcet "
          "elections over all issues jointly; probabilities of each position prevailing",
      .citation =
          "Wise et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), Spatial Model of Politics "
          "(examples/smp, 2015-2019); \"Multidimensional Bargaining Using KTAB\", KAPSARC (2016)",
      .params = smp::parameters(),
      .run = run_smp,
  };
}

}  // namespace
}  // namespace detente

DETENTE_REGISTER_MODEL(detente::smp_info)
