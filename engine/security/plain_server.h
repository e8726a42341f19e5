// SASL PLAIN (RFC 4616) against the users of a PlainLoginModule JAAS entry (user_<name>="<password>").
#pragma once
#include <map>
#include <memory>
#include <string>

#include "engine/security/sasl_server.h"

namespace sluice::security {

using plain_users = std::map<std::string, std::string>;  // user name → password

class plain_server final : public sasl_server {
public:
    explicit plain_server(std::shared_ptr<const plain_users> users) : users_(std::move(users)) {}
    result<sasl_step> evaluate(std::span<const uint8_t> token) override;

private:
    std::shared_ptr<const plain_users> users_;
    bool done_ = false;
};

}  // namespace sluice::security
