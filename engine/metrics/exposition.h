// Prometheus text exposition format 0.0.4, the pieces: escaping of HELP text and label values, and numbers
// as Prometheus parses them (Go's float syntax, +Inf/-Inf/NaN).
#pragma once
#include <string>
#include <string_view>

namespace sluice::metrics {

// The Content-Type a /metrics response carries.
inline constexpr std::string_view exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

// HELP text: backslash and line feed escaped (\\ and \n).
std::string escape_help(std::string_view text);
// A label value: backslash, double quote and line feed escaped (\\, \" and \n).
std::string escape_label_value(std::string_view value);
// Integral values without a fraction or exponent (up to 2^53), others in the shortest form that reads back
// exactly; +Inf, -Inf and NaN as Prometheus spells them.
std::string format_value(double value);

}  // namespace sluice::metrics
