// A move in a two-action stage game: cooperate or defect.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace detente::games {

enum class Move : std::uint8_t { kCooperate = 0, kDefect = 1 };

inline constexpr Move kC = Move::kCooperate;
inline constexpr Move kD = Move::kDefect;

[[nodiscard]] constexpr Move flip(Move m) { return m == kC ? kD : kC; }
[[nodiscard]] constexpr char to_char(Move m) { return m == kC ? 'C' : 'D'; }
[[nodiscard]] constexpr std::size_t index(Move m) { return static_cast<std::size_t>(m); }

[[nodiscard]] inline std::optional<Move> move_from_char(char c) {
  if (c == 'C' || c == 'c') return kC;
  if (c == 'D' || c == 'd') return kD;
  return std::nullopt;
}

// "CDDC..." for a sequence of moves.
[[nodiscard]] inline std::string to_string(std::span<const Move> moves) {
  std::string s;
  s.reserve(moves.size());
  for (const Move m : moves) s.push_back(to_char(m));
  return s;
}

}  // namespace detente::games
