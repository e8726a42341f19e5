#include "engine/security/jaas_config.h"

#include <cctype>
#include <optional>

namespace sluice::security {

namespace {

class tokenizer {
public:
    explicit tokenizer(std::string_view text) : text_(text) {}

    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool at_end() {
        skip_space();
        return pos_ >= text_.size();
    }
    bool peek(char c) {
        skip_space();
        return pos_ < text_.size() && text_[pos_] == c;
    }
    bool take(char c) {
        if (!peek(c)) return false;
        ++pos_;
        return true;
    }
    // A bare word: letters, digits and the characters Java class names and option keys use.
    std::string word() {
        skip_space();
        std::size_t start = pos_;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '$' || c == '-' ||
                c == '/' || c == ':')
                ++pos_;
            else
                break;
        }
        return std::string(text_.substr(start, pos_ - start));
    }
    // "..." with \" and \\ escapes; nullopt when the closing quote is missing.
    std::optional<std::string> quoted() {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') return std::nullopt;
        std::string out;
        for (++pos_; pos_ < text_.size(); ++pos_) {
            char c = text_[pos_];
            if (c == '\\' && pos_ + 1 < text_.size()) {
                out += text_[++pos_];
            } else if (c == '"') {
                ++pos_;
                return out;
            } else {
                out += c;
            }
        }
        return std::nullopt;
    }
    std::size_t position() const { return pos_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

error bad(const tokenizer& t, const std::string& why) {
    return make_error(protocol::error_code::invalid_config,
                      "sasl.jaas.config: " + why + " at position " + std::to_string(t.position()));
}

}  // namespace

result<std::vector<jaas_module>> parse_jaas_config(std::string_view text) {
    tokenizer t(text);
    std::vector<jaas_module> modules;
    while (!t.at_end()) {
        jaas_module m;
        m.class_name = t.word();
        if (m.class_name.empty()) return bad(t, "expected a login module class name");
        m.flag = t.word();
        if (m.flag != "required" && m.flag != "requisite" && m.flag != "sufficient" && m.flag != "optional")
            return bad(t, "expected a control flag (required, requisite, sufficient, optional) after " + m.class_name +
                              ", got '" + m.flag + "'");
        while (!t.take(';')) {
            if (t.at_end()) return bad(t, "the entry for " + m.class_name + " must end with ';'");
            std::string key = t.word();
            if (key.empty()) return bad(t, "expected an option name");
            if (!t.take('=')) return bad(t, "expected '=' after option " + key);
            std::string value;
            if (t.peek('"')) {
                auto q = t.quoted();
                if (!q) return bad(t, "unterminated quoted value of option " + key);
                value = std::move(*q);
            } else {
                value = t.word();
                if (value.empty()) return bad(t, "expected a value for option " + key);
            }
            m.options[key] = std::move(value);
        }
        modules.push_back(std::move(m));
    }
    if (modules.empty()) return bad(t, "no login module");
    return modules;
}

std::map<std::string, std::string> plain_users_of(const jaas_module& module) {
    std::map<std::string, std::string> users;
    constexpr std::string_view prefix = "user_";
    for (const auto& [key, value] : module.options)
        if (key.starts_with(prefix) && key.size() > prefix.size()) users[key.substr(prefix.size())] = value;
    return users;
}

}  // namespace sluice::security
