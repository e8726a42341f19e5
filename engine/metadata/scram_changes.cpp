#include "engine/metadata/scram_changes.h"

#include <algorithm>
#include <map>

namespace sluice::metadata {

namespace {
using protocol::error_code;

bool known_mechanism(int8_t m) { return m == scram_sha_256_id || m == scram_sha_512_id; }
}  // namespace

std::vector<metadata_record> plan_scram_changes(const metadata_image& image, std::span<const scram_deletion> deletions,
                                                std::span<const scram_upsertion> upsertions,
                                                std::vector<scram_user_outcome>& outcomes) {
    // Each user's first failure wins; a user named by more than one change is DUPLICATE_RESOURCE.
    std::vector<std::string> order;
    std::map<std::string, int> changes;
    std::map<std::string, scram_user_outcome> failed;
    auto note = [&](const std::string& user) {
        if (changes[user]++ == 0) order.push_back(user);
    };
    auto fail = [&](const std::string& user, error_code code, std::string message) {
        failed.try_emplace(user, scram_user_outcome{user, code, std::move(message)});
    };
    for (const auto& d : deletions) note(d.name);
    for (const auto& u : upsertions) note(u.name);
    for (const auto& [user, count] : changes)
        if (count > 1)
            fail(user, error_code::duplicate_resource, "A user credential cannot be altered twice in the same request");

    for (const auto& d : deletions) {
        if (d.name.empty())
            fail(d.name, error_code::unacceptable_credential, "Username must not be empty");
        else if (!known_mechanism(d.mechanism))
            fail(d.name, error_code::unsupported_sasl_mechanism, "Unknown SCRAM mechanism");
        else if (!image.find_scram_credential(d.name, d.mechanism))
            fail(d.name, error_code::resource_not_found, "Attempt to delete a user credential that does not exist");
    }
    for (const auto& u : upsertions) {
        if (u.name.empty())
            fail(u.name, error_code::unacceptable_credential, "Username must not be empty");
        else if (!known_mechanism(u.mechanism))
            fail(u.name, error_code::unsupported_sasl_mechanism, "Unknown SCRAM mechanism");
        else if (u.iterations < scram_min_iterations)
            fail(u.name, error_code::unacceptable_credential, "Too few iterations");
        else if (u.iterations > scram_max_iterations)
            fail(u.name, error_code::unacceptable_credential, "Too many iterations");
        else if (u.salt.empty() || u.stored_key.empty())
            fail(u.name, error_code::unacceptable_credential, "A credential needs a salt and a salted password");
    }

    std::vector<metadata_record> records;
    for (const auto& d : deletions)
        if (!failed.contains(d.name)) records.push_back(remove_user_scram_credential_record{d.name, d.mechanism});
    for (const auto& u : upsertions)
        if (!failed.contains(u.name))
            records.push_back(
                user_scram_credential_record{u.name, u.mechanism, u.salt, u.stored_key, u.server_key, u.iterations});
    for (const auto& user : order) {
        if (auto f = failed.find(user); f != failed.end())
            outcomes.push_back(f->second);
        else
            outcomes.push_back({user, error_code::none, {}});
    }
    return records;
}

}  // namespace sluice::metadata
