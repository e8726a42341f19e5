// result<T>: a value or an error, for the engine's boundaries (C++20 has no std::expected yet).
#pragma once
#include <string>
#include <utility>
#include <variant>

#include "engine/common/error_code.h"

namespace sluice {

// An error as it crosses module boundaries: Kafka's code plus a message a person can act on.
struct error {
    protocol::error_code code = protocol::error_code::unknown_server_error;
    std::string message;
};

template <class T>
class [[nodiscard]] result {
public:
    result(T value) : state_(std::move(value)) {}
    result(error err) : state_(std::move(err)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const sluice::error& err() const { return std::get<1>(state_); }

private:
    std::variant<T, sluice::error> state_;
};

// result<void>: success or an error.
template <>
class [[nodiscard]] result<void> {
public:
    result() = default;
    result(error err) : error_(std::move(err)), failed_(true) {}
    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const sluice::error& err() const { return error_; }

private:
    sluice::error error_;
    bool failed_ = false;
};

inline error make_error(protocol::error_code code, std::string message) { return error{code, std::move(message)}; }

}  // namespace sluice
