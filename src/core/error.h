// Errors as values at the boundaries: every parser and validator returns
// Result<T>, and the front ends turn an Error into one readable message.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace detente {

// Where a problem is and what to do about it. Any field may be empty except
// `problem`; `line` is 1-based and 0 means "the file as a whole".
struct Error {
  std::string file;
  int line = 0;
  std::string field;
  std::string problem;   // what was found and what was expected
  std::string fix;       // how the user can put it right

  // "FILE:LINE: field 'F': PROBLEM. Fix: FIX"
  [[nodiscard]] std::string message() const;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T& value() & { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  [[nodiscard]] const Error& error() const { return std::get<Error>(state_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace detente
