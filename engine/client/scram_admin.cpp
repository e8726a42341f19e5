#include "engine/client/scram_admin.h"

#include "engine/protocol/messages/user_scram_credentials.h"
#include "engine/security/crypto.h"

namespace sluice::client {

using protocol::error_code;

result<std::vector<scram_user_info>> scram_admin::describe(std::optional<std::vector<std::string>> users) {
    protocol::describe_user_scram_credentials_request request;
    if (users) {
        request.users.emplace();
        for (auto& u : *users) request.users->push_back({std::move(u)});
    }
    auto answer = cluster_.ask_any_broker<protocol::describe_user_scram_credentials_api>(request);
    if (!answer) return answer.err();
    if (answer->error_code != 0)
        return make_error(static_cast<error_code>(answer->error_code),
                          answer->error_message.value_or("DescribeUserScramCredentials failed with error " +
                                                         std::to_string(answer->error_code)));
    std::vector<scram_user_info> out;
    for (const auto& r : answer->results) {
        auto& info = out.emplace_back();
        info.user = r.user;
        info.error = r.error_code;
        info.message = r.error_message.value_or("");
        for (const auto& c : r.credential_infos)
            if (auto m = security::scram_mechanism_from_id(c.mechanism)) info.credentials.push_back({*m, c.iterations});
    }
    return out;
}

result<std::vector<scram_outcome>> scram_admin::alter(std::span<const scram_upsert> upserts,
                                                      std::span<const scram_removal> removals) {
    protocol::alter_user_scram_credentials_request request;
    for (const auto& r : removals) request.deletions.push_back({r.user, static_cast<int8_t>(r.mechanism)});
    for (const auto& u : upserts) {
        auto salt = security::random_bytes(32);
        auto salted = security::scram_salted_password(u.mechanism, u.password, salt, u.iterations);
        request.upsertions.push_back({u.user, static_cast<int8_t>(u.mechanism), u.iterations,
                                      protocol::bytes(salt.begin(), salt.end()),
                                      protocol::bytes(salted.begin(), salted.end())});
    }
    auto answer = cluster_.ask_any_broker<protocol::alter_user_scram_credentials_api>(request);
    if (!answer) return answer.err();
    std::vector<scram_outcome> out;
    for (const auto& r : answer->results) out.push_back({r.user, r.error_code, r.error_message.value_or("")});
    return out;
}

}  // namespace sluice::client
