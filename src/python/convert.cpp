#include "python/convert.h"

namespace detente::python {
namespace {

namespace py = pybind11;

template <typename Json>
py::object convert(const Json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(value.template get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(value.template get<long long>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(value.template get<unsigned long long>());
    case nlohmann::json::value_t::number_float:
      return py::float_(value.template get<double>());
    case nlohmann::json::value_t::string:
      return py::str(value.template get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& item : value) out.append(convert(item));
      return py::object(out);
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (const auto& [key, item] : value.items()) out[py::str(key)] = convert(item);
      return py::object(out);
    }
    case nlohmann::json::value_t::binary:
      break;
  }
  return py::none();
}

}  // namespace

py::object to_python(const nlohmann::ordered_json& value) { return convert(value); }
py::object to_python(const nlohmann::json& value) { return convert(value); }

}  // namespace detente::python
