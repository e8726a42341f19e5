// The two tables the config registry (config_definition.h) is built from. Only the registry reads these:
// everyone else asks config_definitions()/find_config().
#pragma once
#include <span>

#include "engine/metadata/config_definition.h"

namespace sluice::metadata {

// Configs Sluice acts on (config_definition.cpp).
std::span<const config_definition> effective_config_table();
// Kafka 3.x configs accepted, stored and described but without effect here (config_compatibility.cpp).
std::span<const config_definition> compatibility_config_table();

}  // namespace sluice::metadata
