// Actor aliases: how the names, countries, sectors and CAMEO actor codes of event files resolve to
// the actors of a scenario. The file is CSV (format in docs/events.md, "Actor aliases"):
//   actor,match,value[,sectors]
// match is `name` (an ICEWS actor name), `country` (an ICEWS actor's country, optionally only
// for actors with one of `sectors`, separated by ';') or `code` (a CAMEO actor code prefix, as in
// GDELT and Phoenix; the longest matching prefix wins). Lines starting with '#' are comments.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace detente::events {

// Lookups keyed by std::string that accept a std::string_view without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using NameIndex = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

inline constexpr int kNoActor = -1;

class ActorAliases {
 public:
  // Parses an alias file's text; errors name the file, the line and the field.
  static Result<ActorAliases> parse(std::string_view text, const std::string& file);
  // The default file shipped with detente (src/events/data/aliases.csv).
  static ActorAliases defaults();

  // The actors the file names, in the order of first appearance.
  [[nodiscard]] const std::vector<std::string>& actors() const { return actors_; }
  [[nodiscard]] int find_actor(std::string_view id) const;

  // An ICEWS actor: its name first, then its country (and sectors, comma-separated as ICEWS
  // writes them). kNoActor when nothing matches.
  [[nodiscard]] int resolve_icews(std::string_view name, std::string_view sectors, std::string_view country) const;
  // A CAMEO actor code ("USAGOV"): the longest prefix with a `code` alias; then the country code
  // the file gives beside it (GDELT's Actor1CountryCode), if any.
  [[nodiscard]] int resolve_code(std::string_view code, std::string_view country_code) const;

 private:
  struct CountryRule {
    int actor = kNoActor;
    std::vector<std::string> sectors;  // empty: any sector
  };
  std::vector<std::string> actors_;
  NameIndex names_;
  std::unordered_map<std::string, std::vector<CountryRule>, StringHash, std::equal_to<>> countries_;
  NameIndex codes_;
  std::size_t longest_code_ = 0;
};

}  // namespace detente::events
