#include "io/stakeholder_reader.h"

#include "io/text.h"

namespace detente::io {

Result<InputFormat> parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "decide") return InputFormat::kDecide;
  if (name == "ktab") return InputFormat::kKtab;
  if (name == "ktab-xml") return InputFormat::kKtabXml;
  return Error{.field = "--input-format",
               .problem = "unknown input format '" + std::string(name) + "'",
               .fix = "use csv, decide, ktab, ktab-xml or auto"};
}

std::string_view format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kCsv: return "csv";
    case InputFormat::kDecide: return "decide";
    case InputFormat::kKtab: return "ktab";
    case InputFormat::kKtabXml: return "ktab-xml";
  }
  return "auto";
}

InputFormat detect_format(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  const auto first_data = content.find_first_not_of(" \t\r\n");
  if (first_data == std::string_view::npos) return InputFormat::kCsv;
  const std::string_view rest = content.substr(first_data);
  if (rest.starts_with("<")) return InputFormat::kKtabXml;
  if (rest.starts_with("'#") || rest.starts_with("#A") || rest.starts_with("#P") || rest.starts_with("#D") ||
      rest.starts_with("#M")) {
    return InputFormat::kDecide;
  }
  // KTAB: the first row's third and fourth fields are whole numbers (actors, dimensions).
  const std::string_view first_line = rest.substr(0, rest.find('\n'));
  const auto fields = split_fields(first_line, ',');
  if (fields.size() >= 4) {
    const auto actors = parse_number(fields[2]);
    const auto dims = parse_number(fields[3]);
    const auto whole = [](double x) { return x == static_cast<double>(static_cast<long long>(x)); };
    if (actors && dims && *actors >= 1 && *dims >= 1 && *actors < 1e15 && *dims < 1e15 && whole(*actors) &&
        whole(*dims)) {
      return InputFormat::kKtab;
    }
  }
  return InputFormat::kCsv;
}

Result<StakeholderProblem> parse_stakeholders(std::string_view content, const std::string& file,
                                              InputFormat format) {
  if (format == InputFormat::kAuto) format = detect_format(content);
  switch (format) {
    case InputFormat::kDecide: return parse_decide(content, file);
    case InputFormat::kKtab: return parse_ktab_csv(content, file);
    case InputFormat::kKtabXml: return parse_ktab_xml(content, file);
    case InputFormat::kCsv:
    case InputFormat::kAuto: break;
  }
  return parse_stakeholder_csv(content, file);
}

Result<StakeholderProblem> read_stakeholders(const std::string& path, InputFormat format) {
  auto content = read_file(path);
  if (!content) return content.error();
  return parse_stakeholders(*content, path, format);
}

}  // namespace detente::io
