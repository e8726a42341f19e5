// AlterUserScramCredentials' checks as Kafka's controller makes them, per user, against the metadata image:
// known mechanism, a user name, 4096..16384 iterations, no user twice in one request, no deleting what does
// not exist. The users that pass become user_scram_credential_records / remove records.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"

namespace sluice::metadata {

// An upsertion whose keys the broker already derived from the client's salted password.
struct scram_upsertion {
    std::string name;
    int8_t mechanism = 0;
    int32_t iterations = 0;
    protocol::bytes salt;
    protocol::bytes stored_key;
    protocol::bytes server_key;
};

struct scram_deletion {
    std::string name;
    int8_t mechanism = 0;
};

struct scram_user_outcome {
    std::string user;
    protocol::error_code code = protocol::error_code::none;
    std::string message;
};

// Appends one outcome per distinct user (in order of first appearance) and returns the records of the users
// whose every change passed; a user with one bad change gets none of its changes, as in Kafka.
std::vector<metadata_record> plan_scram_changes(const metadata_image& image, std::span<const scram_deletion> deletions,
                                                std::span<const scram_upsertion> upsertions,
                                                std::vector<scram_user_outcome>& outcomes);

inline constexpr int8_t scram_sha_256_id = 1;
inline constexpr int8_t scram_sha_512_id = 2;
inline constexpr int32_t scram_min_iterations = 4096;
inline constexpr int32_t scram_max_iterations = 16384;

}  // namespace sluice::metadata
