// Event files as a stream of lines, read through libarchive: a plain file, a gzip-compressed
// one (.gz) or a zip archive (GDELT ships its files zipped) are told apart by their content, never
// by the name, and decompressed as they are read. Memory is one block and the longest line,
// whatever the size of the file.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace detente::events {

// One line of an entry, without its line break (LF or CRLF).
struct SourceLine {
  long number = 0;        // 1-based, within the entry
  std::string_view text;  // valid until the next call to next_line
};

// The entries of one input: a plain or gzip file has one entry; a zip archive one per member.
class LineSource {
 public:
  // Opens a file on disk; the error names the path and the reason.
  static Result<std::unique_ptr<LineSource>> open_file(const std::string& path);
  // Reads bytes held in memory (the fuzz targets and the tests); `name` stands for the file in
  // messages. The bytes must outlive the source.
  static Result<std::unique_ptr<LineSource>> open_memory(std::span<const char> bytes, const std::string& name);

  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Moves to the next entry: false at the end of the input. An unreadable archive is an error.
  Result<bool> next_entry();
  // The name messages use for the current entry: the file, or "archive.zip:member.csv".
  [[nodiscard]] const std::string& entry_name() const { return entry_name_; }
  // The next line of the current entry: an empty optional at its end. A read or decompression
  // failure is an error naming the entry and the line it reached.
  Result<std::optional<SourceLine>> next_line();

 private:
  struct Archive;
  LineSource(std::unique_ptr<Archive> archive, std::string name);
  bool fill();  // reads the next block; false at the end of the entry or on a failure

  std::unique_ptr<Archive> archive_;
  std::string name_;
  std::string entry_name_;
  std::string buffer_;  // unread bytes of the current entry
  std::size_t start_ = 0;
  long line_ = 0;
  bool entry_done_ = true;
  std::string failure_;  // libarchive's message, when a read failed
};

}  // namespace detente::events
