#include "events/aliases.h"

#include <algorithm>

#include "events/embedded_tables.h"
#include "io/text.h"

namespace detente::events {
namespace {

std::vector<std::string> split_on(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  for (;;) {
    const std::size_t end = text.find(separator, at);
    parts.push_back(io::trim(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at)));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return parts;
}

bool has_sector(std::string_view sectors, const std::vector<std::string>& wanted) {
  std::size_t at = 0;
  while (at <= sectors.size()) {
    std::size_t end = sectors.find(',', at);
    if (end == std::string_view::npos) end = sectors.size();
    std::string_view one = sectors.substr(at, end - at);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (std::find(wanted.begin(), wanted.end(), one) != wanted.end()) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace

Result<ActorAliases> ActorAliases::parse(std::string_view text, const std::string& file) {
  auto lines = io::split_lines(file, text);
  if (!lines) return lines.error();
  ActorAliases aliases;
  bool header_seen = false;
  for (const io::Line& line : *lines) {
    const std::string trimmed = io::trim(line.text);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    auto fields = io::split_record(file, line, ',');
    if (!fields) return fields.error();
    auto& f = *fields;
    if (!header_seen) {
      header_seen = true;
      if (f.size() >= 3 && io::lower(f[0]) == "actor" && io::lower(f[1]) == "match" && io::lower(f[2]) == "value")
        continue;
      return Error{.file = file,
                   .line = line.number,
                   .problem = "expected the header 'actor,match,value,sectors'",
                   .fix = "start the file with the line actor,match,value,sectors (docs/events.md)"};
    }
    if (f.size() < 3 || f.size() > 4) {
      return Error{.file = file,
                   .line = line.number,
                   .problem = "expected 3 or 4 fields (actor,match,value[,sectors]), found " + std::to_string(f.size()),
                   .fix = "write one alias per line, e.g. Iran,code,IRN"};
    }
    const std::string& actor = f[0];
    const std::string& match = f[1];
    const std::string& value = f[2];
    const std::string sectors = f.size() == 4 ? f[3] : std::string();
    if (actor.empty()) {
      return Error{.file = file,
                   .line = line.number,
                   .field = "actor",
                   .problem = "the actor is empty",
                   .fix = "name the scenario actor this alias stands for"};
    }
    if (value.empty()) {
      return Error{.file = file,
                   .line = line.number,
                   .field = "value",
                   .problem = "the value is empty",
                   .fix = "give the name, country or code that stands for " + actor};
    }
    int index = aliases.find_actor(actor);
    if (index == kNoActor) {
      aliases.actors_.push_back(actor);
      index = static_cast<int>(aliases.actors_.size()) - 1;
    }
    auto clash = [&](const std::string& kind, int other) {
      return Error{.file = file,
                   .line = line.number,
                   .field = "value",
                   .problem = "the " + kind + " " + io::in_quotes(value) + " already stands for " +
                              aliases.actors_[static_cast<std::size_t>(other)],
                   .fix = "give each " + kind + " to one actor only"};
    };
    if (match == "name" || match == "code") {
      if (!sectors.empty()) {
        return Error{.file = file,
                     .line = line.number,
                     .field = "sectors",
                     .problem = "sectors apply only to 'country' aliases",
                     .fix = "leave the sectors field empty, or use match 'country'"};
      }
      auto& index_of = match == "name" ? aliases.names_ : aliases.codes_;
      const auto [at, inserted] = index_of.emplace(value, index);
      if (!inserted && at->second != index) return clash(match, at->second);
      if (match == "code") aliases.longest_code_ = std::max(aliases.longest_code_, value.size());
    } else if (match == "country") {
      std::vector<std::string> wanted;
      if (!sectors.empty()) wanted = split_on(sectors, ';');
      aliases.countries_[value].push_back(CountryRule{.actor = index, .sectors = std::move(wanted)});
    } else {
      return Error{.file = file,
                   .line = line.number,
                   .field = "match",
                   .problem = "unknown match " + io::in_quotes(match),
                   .fix = "use name (an ICEWS actor name), country (an ICEWS country) or code (a CAMEO actor code)"};
    }
  }
  if (aliases.actors_.empty()) {
    return Error{.file = file,
                 .problem = "the alias file names no actor",
                 .fix = "add lines actor,match,value (docs/events.md, \"Actor aliases\")"};
  }
  return aliases;
}

ActorAliases ActorAliases::defaults() {
  auto parsed = parse(embedded::default_aliases(), "(default aliases)");
  return std::move(parsed).value();  // the shipped file is tested (aliases_test.cpp)
}

int ActorAliases::find_actor(std::string_view id) const {
  const auto at = std::find(actors_.begin(), actors_.end(), id);
  return at == actors_.end() ? kNoActor : static_cast<int>(at - actors_.begin());
}

int ActorAliases::resolve_icews(std::string_view name, std::string_view sectors, std::string_view country) const {
  if (const auto at = names_.find(name); at != names_.end()) return at->second;
  if (const auto at = countries_.find(country); at != countries_.end()) {
    for (const CountryRule& rule : at->second) {
      if (rule.sectors.empty() || has_sector(sectors, rule.sectors)) return rule.actor;
    }
  }
  return kNoActor;
}

int ActorAliases::resolve_code(std::string_view code, std::string_view country_code) const {
  for (std::size_t length = std::min(code.size(), longest_code_); length > 0; --length) {
    if (const auto at = codes_.find(code.substr(0, length)); at != codes_.end()) return at->second;
  }
  if (!country_code.empty() && country_code != code) {
    if (const auto at = codes_.find(country_code); at != codes_.end()) return at->second;
  }
  return kNoActor;
}

}  // namespace detente::events
