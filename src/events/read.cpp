#include "events/read.h"

#include <algorithm>
#include <unordered_map>

#include "io/text.h"

namespace detente::events {
namespace {

struct ActorIndex {
  std::vector<int> requested_of_alias;  // alias actor index → requested index, or kNoActor
};

Result<ActorIndex> index_actors(const ReadOptions& options) {
  if (options.actors.empty()) {
    return Error{.field = "--actors",
                 .problem = "no actors were requested",
                 .fix = "name at least one actor of the alias file, e.g. --actors Iran,US"};
  }
  ActorIndex index;
  index.requested_of_alias.assign(options.aliases.actors().size(), kNoActor);
  for (std::size_t i = 0; i < options.actors.size(); ++i) {
    const int alias = options.aliases.find_actor(options.actors[i]);
    if (alias == kNoActor) {
      std::string known;
      for (const auto& a : options.aliases.actors()) known += (known.empty() ? "" : ", ") + a;
      return Error{.field = "--actors",
                   .problem = "the alias file has no actor " + io::in_quotes(options.actors[i]),
                   .fix = "request actors the alias file names (" + known + "), or add aliases for it with --aliases"};
    }
    if (index.requested_of_alias[static_cast<std::size_t>(alias)] != kNoActor) {
      return Error{.field = "--actors",
                   .problem = io::in_quotes(options.actors[i]) + " is requested twice",
                   .fix = "name each actor once"};
    }
    index.requested_of_alias[static_cast<std::size_t>(alias)] = static_cast<int>(i);
  }
  return index;
}

// Counts the names of unmatched actors; beyond `limit` distinct names, the rest are counted
// together, so that memory stays bounded.
class NameCounter {
 public:
  explicit NameCounter(std::size_t limit) : limit_(limit) {}
  void add(std::string_view name, std::uint64_t events = 1) {
    if (const auto at = counts_.find(name); at != counts_.end()) {
      at->second += events;
    } else if (counts_.size() < limit_) {
      counts_.emplace(std::string(name), events);
    } else {
      others_ += events;
    }
  }
  [[nodiscard]] std::vector<NameCount> sorted() const {
    std::vector<NameCount> out;
    out.reserve(counts_.size());
    for (const auto& [name, n] : counts_) out.push_back(NameCount{name, n});
    std::sort(out.begin(), out.end(), [](const NameCount& a, const NameCount& b) {
      return a.events != b.events ? a.events > b.events : a.name < b.name;
    });
    return out;
  }
  [[nodiscard]] std::uint64_t others() const { return others_; }

 private:
  std::size_t limit_;
  std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>> counts_;
  std::uint64_t others_ = 0;
};

class Reader {
 public:
  Reader(const ReadOptions& options, ActorIndex index)
      : options_(options),
        index_(std::move(index)),
        series_(options.actors, options.period),
        names_(options.kept_names) {}

  Result<bool> read(LineSource& source, const std::string& name) {
    for (bool first = true;; first = false) {
      auto more = source.next_entry();
      if (!more) return more.error();
      if (!*more && first) return empty_file(name);
      if (!*more) return true;
      if (auto done = read_entry(source); !done) return done.error();
    }
  }

  EventsReport finish() && {
    report_.series = series_.rows();
    for (std::size_t a = 0; a < not_requested_.size(); ++a) {
      if (not_requested_[a] > 0) names_.add(options_.aliases.actors()[a] + " (not requested)", not_requested_[a]);
    }
    report_.unmatched_names = names_.sorted();
    report_.unmatched_other_names = names_.others();
    return std::move(report_);
  }

 private:
  Result<bool> read_entry(LineSource& source) {
    const std::string name = source.entry_name();
    std::optional<RowParser> parser;
    InputSummary summary{.name = name};
    for (;;) {
      auto next = source.next_line();
      if (!next) return next.error();
      if (!*next) break;
      const SourceLine& line = **next;
      if (io::is_blank(line.text, '\t')) continue;
      if (!parser) {
        auto detected = RowParser::detect(line.text, name, options_.format);
        if (!detected) return detected.error();
        parser.emplace(std::move(detected).value());
        summary.format = parser->format();
        summary.table = options_.goldstein.value_or(own_table(parser->format()));
        if (parser->has_header()) continue;
      }
      ++summary.rows;
      auto row = parser->parse(line.text, line.number, name);
      if (row) row = score_and_count(*row, summary, line.number, name);
      if (!row) {
        if (!options_.skip_bad) return row.error();
        ++summary.skipped;
        if (report_.skipped_messages.size() < options_.kept_messages)
          report_.skipped_messages.push_back(row.error().message());
      }
    }
    if (!parser) {
      return Error{.file = name,
                   .problem = "the file is empty",
                   .fix = "give an ICEWS, GDELT or Phoenix event file with at least its first row"};
    }
    report_.inputs.push_back(std::move(summary));
    return true;
  }

  static Error empty_file(const std::string& name) {
    return Error{.file = name,
                 .problem = "the file holds no line",
                 .fix = "give an ICEWS, GDELT or Phoenix event file with at least its first row"};
  }

  int requested(int alias) const {
    return alias == kNoActor ? kNoActor : index_.requested_of_alias[static_cast<std::size_t>(alias)];
  }

  // The requested actor an event's actor resolves to (kNoActor if none); `alias` is the alias
  // actor, requested or not.
  int resolve(const ActorFields& actor, Format format, int& alias) const {
    alias = format == Format::kIcews ? options_.aliases.resolve_icews(actor.name, actor.sectors, actor.country)
                                     : options_.aliases.resolve_code(actor.code, actor.country);
    return requested(alias);
  }

  // Counts an unmatched actor under its name: an alias actor that was not requested, or the
  // file's name, code or country as written. No string is built for a name already counted.
  void count_unmatched(const ActorFields& actor, int alias) {
    if (alias != kNoActor) {
      ++not_requested_[static_cast<std::size_t>(alias)];
    } else if (!actor.name.empty()) {
      names_.add(actor.name);
    } else if (!actor.code.empty()) {
      names_.add(actor.code);
    } else if (!actor.country.empty()) {
      names_.add(actor.country);
    } else {
      names_.add("(no actor)");
    }
  }

  // The row's Goldstein value from the table, its quad class, and where it is counted.
  Result<EventRow> score_and_count(const EventRow& row, InputSummary& summary, long number, const std::string& name) {
    const auto value = goldstein(summary.table, row.event_code);
    if (!value) {
      return Error{
          .file = name,
          .line = static_cast<int>(number),
          .field = "event code",
          .problem = "the CAMEO code " + io::in_quotes(row.event_code) + " is not in the " +
                     std::string(table_name(summary.table)) + " Goldstein table",
          .fix = "choose the other table with --goldstein, or pass --skip-bad to skip such rows and count them"};
    }
    if ((options_.from_day && row.day < *options_.from_day) || (options_.to_day && row.day > *options_.to_day)) {
      ++summary.outside_dates;
      return row;
    }
    int source_alias = kNoActor;
    int target_alias = kNoActor;
    const int source = resolve(row.source, summary.format, source_alias);
    const int target = resolve(row.target, summary.format, target_alias);
    if (source == kNoActor || target == kNoActor) {
      ++summary.unmatched;
      if (source == kNoActor) count_unmatched(row.source, source_alias);
      if (target == kNoActor) count_unmatched(row.target, target_alias);
      return row;
    }
    if (source == target) {
      ++summary.same_actor;
      return row;
    }
    series_.add(source, target, row.day, *value, quad_class(row.event_code));
    ++summary.counted;
    return row;
  }

  const ReadOptions& options_;
  ActorIndex index_;
  DyadSeries series_;
  NameCounter names_;
  std::vector<std::uint64_t> not_requested_ = std::vector<std::uint64_t>(options_.aliases.actors().size(), 0);
  EventsReport report_;
};

}  // namespace

std::uint64_t EventsReport::total(std::uint64_t InputSummary::*field) const {
  std::uint64_t sum = 0;
  for (const auto& input : inputs) sum += input.*field;
  return sum;
}

Result<EventsReport> read_event_sources(std::span<LineSource* const> sources, const ReadOptions& options) {
  auto index = index_actors(options);
  if (!index) return index.error();
  Reader reader(options, std::move(index).value());
  for (LineSource* source : sources) {
    if (auto done = reader.read(*source, "(input)"); !done) return done.error();
  }
  return std::move(reader).finish();
}

Result<EventsReport> read_event_files(std::span<const std::string> paths, const ReadOptions& options) {
  auto index = index_actors(options);
  if (!index) return index.error();
  Reader reader(options, std::move(index).value());
  for (const std::string& path : paths) {
    auto source = LineSource::open_file(path);
    if (!source) return source.error();
    if (auto done = reader.read(**source, path); !done) return done.error();
  }
  return std::move(reader).finish();
}

}  // namespace detente::events
