// Writers for an ensemble over a stakeholder table (detente forecast FILE --runs N): a table for
// people, JSON and tidy CSV, described in docs/output.md, "Ensembles over a stakeholder table".
#pragma once

#include <ostream>

#include "ensemble/table_summary.h"

namespace detente::output {

void write_table_ensemble_json(std::ostream& out, const ensemble::TableEnsembleSummary& summary);
// model,issue,statistic,threshold,value,lo95,hi95
void write_table_ensemble_csv(std::ostream& out, const ensemble::TableEnsembleSummary& summary);
void write_table_ensemble_table(std::ostream& out, const ensemble::TableEnsembleSummary& summary);

}  // namespace detente::output
