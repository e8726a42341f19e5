// How to reach one cluster: its bootstrap servers and how every connection to it is secured. One value per
// cluster, built once (command line, connection profile) and handed to every client the app opens to it.
#pragma once
#include <string>

#include "engine/client/client_security.h"

namespace sluice::client {

struct cluster_endpoint {
    std::string bootstrap;     // bootstrap.servers: "host:port" or a comma-separated list
    client_security security;  // PLAINTEXT unless set
};

}  // namespace sluice::client
