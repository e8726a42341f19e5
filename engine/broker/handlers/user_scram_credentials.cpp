// DescribeUserScramCredentials and AlterUserScramCredentials (KIP-554). Alter runs on the active controller
// (forwarded there by the handler table): the client sends a salted password, this broker derives StoredKey
// and ServerKey from it and commits only those, with the salt and iterations, as metadata records.
#include <map>
#include <set>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/security_handlers.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/scram_changes.h"
#include "engine/security/scram.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

void add_credentials(protocol::describe_user_scram_credentials_response::user_result& out,
                     const std::map<int8_t, metadata::scram_credential_state>& mechanisms) {
    for (const auto& [mechanism, c] : mechanisms) out.credential_infos.push_back({mechanism, c.iterations});
}
}  // namespace

awaitable<std::optional<protocol::describe_user_scram_credentials_response>> handle_describe_user_scram_credentials(
    request_context& ctx, protocol::describe_user_scram_credentials_request& request) {
    protocol::describe_user_scram_credentials_response response;
    const auto& users = ctx.broker.controller.image().scram_users();
    if (!request.users || request.users->empty()) {
        for (const auto& [name, mechanisms] : users) {
            auto& out = response.results.emplace_back();
            out.user = name;
            add_credentials(out, mechanisms);
        }
        co_return response;
    }
    std::map<std::string, int> asked;
    for (const auto& u : *request.users) ++asked[u.name];
    std::set<std::string> answered;
    for (const auto& u : *request.users) {
        if (!answered.insert(u.name).second) continue;
        auto& out = response.results.emplace_back();
        out.user = u.name;
        if (asked[u.name] > 1) {
            out.error_code = static_cast<int16_t>(error_code::duplicate_resource);
            out.error_message = "Cannot describe SCRAM credentials for the same user twice in a single request";
        } else if (auto it = users.find(u.name); it == users.end()) {
            out.error_code = static_cast<int16_t>(error_code::resource_not_found);
            out.error_message = "Attempt to describe a user credential that does not exist";
        } else {
            add_credentials(out, it->second);
        }
    }
    co_return response;
}

awaitable<std::optional<protocol::alter_user_scram_credentials_response>> handle_alter_user_scram_credentials(
    request_context& ctx, protocol::alter_user_scram_credentials_request& request) {
    if (!may_alter_cluster(ctx)) {
        protocol::alter_user_scram_credentials_response refused;
        std::set<std::string> seen;
        for (const auto& d : request.deletions)
            if (seen.insert(d.name).second) refused.results.push_back({d.name, 0, std::nullopt});
        for (const auto& u : request.upsertions)
            if (seen.insert(u.name).second) refused.results.push_back({u.name, 0, std::nullopt});
        for (auto& r : refused.results)
            r.error_code = static_cast<int16_t>(error_code::cluster_authorization_failed);
        co_return refused;
    }
    std::vector<metadata::scram_deletion> deletions;
    for (const auto& d : request.deletions) deletions.push_back({d.name, d.mechanism});
    std::vector<metadata::scram_upsertion> upsertions;
    for (const auto& u : request.upsertions) {
        metadata::scram_upsertion out{u.name, u.mechanism, u.iterations, u.salt, {}, {}};
        // Keys only for what the checks will accept; the salted password itself goes no further.
        if (auto mechanism = security::scram_mechanism_from_id(u.mechanism); mechanism && !u.salted_password.empty()) {
            auto credential =
                security::scram_credential_from_salted(*mechanism, u.salted_password, u.salt, u.iterations);
            out.stored_key = std::move(credential.stored_key);
            out.server_key = std::move(credential.server_key);
        }
        upsertions.push_back(std::move(out));
    }
    std::vector<metadata::scram_user_outcome> outcomes;
    metadata_writer::plan plan = [&](const metadata::controller& c) -> result<metadata::controller::records> {
        outcomes.clear();
        return metadata::plan_scram_changes(c.image(), deletions, upsertions, outcomes);
    };
    auto committed = co_await ctx.broker.writer.submit(std::move(plan));
    protocol::alter_user_scram_credentials_response response;
    for (const auto& o : outcomes) {
        auto& out = response.results.emplace_back();
        out.user = o.user;
        out.error_code = static_cast<int16_t>(committed || o.code != error_code::none ? o.code : committed.err().code);
        if (!committed && o.code == error_code::none)
            out.error_message = committed.err().message;
        else if (!o.message.empty())
            out.error_message = o.message;
    }
    if (outcomes.empty() && !committed) {
        // The plan never ran (not the controller): every user named gets the reason.
        std::set<std::string> seen;
        for (const auto& d : deletions)
            if (seen.insert(d.name).second)
                response.results.push_back(
                    {d.name, static_cast<int16_t>(committed.err().code), committed.err().message});
        for (const auto& u : upsertions)
            if (seen.insert(u.name).second)
                response.results.push_back(
                    {u.name, static_cast<int16_t>(committed.err().code), committed.err().message});
    }
    co_return response;
}

}  // namespace sluice::broker
