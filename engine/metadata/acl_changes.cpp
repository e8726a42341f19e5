#include "engine/metadata/acl_changes.h"

#include <algorithm>
#include <set>

#include "engine/metadata/acl_record.h"

namespace sluice::metadata {

std::vector<metadata_record> plan_acl_creations(const metadata_image& image,
                                                std::span<const security::acl_binding> creations,
                                                std::vector<acl_creation_outcome>& outcomes) {
    std::vector<metadata_record> records;
    std::vector<security::acl_binding> added;  // a binding twice in one request is created once
    for (const auto& binding : creations) {
        if (auto valid = security::validate_new_binding(binding); !valid) {
            outcomes.push_back({valid.err().code, valid.err().message});
            continue;
        }
        outcomes.push_back({});
        bool exists = std::ranges::any_of(image.acls(), [&](const auto& kv) { return kv.second == binding; }) ||
                      std::ranges::find(added, binding) != added.end();
        if (exists) continue;
        added.push_back(binding);
        records.push_back(acl_record_of(random_uuid(), binding));
    }
    return records;
}

std::vector<metadata_record> plan_acl_deletions(const metadata_image& image,
                                                std::span<const security::acl_filter> filters,
                                                std::vector<acl_deletion_outcome>& outcomes) {
    std::vector<metadata_record> records;
    std::set<std::array<uint8_t, 16>> removed;
    for (const auto& filter : filters) {
        auto& outcome = outcomes.emplace_back();
        if (auto valid = security::validate_filter(filter); !valid) {
            outcome.code = valid.err().code;
            outcome.message = valid.err().message;
            continue;
        }
        for (const auto& [id, binding] : image.acls()) {
            if (!security::filter_matches(filter, binding)) continue;
            outcome.removed.push_back(binding);
            if (removed.insert(id).second) records.push_back(remove_access_control_entry_record{uuid{id}});
        }
    }
    return records;
}

std::vector<security::acl_binding> matching_acls(const metadata_image& image, const security::acl_filter& filter) {
    std::vector<security::acl_binding> out;
    for (const auto& [id, binding] : image.acls())
        if (security::filter_matches(filter, binding)) out.push_back(binding);
    return out;
}

}  // namespace sluice::metadata
