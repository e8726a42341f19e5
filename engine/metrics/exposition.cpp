#include "engine/metrics/exposition.h"

#include <charconv>
#include <cmath>

namespace sluice::metrics {

namespace {
std::string escape(std::string_view text, bool quote) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quote)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}
}  // namespace

std::string escape_help(std::string_view text) { return escape(text, false); }

std::string escape_label_value(std::string_view value) { return escape(value, true); }

std::string format_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    constexpr double exact_integers = 9007199254740992.0;  // 2^53
    if (value == std::floor(value) && std::fabs(value) < exact_integers)
        return std::to_string(static_cast<long long>(value));
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("NaN");
}

}  // namespace sluice::metrics
