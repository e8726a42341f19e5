#include "engine/metadata/config_values.h"

#include <charconv>
#include <fstream>

namespace sluice::metadata {

namespace {
std::string trim(std::string_view s) {
    auto start = s.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) return {};
    auto end = s.find_last_not_of(" \t\r");
    return std::string(s.substr(start, end - start + 1));
}
}  // namespace

result<void> config_values::set(const std::string& name, const std::string& value) {
    const auto* def = find_config(name);
    if (!def) def = find_listener_override(name);
    if (def) {
        if (auto ok = validate_config_value(*def, value); !ok)
            return make_error(ok.err().code,
                              def->name == name ? ok.err().message : ok.err().message + " (in " + name + ")");
    }
    values_[name] = value;
    return {};
}

result<void> config_values::load_properties_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return make_error(protocol::error_code::invalid_config, "cannot read config file " + file.string());
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        std::string text = trim(line);
        if (text.empty() || text[0] == '#' || text[0] == '!') continue;
        auto sep = text.find_first_of("=:");
        if (sep == std::string::npos)
            return make_error(protocol::error_code::invalid_config,
                              file.string() + ":" + std::to_string(line_number) + ": expected key=value");
        auto ok = set(trim(text.substr(0, sep)), trim(text.substr(sep + 1)));
        if (!ok)
            return make_error(ok.err().code, file.string() + ":" + std::to_string(line_number) + ": " + ok.err().message);
    }
    return {};
}

std::string config_values::get_string(const std::string& name) const {
    if (auto it = values_.find(name); it != values_.end()) return it->second;
    if (const auto* def = find_config(name)) return std::string(def->default_value);
    return {};
}

int64_t config_values::get_int(const std::string& name) const {
    std::string text = get_string(name);
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

bool config_values::get_bool(const std::string& name) const { return get_string(name) == "true"; }

std::vector<std::string> config_values::unknown_names() const {
    std::vector<std::string> names;
    for (const auto& [name, value] : values_)
        if (!find_config(name) && !find_listener_override(name)) names.push_back(name);
    return names;
}

}  // namespace sluice::metadata
