#include "report/results_db.h"

#include <sqlite3.h>

#include <memory>
#include <vector>

namespace detente::report {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

std::vector<std::string> table_names(sqlite3* db) {
  std::vector<std::string> names;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &raw, nullptr) !=
      SQLITE_OK) {
    return names;
  }
  while (sqlite3_step(raw) == SQLITE_ROW)
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0)));
  sqlite3_finalize(raw);
  return names;
}

}  // namespace

Result<Document> results_document(const std::string& path) {
  sqlite3* raw = nullptr;
  const int status = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw);
  if (status != SQLITE_OK) {
    return Error{.file = path,
                 .problem = std::string("cannot open the results database: ") + sqlite3_errmsg(raw),
                 .fix = "check the path; the file must be a database written by 'detente run --runs N --out FILE'"};
  }
  std::string tables;
  for (const auto& name : table_names(db.get())) tables += (tables.empty() ? "" : ", ") + name;
  return Error{
      .file = path,
      .field = "results database",
      .problem =
          "this detente cannot read results databases yet (tables found: " + (tables.empty() ? "none" : tables) + ")",
      .fix = "report on the scenario directly: 'detente report SCENARIO.toml --runs N --policy NAME -o report.html'"};
}

}  // namespace detente::report
