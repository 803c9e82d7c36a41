#include "results/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include "results/sqlite_statement.h"

namespace detente::results {
namespace {

using sqlite::column_text;
using sqlite::exec;
using sqlite::now_utc;
using sqlite::Statement;

constexpr const char* kSchemaVersion = "1";
// The file format's first 16 bytes (https://www.sqlite.org/fileformat2.html, section 1.3.1).
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr std::size_t kHeaderBytes = 100;
constexpr const char* kLockSchema =
    "CREATE TABLE IF NOT EXISTS lock(id INTEGER PRIMARY KEY CHECK (id = 0), pid INTEGER NOT NULL, host TEXT NOT "
    "NULL, command TEXT NOT NULL, since TEXT NOT NULL)";

sqlite3* open_handle(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    return db;
  }
  sqlite3_close(db);
  return nullptr;
}

std::uint32_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8U) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The first bytes of a file that is not SQLite, printable, for the message.
std::string shown(std::string_view head) {
  std::string out;
  for (const char c : head.substr(0, 16)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '.';
  return out;
}

// Checks the file itself before SQLite sees it: present, not empty, SQLite's magic, and as long as
// its header says (fileformat2.html 1.3: page size at offset 16, page count at 28, valid when the
// change counter at 24 equals the version-valid-for number at 92).
std::optional<Error> check_file(const std::string& path, const Expectation& expect) {
  const Error base{.file = path, .field = expect.field, .fix = expect.fix};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    Error e = base;
    e.problem = "no such file";
    e.fix = "check the path";
    return e;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    Error e = base;
    e.problem = "not a file";
    return e;
  }
  const auto size = std::filesystem::file_size(path, ec);
  std::string head(kHeaderBytes, '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  Error e = base;
  const std::string cut_short =
      "the copy was cut short or the disk is damaged: copy the database again, or rerun the command that made it "
      "with a new --out";
  if (size == 0) {
    e.problem = "the file is empty, not a detente database";
  } else if (head.rfind(kSqliteMagic, 0) != 0) {
    e.problem = "not an SQLite database (a detente database starts with 'SQLite format 3'; this file starts with '" +
                shown(head) + "')";
  } else if (head.size() < kHeaderBytes) {
    e.problem = "the file is truncated: " + std::to_string(size) + " bytes, shorter than SQLite's 100-byte header";
    e.fix = cut_short;
  } else {
    const std::uint32_t page = big_endian(head, 16, 2) == 1 ? 65536U : big_endian(head, 16, 2);
    const std::uint32_t pages = big_endian(head, 28, 4);
    const bool counted = pages > 0 && big_endian(head, 24, 4) == big_endian(head, 92, 4);
    const auto expected = static_cast<std::uintmax_t>(page) * pages;
    if (!counted || size >= expected) return std::nullopt;
    e.problem = "the file is truncated: its header counts " + std::to_string(pages) + " pages of " +
                std::to_string(page) + " bytes (" + std::to_string(expected) + " bytes), the file has " +
                std::to_string(size);
    e.fix = cut_short;
  }
  return e;
}

// PRAGMA quick_check: SQLite's check of every page's structure (https://www.sqlite.org/pragma.html#pragma_quick_check).
std::optional<std::string> integrity_problem(sqlite3* db) {
  Statement check(db, "PRAGMA quick_check(1)");
  if (!check.ok()) return std::string(sqlite3_errmsg(db));
  const int rc = check.step();
  if (rc != SQLITE_ROW) return std::string(sqlite3_errmsg(db));
  std::string first = column_text(check.get(), 0);
  if (first == "ok") return std::nullopt;
  // One line: SQLite prefixes "*** in database main ***" and a newline.
  if (const auto prefix = first.find("***\n"); first.rfind("*** in database", 0) == 0 && prefix != std::string::npos) {
    first.erase(0, prefix + 4);
  }
  std::replace(first.begin(), first.end(), '\n', ' ');
  return first;
}

std::vector<std::string> table_names(sqlite3* db) {
  std::vector<std::string> names;
  Statement select(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (select.ok() && select.step() == SQLITE_ROW) names.push_back(column_text(select.get(), 0));
  return names;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// The meta table, or why this SQLite database is not one detente wrote.
Result<std::map<std::string, std::string>> read_meta(sqlite3* db, const Error& base) {
  const auto tables = table_names(db);
  Error e = base;
  if (std::find(tables.begin(), tables.end(), "meta") == tables.end()) {
    e.problem = "an SQLite database, but not one detente wrote (it has no meta table; its tables: " +
                (tables.empty() ? std::string("none") : joined(tables, ", ")) + ")";
    return e;
  }
  std::map<std::string, std::string> meta;
  Statement select(db, "SELECT key, value FROM meta");
  if (!select.ok()) {
    e.problem = "an SQLite database, but not one detente wrote (its meta table has no key and value columns)";
    return e;
  }
  while (select.step() == SQLITE_ROW) meta[column_text(select.get(), 0)] = column_text(select.get(), 1);
  if (!meta.contains("schema_version")) {
    e.problem = "an SQLite database, but not one detente wrote (its meta table has no schema_version)";
    return e;
  }
  if (meta.at("schema_version") != kSchemaVersion) {
    e.problem = "schema version '" + meta.at("schema_version") +
                "'; this detente (" DETENTE_VERSION ") reads version " + kSchemaVersion;
    e.fix = "use the detente that wrote it (meta.detente_version = " + meta["detente_version"] + ")";
    return e;
  }
  return meta;
}

std::string kind_of(const std::map<std::string, std::string>& meta) {
  const auto found = meta.find("kind");
  return found == meta.end() ? kEnsembleKind : found->second;
}

std::optional<Error> check_kind(const std::map<std::string, std::string>& meta, const Error& base,
                                const Expectation& expect) {
  const std::string kind = kind_of(meta);
  if (expect.kinds.empty() || std::find(expect.kinds.begin(), expect.kinds.end(), kind) != expect.kinds.end()) {
    return std::nullopt;
  }
  Error e = base;
  const auto command = meta.find("command");
  e.problem = "a " + kind + " database" + (command == meta.end() ? "" : " (made by '" + command->second + "')") +
              "; this needs " + joined(expect.kinds, " or ") + " database";
  return e;
}

std::string host_name() {
  std::array<char, 256> buffer{};
  if (gethostname(buffer.data(), buffer.size() - 1) != 0) return "unknown";
  return buffer.data();
}

// Whether the process that wrote a lock row still runs detente: alive (kill with signal 0), and,
// where /proc says what it runs, a detente program (a pid reused by another program is not).
// A lock from another host cannot be checked and counts as held.
bool holder_alive(std::int64_t pid, const std::string& host) {
  if (host != host_name()) return true;
  if (pid <= 0 || pid == getpid()) return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  if (!(comm >> name)) return true;
  return name.rfind("detente", 0) == 0;
}

}  // namespace

Database::~Database() {
  release_lock();
  sqlite3_close(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      meta_(std::move(other.meta_)),
      locked_(std::exchange(other.locked_, false)) {}

std::string Database::kind() const { return kind_of(meta_); }

Error Database::failure(const std::string& what, const std::string& field, const std::string& fix) const {
  return Error{.file = path_, .field = field, .problem = what + ": " + sqlite3_errmsg(db_), .fix = fix};
}

Result<bool> Database::lock(const std::string& command) {
  const Error busy{
      .file = path_, .problem = "is in use by another detente process", .fix = "wait for it or use another --out"};
  if (!exec(db_, "BEGIN IMMEDIATE")) return busy;
  if (!exec(db_, kLockSchema)) {
    exec(db_, "ROLLBACK");
    return failure("cannot take the write lock", "--out", "check that the file and its folder are writable");
  }
  Statement holder(db_, "SELECT pid, host, command, since FROM lock WHERE id = 0");
  if (holder.ok() && holder.step() == SQLITE_ROW) {
    const std::int64_t pid = sqlite3_column_int64(holder.get(), 0);
    const std::string host = column_text(holder.get(), 1);
    if (holder_alive(pid, host)) {
      Error refused = busy;
      refused.problem += " (pid " + std::to_string(pid) + " on " + host + ", since " + column_text(holder.get(), 3) +
                         ": " + column_text(holder.get(), 2) + ")";
      holder.reset();
      exec(db_, "ROLLBACK");
      return refused;
    }
  }
  holder.reset();
  Statement take(db_, "INSERT OR REPLACE INTO lock(id, pid, host, command, since) VALUES(0, ?, ?, ?, ?)");
  take.bind(1, static_cast<std::int64_t>(getpid()));
  take.bind(2, host_name());
  take.bind(3, command);
  take.bind(4, now_utc());
  if (!take.done() || !exec(db_, "COMMIT")) {
    exec(db_, "ROLLBACK");
    return failure("cannot take the write lock", "--out", "check that the file and its folder are writable");
  }
  locked_ = true;
  return true;
}

void Database::release_lock() {
  if (!locked_ || db_ == nullptr) return;
  Statement release(db_, "DELETE FROM lock WHERE id = 0 AND pid = ?");
  release.bind(1, static_cast<std::int64_t>(getpid()));
  release.step();
  locked_ = false;
}

Result<Database> create_database(const std::string& path, const std::string& field, const std::string& exists_fix) {
  const Error exists{.file = path, .field = field, .problem = "the database already exists", .fix = exists_fix};
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return exists;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return exists;
    return Error{.file = path,
                 .field = field,
                 .problem = std::string("cannot create the database: ") + std::strerror(errno),
                 .fix = "check that the folder exists and is writable"};
  }
  ::close(fd);
  sqlite3* db = open_handle(path, SQLITE_OPEN_READWRITE);
  if (db == nullptr) {
    return Error{.file = path,
                 .field = field,
                 .problem = "SQLite cannot open the new database",
                 .fix = "check that the folder is writable"};
  }
  return Database(db, path);
}

Result<Database> open_database(const std::string& path, Access access, const Expectation& expect) {
  if (auto bad = check_file(path, expect)) return *bad;
  const Error base{.file = path, .field = expect.field, .fix = expect.fix};
  sqlite3* db = open_handle(path, access == Access::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  if (db == nullptr) {
    Error e = base;
    e.problem =
        access == Access::kReadOnly ? "SQLite cannot open the database" : "SQLite cannot open the database to write";
    e.fix = "check that the file (and, to write, its folder) is readable and writable";
    return e;
  }
  Database out(db, path);
  if (auto damaged = integrity_problem(db)) {
    Error e = base;
    e.problem = "the database is damaged: SQLite's integrity check (PRAGMA quick_check) says: " + *damaged;
    e.fix = "restore the file from a copy, or rerun the command that made it with a new --out";
    return e;
  }
  auto meta = read_meta(db, base);
  if (!meta) return meta.error();
  if (auto wrong = check_kind(*meta, base, expect)) return *wrong;
  out.meta_ = std::move(*meta);
  return out;
}

std::string text_hash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a offset basis and prime (Fowler, Noll and Vo)
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  std::array<char, 17> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%016llx", static_cast<unsigned long long>(h));
  return buffer.data();
}

}  // namespace detente::results
