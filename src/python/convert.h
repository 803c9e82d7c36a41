// Conversions between detente's values and Python's: JSON documents to dicts and lists, errors
// to exceptions.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace detente::python {

[[nodiscard]] pybind11::object to_python(const nlohmann::ordered_json& value);
[[nodiscard]] pybind11::object to_python(const nlohmann::json& value);

// Raises ValueError with the same message the command line prints.
template <typename T>
T unwrap(Result<T> result) {
  if (!result) throw pybind11::value_error(result.error().message());
  return std::move(result).value();
}

}  // namespace detente::python
