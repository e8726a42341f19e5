// A set of config values keyed by Kafka's names, checked against the registry, with typed reads that fall
// back to the registry's defaults. Used for the broker's own configs (server.properties, --set).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/metadata/config_definition.h"

namespace sluice::metadata {

class config_values {
public:
    // Sets one value after validating it. Unknown names are kept and reported by unknown_names(), as Kafka
    // keeps unknown configs and warns about them.
    result<void> set(const std::string& name, const std::string& value);
    // Reads a Java-properties style file (key=value or key: value, # and ! comments, blank lines).
    result<void> load_properties_file(const std::filesystem::path& file);

    bool has(const std::string& name) const { return values_.contains(name); }
    std::string get_string(const std::string& name) const;
    int64_t get_int(const std::string& name) const;
    bool get_bool(const std::string& name) const;
    std::vector<std::string> unknown_names() const;
    const std::map<std::string, std::string>& explicit_values() const { return values_; }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace sluice::metadata
