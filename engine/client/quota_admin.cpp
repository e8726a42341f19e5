#include "engine/client/quota_admin.h"

#include "engine/protocol/messages/client_quotas.h"

namespace sluice::client {

using protocol::error_code;

namespace {

quota_entity entity_of(const std::vector<protocol::client_quota_entity_data>& parts) {
    quota_entity out;
    for (const auto& p : parts) out.push_back({p.entity_type, p.entity_name});
    return out;
}

std::vector<protocol::client_quota_entity_data> wire_entity(const quota_entity& entity) {
    std::vector<protocol::client_quota_entity_data> out;
    for (const auto& p : entity) out.push_back({p.type, p.name});
    return out;
}

}  // namespace

result<std::vector<quota_entry>> quota_admin::describe(std::span<const quota_match> matches, bool strict) {
    protocol::describe_client_quotas_request request;
    for (const auto& m : matches)
        request.components.push_back(
            {m.type, static_cast<int8_t>(m.match),
             m.match == quota_match::kind::exact ? std::optional<std::string>(m.name) : std::nullopt});
    request.strict = strict;
    auto answer = cluster_.ask_any_broker<protocol::describe_client_quotas_api>(request);
    if (!answer) return answer.err();
    if (answer->error_code != 0)
        return make_error(static_cast<error_code>(answer->error_code),
                          answer->error_message.value_or("DescribeClientQuotas failed with error " +
                                                         std::to_string(answer->error_code)));
    std::vector<quota_entry> out;
    for (const auto& e :
         answer->entries.value_or(std::vector<protocol::describe_client_quotas_response::entry_data>{})) {
        auto& entry = out.emplace_back();
        entry.entity = entity_of(e.entity);
        for (const auto& v : e.values) entry.values[v.key] = v.value;
    }
    return out;
}

result<std::vector<quota_outcome>> quota_admin::alter(std::span<const quota_change> changes, bool validate_only) {
    protocol::alter_client_quotas_request request;
    request.validate_only = validate_only;
    for (const auto& c : changes) {
        auto& entry = request.entries.emplace_back();
        entry.entity = wire_entity(c.entity);
        for (const auto& [key, value] : c.keys) entry.ops.push_back({key, value.value_or(0), !value.has_value()});
    }
    auto answer = cluster_.ask_any_broker<protocol::alter_client_quotas_api>(request);
    if (!answer) return answer.err();
    std::vector<quota_outcome> out;
    for (const auto& e : answer->entries)
        out.push_back({entity_of(e.entity), e.error_code, e.error_message.value_or("")});
    return out;
}

}  // namespace sluice::client
