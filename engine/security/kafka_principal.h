// Who a connection is, as Kafka names it for authorizers and logs: "User:alice", "User:CN=host,OU=ops",
// or User:ANONYMOUS before (or without) authentication.
#pragma once
#include <string>

namespace sluice::security {

struct kafka_principal {
    std::string type = "User";
    std::string name = "ANONYMOUS";
    std::string to_string() const { return type + ":" + name; }
    bool anonymous() const { return type == "User" && name == "ANONYMOUS"; }
    friend bool operator==(const kafka_principal&, const kafka_principal&) = default;
};

inline kafka_principal user_principal(std::string name) { return {"User", std::move(name)}; }

}  // namespace sluice::security
