#include "engine/client/acl_admin.h"

#include "engine/protocol/messages/acls.h"

namespace sluice::client {

using protocol::error_code;

namespace {

security::acl_binding binding_of(int8_t type, std::string name, int8_t pattern, std::string principal, std::string host,
                                 int8_t operation, int8_t permission) {
    return {{security::resource_type_from_code(type), std::move(name), security::pattern_type_from_code(pattern)},
            {std::move(principal), std::move(host), security::acl_operation_from_code(operation),
             security::acl_permission_from_code(permission)}};
}

template <class Request>
void fill_filter(Request& out, const security::acl_filter& f) {
    out.resource_type_filter = static_cast<int8_t>(f.type);
    out.resource_name_filter = f.name;
    out.pattern_type_filter = static_cast<int8_t>(f.pattern);
    out.principal_filter = f.principal;
    out.host_filter = f.host;
    out.operation = static_cast<int8_t>(f.operation);
    out.permission_type = static_cast<int8_t>(f.permission);
}

}  // namespace

result<std::vector<security::acl_binding>> acl_admin::describe(const security::acl_filter& filter) {
    protocol::describe_acls_request request;
    fill_filter(request, filter);
    auto answer = cluster_.ask_any_broker<protocol::describe_acls_api>(request);
    if (!answer) return answer.err();
    if (answer->error_code != 0)
        return make_error(
            static_cast<error_code>(answer->error_code),
            answer->error_message.value_or("DescribeAcls failed with error " + std::to_string(answer->error_code)));
    std::vector<security::acl_binding> out;
    for (const auto& r : answer->resources)
        for (const auto& a : r.acls)
            out.push_back(binding_of(r.resource_type, r.resource_name, r.pattern_type, a.principal, a.host, a.operation,
                                     a.permission_type));
    return out;
}

result<std::vector<acl_outcome>> acl_admin::create(std::span<const security::acl_binding> bindings) {
    protocol::create_acls_request request;
    for (const auto& b : bindings)
        request.creations.push_back({static_cast<int8_t>(b.pattern.type), b.pattern.name,
                                     static_cast<int8_t>(b.pattern.pattern), b.entry.principal, b.entry.host,
                                     static_cast<int8_t>(b.entry.operation), static_cast<int8_t>(b.entry.permission)});
    auto answer = cluster_.ask_any_broker<protocol::create_acls_api>(request);
    if (!answer) return answer.err();
    if (answer->results.size() != bindings.size())
        return make_error(error_code::corrupt_message, "CreateAcls answered " + std::to_string(answer->results.size()) +
                                                           " results for " + std::to_string(bindings.size()) + " ACLs");
    std::vector<acl_outcome> out;
    for (const auto& r : answer->results) out.push_back({r.error_code, r.error_message.value_or("")});
    return out;
}

result<std::vector<acl_deletion>> acl_admin::remove(std::span<const security::acl_filter> filters) {
    protocol::delete_acls_request request;
    for (const auto& f : filters) fill_filter(request.filters.emplace_back(), f);
    auto answer = cluster_.ask_any_broker<protocol::delete_acls_api>(request);
    if (!answer) return answer.err();
    if (answer->filter_results.size() != filters.size())
        return make_error(error_code::corrupt_message,
                          "DeleteAcls answered " + std::to_string(answer->filter_results.size()) + " results for " +
                              std::to_string(filters.size()) + " filters");
    std::vector<acl_deletion> out;
    for (const auto& r : answer->filter_results) {
        auto& d = out.emplace_back();
        d.error = r.error_code;
        d.message = r.error_message.value_or("");
        for (const auto& m : r.matching_acls)
            d.deleted.push_back(binding_of(m.resource_type, m.resource_name, m.pattern_type, m.principal, m.host,
                                           m.operation, m.permission_type));
    }
    return out;
}

}  // namespace sluice::client
