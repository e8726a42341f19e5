// The engine's one way to report something an operator should see: a line on stderr, written whole so
// lines from several threads never interleave.
#pragma once
#include <string_view>

namespace sluice {

void log_warning(std::string_view message);

}  // namespace sluice
