// Opening a detente database (SQLite): the one way every writer and reader gets at its file
// (docs/results.md, "Opening a database"). A new file is claimed atomically (never overwritten);
// an existing one is checked before anything reads it: that it is SQLite at all, that it passes
// SQLite's PRAGMA quick_check, that detente wrote it (a meta table with schema_version 1) and that
// it is of the kind the command needs (meta.kind). Each failure is an Error naming the file, what
// is wrong and the fix. A writer that continues a database takes its write lock first, so a second
// process on the same file is refused at once instead of failing midway.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

struct sqlite3;

namespace detente::results {

// meta.kind of a scenario ensemble (detente run --out), whose meta has no kind key.
inline constexpr const char* kEnsembleKind = "ensemble";

enum class Access { kReadOnly, kReadWrite };

// What a command needs of an existing database, and what its messages say.
struct Expectation {
  std::vector<std::string> kinds;  // the meta.kind values it accepts; empty: any detente database
  std::string field;               // the option or argument that named the file ("--out", "DATABASE")
  std::string fix;                 // how to get a database the command can use
};

class Database {
 public:
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] sqlite3* handle() const { return db_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  // The meta table as read on opening (empty for a new database).
  [[nodiscard]] const std::map<std::string, std::string>& meta() const { return meta_; }
  // meta.kind, or kEnsembleKind when there is none.
  [[nodiscard]] std::string kind() const;

  // Takes the write lock for this process: a row of the lock table naming the process, written in
  // one immediate transaction. Refused at once, with the holder's pid and command, while another
  // detente process that holds it is alive; a lock left by a process that died (kill -9) is taken
  // over. Released when the Database is destroyed.
  [[nodiscard]] Result<bool> lock(const std::string& command);

  // An Error about this database with SQLite's last message appended.
  [[nodiscard]] Error failure(const std::string& what, const std::string& field, const std::string& fix) const;

 private:
  friend Result<Database> create_database(const std::string&, const std::string&, const std::string&);
  friend Result<Database> open_database(const std::string&, Access, const Expectation&);
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void release_lock();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, std::string> meta_;
  bool locked_ = false;
};

// A new, empty database at `path`, created with O_EXCL so that of two processes only one gets it.
// An existing file is refused (field, and `exists_fix` as the fix).
[[nodiscard]] Result<Database> create_database(const std::string& path, const std::string& field,
                                               const std::string& exists_fix);

// An existing detente database, checked as described above.
[[nodiscard]] Result<Database> open_database(const std::string& path, Access access, const Expectation& expect);

// FNV-1a, 64 bits, as 16 hex digits: identifies a scenario's or table's text (not cryptographic).
[[nodiscard]] std::string text_hash(const std::string& text);

}  // namespace detente::results
