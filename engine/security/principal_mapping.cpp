#include "engine/security/principal_mapping.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace sluice::security {

namespace {
error bad(std::string why) {
    return make_error(protocol::error_code::invalid_config, "ssl.principal.mapping.rules: " + std::move(why));
}

void skip_space(std::string_view text, std::size_t& pos) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
}

// Up to the next '/' that is not escaped by a backslash; the escapes stay (the regex reads "\/" as '/').
std::optional<std::string> until_slash(std::string_view text, std::size_t& pos) {
    std::string out;
    while (pos < text.size()) {
        char c = text[pos];
        if (c == '\\' && pos + 1 < text.size()) {
            out += c;
            out += text[pos + 1];
            pos += 2;
            continue;
        }
        if (c == '/') {
            ++pos;
            return out;
        }
        out += c;
        ++pos;
    }
    return std::nullopt;
}

// A replacement's "\/" means '/': the escape only protected the separator.
std::string unescape_slashes(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '/') continue;
        out += s[i];
    }
    return out;
}
}  // namespace

result<principal_mapper> principal_mapper::parse(std::string_view text) {
    principal_mapper mapper;
    mapper.text_ = std::string(text);
    std::size_t pos = 0;
    skip_space(text, pos);
    if (pos == text.size()) return bad("no rules (use DEFAULT)");
    while (pos < text.size()) {
        rule r;
        if (text.substr(pos).starts_with("DEFAULT")) {
            r.is_default = true;
            pos += 7;
        } else if (text.substr(pos).starts_with("RULE:")) {
            pos += 5;
            auto pattern = until_slash(text, pos);
            auto replacement = pattern ? until_slash(text, pos) : std::nullopt;
            if (!pattern || !replacement)
                return bad("expected RULE:pattern/replacement/[LU] in '" + std::string(text) + "'");
            if (pos < text.size() && (text[pos] == 'L' || text[pos] == 'U')) r.case_change = text[pos++];
            r.pattern_text = *pattern;
            r.replacement = unescape_slashes(*replacement);
            try {
                r.pattern = std::regex(r.pattern_text);
            } catch (const std::regex_error& e) {
                return bad("invalid pattern '" + r.pattern_text + "': " + e.what());
            }
        } else {
            return bad("expected DEFAULT or RULE:... at '" + std::string(text.substr(pos)) + "'");
        }
        skip_space(text, pos);
        if (pos < text.size()) {
            if (text[pos] != ',') return bad("expected ',' between rules at '" + std::string(text.substr(pos)) + "'");
            ++pos;
            skip_space(text, pos);
            if (pos == text.size()) return bad("a rule must follow ','");
        }
        mapper.rules_.push_back(std::move(r));
    }
    return mapper;
}

result<std::string> principal_mapper::map(const std::string& dn) const {
    for (const auto& r : rules_) {
        if (r.is_default) return dn;
        if (!std::regex_match(dn, r.pattern)) continue;
        std::string name = std::regex_replace(dn, r.pattern, r.replacement);
        if (r.case_change == 'L')
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        else if (r.case_change == 'U')
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
        return name;
    }
    return make_error(protocol::error_code::sasl_authentication_failed, "No rules apply to " + dn + ", rules " + text_);
}

}  // namespace sluice::security
