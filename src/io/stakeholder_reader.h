// Reading stakeholder tables: detente's CSV, Stokman's Decide format and
// KTAB's Spatial Model of Politics CSV, all into one StakeholderProblem.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/stakeholders.h"

namespace detente::io {

enum class InputFormat { kAuto, kCsv, kDecide, kKtab, kKtabXml };

[[nodiscard]] Result<InputFormat> parse_input_format(std::string_view name);
[[nodiscard]] std::string_view format_name(InputFormat format);

// Guesses the format from the content: Decide files start with '#A/'#P rows,
// KTAB files with a row "scenario, description, actors, dimensions", KTAB's
// XML scenarios with '<'.
[[nodiscard]] InputFormat detect_format(std::string_view content);

// `file` is used only in messages.
[[nodiscard]] Result<StakeholderProblem> parse_stakeholders(std::string_view content, const std::string& file,
                                                            InputFormat format = InputFormat::kAuto);
[[nodiscard]] Result<StakeholderProblem> read_stakeholders(const std::string& path,
                                                           InputFormat format = InputFormat::kAuto);

// The readers, for callers that know the format.
[[nodiscard]] Result<StakeholderProblem> parse_stakeholder_csv(std::string_view content, const std::string& file);
[[nodiscard]] Result<StakeholderProblem> parse_decide(std::string_view content, const std::string& file);
[[nodiscard]] Result<StakeholderProblem> parse_ktab_csv(std::string_view content, const std::string& file);
// KTAB's XML scenario (smpSchema.xsd): also carries model options
// (StakeholderProblem::options) and ideal adjustments.
[[nodiscard]] Result<StakeholderProblem> parse_ktab_xml(std::string_view content, const std::string& file);

}  // namespace detente::io
