// CAMEO event codes mapped to the Goldstein conflict–cooperation scale and to the four quad
// classes.
//
// CAMEO: Schrodt, P. A. (2012), "CAMEO Conflict and Mediation Event Observations Event and Actor
// Codebook", version 1.1b3, Pennsylvania State University: event codes of two to four digits whose
// first two digits are one of the 20 root codes 01–20.
// Goldstein, J. S. (1992), "A Conflict-Cooperation Scale for WEIS Events Data", Journal of
// Conflict Resolution 36(2): 369–385, extended to CAMEO. Two public tables (copied into
// src/events/data/, provenance in its README.md):
//   gdelt  the GDELT project's CAMEO.goldsteinscale.txt, the values GDELT's files carry;
//   icews  the CAMEO code table with the Goldstein values ICEWS uses (andybega/icews).
// They differ on 016, 022, 164 and 165, and only the ICEWS table has 1213 (docs/events.md).
#pragma once

#include <optional>
#include <string_view>

namespace detente::events {

enum class GoldsteinTable { kGdelt, kIcews };

[[nodiscard]] std::string_view table_name(GoldsteinTable table);
[[nodiscard]] std::optional<GoldsteinTable> parse_table_name(std::string_view name);

// The Goldstein value of a CAMEO event code ("010", "0211", "16"), or none when the code is not
// in the table (a code must be 2 to 4 digits).
[[nodiscard]] std::optional<double> goldstein(GoldsteinTable table, std::string_view cameo_code);

// The quad class of a CAMEO event code from its root code (its first two digits), as GDELT
// defines the QuadClass field (GDELT 1.0 Event Database Data Format Codebook, "QuadClass":
// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), with the
// root-code ranges 01–05, 06–09, 10–14 and 15–20. 0 when the code has no valid root (01–20).
enum class QuadClass {
  kNone = 0,
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4
};
[[nodiscard]] QuadClass quad_class(std::string_view cameo_code);

// True for 2 to 4 ASCII digits whose first two are a root code 01–20.
[[nodiscard]] bool is_cameo_event_code(std::string_view code);

}  // namespace detente::events
