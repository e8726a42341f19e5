#include "engine/metadata/effective_config.h"

#include <charconv>

namespace sluice::metadata {

namespace {
using protocol::config_source;

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A broker synonym in minutes or hours supplies a topic config in milliseconds; -1 (unlimited) stays -1.
std::optional<std::string> convert_unit(std::string_view synonym, const std::optional<std::string>& value) {
    if (!value) return value;
    int64_t factor = ends_with(synonym, ".hours") ? 3600000 : ends_with(synonym, ".minutes") ? 60000 : 1;
    if (factor == 1) return value;
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc{} || n < 0) return value;
    return std::to_string(n * factor);
}

// Every explicitly set level of one broker config, highest precedence first.
void broker_levels(const config_sources& s, std::string_view name, std::vector<config_synonym>& out) {
    std::string key(name);
    auto& dynamic = s.image.broker_configs();
    if (auto it = dynamic.find(std::to_string(s.node_id)); it != dynamic.end())
        if (auto v = it->second.find(key); v != it->second.end())
            out.push_back({key, v->second, config_source::dynamic_broker_config});
    if (auto it = dynamic.find(""); it != dynamic.end())
        if (auto v = it->second.find(key); v != it->second.end())
            out.push_back({key, v->second, config_source::dynamic_default_broker_config});
    if (s.static_config.has(key)) out.push_back({key, s.static_config.get_string(key), config_source::static_broker_config});
}

std::vector<std::string_view> split_synonyms(std::string_view list) {
    std::vector<std::string_view> names;
    while (!list.empty()) {
        auto comma = list.find(',');
        names.push_back(list.substr(0, comma));
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return names;
}

int64_t to_int(const std::string& text) {
    int64_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return n;
}
}  // namespace

resolved_config resolve_topic_config(const config_sources& s, const config_definition& def, const std::string& topic) {
    resolved_config out;
    out.definition = &def;
    std::string key(def.name);
    if (const auto* t = s.image.find_topic(topic))
        if (auto it = t->configs.find(key); it != t->configs.end())
            out.synonyms.push_back({key, it->second, config_source::topic_config});
    auto synonyms = split_synonyms(def.synonyms);
    for (auto synonym : synonyms) broker_levels(s, synonym, out.synonyms);
    // The default: the first broker synonym that has one (log.retention.hours=168), else the topic's own.
    bool defaulted = false;
    for (auto synonym : synonyms)
        if (const auto* bdef = find_config(synonym, config_scope::broker); bdef && !bdef->default_value.empty()) {
            out.synonyms.push_back({std::string(synonym), std::string(bdef->default_value), config_source::default_config});
            defaulted = true;
            break;
        }
    if (!defaulted) out.synonyms.push_back({key, std::string(def.default_value), config_source::default_config});
    const auto& first = out.synonyms.front();
    out.value = first.source == config_source::topic_config ? first.value : convert_unit(first.name, first.value);
    out.source = first.source;
    return out;
}

resolved_config resolve_broker_config(const config_sources& s, const config_definition& def) {
    resolved_config out;
    out.definition = &def;
    broker_levels(s, def.name, out.synonyms);
    if (!def.default_value.empty())
        out.synonyms.push_back({std::string(def.name), std::string(def.default_value), config_source::default_config});
    if (out.synonyms.empty()) {
        out.source = config_source::default_config;  // no value and no default (e.g. log.retention.ms)
    } else {
        out.value = out.synonyms.front().value;
        out.source = out.synonyms.front().source;
    }
    if (def.sensitive) {
        out.value.reset();
        for (auto& syn : out.synonyms) syn.value.reset();
    }
    return out;
}

std::string topic_config_value(const config_sources& s, const std::string& topic, std::string_view name) {
    const auto* def = find_config(name, config_scope::topic);
    return def ? resolve_topic_config(s, *def, topic).value.value_or("") : std::string();
}

std::string broker_config_value(const config_sources& s, std::string_view name) {
    const auto* def = find_config(name, config_scope::broker);
    if (!def) return s.static_config.get_string(std::string(name));
    return resolve_broker_config(s, *def).value.value_or("");
}

int64_t topic_config_int(const config_sources& s, const std::string& topic, std::string_view name) {
    return to_int(topic_config_value(s, topic, name));
}

int64_t broker_config_int(const config_sources& s, std::string_view name) { return to_int(broker_config_value(s, name)); }

}  // namespace sluice::metadata
