#include "engine/common/log.h"

#include <cstdio>
#include <string>

namespace sluice {

void log_warning(std::string_view message) {
    std::string line = "sluice: ";
    line.append(message);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);  // one write: stderr is unbuffered
}

}  // namespace sluice
