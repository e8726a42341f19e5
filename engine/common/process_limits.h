// Process-wide limits a broker needs: each partition keeps three files open (.log, .index, .timeindex),
// so the default soft limit of 1024 descriptors caps a node at a few hundred partitions. Kafka's docs ask
// operators to raise it; we raise the soft limit to the hard limit ourselves at start.
#pragma once
#include <sys/resource.h>

#include <cstdint>

namespace sluice {

// Raises RLIMIT_NOFILE's soft limit to its hard limit; returns the soft limit now in force.
inline uint64_t raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return static_cast<uint64_t>(limit.rlim_cur);
}

}  // namespace sluice
