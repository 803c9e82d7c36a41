#include "events/source.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

namespace detente::events {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;         // bytes read at a time
constexpr std::size_t kLongestLine = std::size_t{64} << 20;  // beyond this, the input is not an event file

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

// Only the gzip filter and the zip and raw formats: libarchive's other filters may run external
// programs, which detente never does.
archive* new_reader() {
  archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_raw(a);
  archive_read_support_format_empty(a);
  return a;
}

Error open_error(const std::string& name, archive* a) {
  const char* reason = a ? archive_error_string(a) : nullptr;
  return Error{.file = name,
               .problem = std::string("cannot read the file: ") + (reason ? reason : "unknown reason"),
               .fix = "check the path, and that the file is a plain, .gz or .zip event file"};
}

}  // namespace

struct LineSource::Archive {
  std::unique_ptr<archive, ArchiveCloser> handle;
  bool raw = false;  // a plain or gzip file (libarchive's raw format), not a zip archive
};

LineSource::LineSource(std::unique_ptr<Archive> archive, std::string name)
    : archive_(std::move(archive)), name_(std::move(name)) {}

LineSource::~LineSource() = default;

Result<std::unique_ptr<LineSource>> LineSource::open_file(const std::string& path) {
  auto a = std::make_unique<Archive>();
  a->handle.reset(new_reader());
  if (archive_read_open_filename(a->handle.get(), path.c_str(), kBlock) != ARCHIVE_OK)
    return open_error(path, a->handle.get());
  return std::unique_ptr<LineSource>(new LineSource(std::move(a), path));
}

Result<std::unique_ptr<LineSource>> LineSource::open_memory(std::span<const char> bytes, const std::string& name) {
  auto a = std::make_unique<Archive>();
  a->handle.reset(new_reader());
  if (archive_read_open_memory(a->handle.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return open_error(name, a->handle.get());
  return std::unique_ptr<LineSource>(new LineSource(std::move(a), name));
}

Result<bool> LineSource::next_entry() {
  archive* a = archive_->handle.get();
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(a, &entry);
    if (status == ARCHIVE_EOF) return false;
    if (status < ARCHIVE_WARN) return open_error(name_, a);
    archive_->raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
    const bool directory = archive_entry_filetype(entry) == AE_IFDIR;
    if (!directory) break;
  }
  const char* member = archive_entry_pathname(entry);
  entry_name_ = archive_->raw || member == nullptr ? name_ : name_ + ":" + member;
  buffer_.clear();
  start_ = 0;
  line_ = 0;
  entry_done_ = false;
  failure_.clear();
  return true;
}

bool LineSource::fill() {
  if (entry_done_) return false;
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kBlock);
  const la_ssize_t got = archive_read_data(archive_->handle.get(), buffer_.data() + old_size, kBlock);
  if (got < 0) {
    const char* reason = archive_error_string(archive_->handle.get());
    failure_ = reason ? reason : "unknown reason";
    buffer_.resize(old_size);
    entry_done_ = true;
    return false;
  }
  buffer_.resize(old_size + static_cast<std::size_t>(got));
  if (got == 0) entry_done_ = true;
  return got > 0;
}

Result<std::optional<SourceLine>> LineSource::next_line() {
  std::size_t searched = start_;
  for (;;) {
    const char* begin = buffer_.data() + start_;
    const void* found = std::memchr(buffer_.data() + searched, '\n', buffer_.size() - searched);
    if (found != nullptr) {
      const auto end = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
      std::size_t length = end - start_;
      if (length > 0 && begin[length - 1] == '\r') --length;
      start_ = end + 1;
      return std::optional<SourceLine>(SourceLine{.number = ++line_, .text = std::string_view(begin, length)});
    }
    const std::size_t pending = buffer_.size() - start_;
    if (pending > kLongestLine) {
      return Error{.file = entry_name_,
                   .line = static_cast<int>(line_ + 1),
                   .problem = "a line longer than 64 MiB: this is not a text event file",
                   .fix = "give an ICEWS, GDELT or Phoenix event file (plain, .gz or .zip)"};
    }
    searched = buffer_.size();
    const std::size_t offset = searched - start_;
    if (!fill()) {
      if (!failure_.empty()) {
        return Error{.file = entry_name_,
                     .line = static_cast<int>(line_ + 1),
                     .problem = "cannot read the file further: " + failure_,
                     .fix = "check that the file is complete (a download cut short leaves a truncated .gz or .zip)"};
      }
      if (buffer_.size() == start_) return std::optional<SourceLine>();
      // The last line has no line break.
      std::size_t length = buffer_.size() - start_;
      const char* last = buffer_.data() + start_;
      if (length > 0 && last[length - 1] == '\r') --length;
      start_ = buffer_.size();
      return std::optional<SourceLine>(SourceLine{.number = ++line_, .text = std::string_view(last, length)});
    }
    searched = start_ + offset;
  }
}

}  // namespace detente::events
