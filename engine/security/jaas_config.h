// Kafka's sasl.jaas.config values, in JAAS syntax:
//   <LoginModule class> <flag> [<option>=<value>]... ; [another module ...]
// with values quoted ("admin-secret", backslash escapes) or bare words. Parsing only.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

namespace sluice::security {

struct jaas_module {
    std::string class_name;  // org.apache.kafka.common.security.plain.PlainLoginModule
    std::string flag;        // required, requisite, sufficient or optional
    std::map<std::string, std::string> options;
};

// INVALID_CONFIG with the position and reason on a syntax error, an unknown flag or a missing ';'.
result<std::vector<jaas_module>> parse_jaas_config(std::string_view text);

// The user_<name>="<password>" options of a PlainLoginModule entry, as name → password.
std::map<std::string, std::string> plain_users_of(const jaas_module& module);

}  // namespace sluice::security
