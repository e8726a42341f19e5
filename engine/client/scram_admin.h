// SCRAM users through DescribeUserScramCredentials and AlterUserScramCredentials (KIP-554), as
// kafka-configs.sh --entity-type users does: which users have which mechanisms and iteration counts, and
// adding, changing or removing a user's credential. The password never leaves this process: the client salts
// and hashes it (random 32-byte salt) and sends only the salted password. Blocking, for a worker thread.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/security/scram.h"

namespace sluice::client {

struct scram_credential_info {
    security::scram_mechanism mechanism = security::scram_mechanism::sha512;
    int32_t iterations = 0;
};

struct scram_user_info {
    std::string user;
    int16_t error = 0;  // RESOURCE_NOT_FOUND for a user asked for by name that has no credential
    std::string message;
    std::vector<scram_credential_info> credentials;
};

struct scram_upsert {
    std::string user;
    security::scram_mechanism mechanism = security::scram_mechanism::sha512;
    std::string password;
    int32_t iterations = security::scram_min_iterations;
};

struct scram_removal {
    std::string user;
    security::scram_mechanism mechanism = security::scram_mechanism::sha512;
};

struct scram_outcome {
    std::string user;
    int16_t error = 0;  // Kafka's code, e.g. UNACCEPTABLE_CREDENTIAL for too few iterations
    std::string message;
    bool ok() const { return error == 0; }
};

class scram_admin {
public:
    explicit scram_admin(cluster_client& cluster) : cluster_(cluster) {}

    // Every user with a credential, or only `users`.
    result<std::vector<scram_user_info>> describe(std::optional<std::vector<std::string>> users = std::nullopt);
    // One outcome per user named, as the broker answers them.
    result<std::vector<scram_outcome>> alter(std::span<const scram_upsert> upserts,
                                             std::span<const scram_removal> removals = {});

private:
    cluster_client& cluster_;
};

}  // namespace sluice::client
