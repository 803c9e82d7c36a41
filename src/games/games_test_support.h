// Helpers for the repeated-game tests: reading the reference files under
// tests/data/games/ and playing small matches.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "games/match.h"
#include "games/registry.h"

namespace detente::games::testing {

// The tab-separated rows of a reference file, '#' comment lines skipped.
inline std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

inline std::string reference_path(const std::string& name) { return std::string(DETENTE_TEST_DATA) + "/games/" + name; }

// A registered player; aborts the calling test through the returned error text if unknown.
inline Player player(const std::string& name) {
  auto p = make_strategy(name);
  if (!p) throw std::runtime_error(p.error().message());
  return std::move(*p);
}

inline MatchResult play(const std::string& a, const std::string& b, MatchOptions options = {}) {
  auto result = play_match(player(a), player(b), StageGame(), options);
  if (!result) throw std::runtime_error(result.error().message());
  return std::move(*result);
}

// "CCD..." of one player's moves.
inline std::string moves_of(const MatchResult& m, int player) {
  return to_string(m.moves[static_cast<std::size_t>(player)]);
}

}  // namespace detente::games::testing
