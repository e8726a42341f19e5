#include "engine/client/client_versions.h"

#include <array>

namespace sluice::client {

namespace {
using protocol::api_key;
// Why the floors are where they are:
//  - Metadata from v1: v0 cannot ask for "no topics" (an empty list means all), and controller_id is v1+.
//  - Produce from v3 and Fetch from v4: the first versions that carry record batch v2, the only format we build.
//  - ListOffsets from v1: v0 answers with a list of offsets instead of one offset and timestamp.
//  - OffsetFetch/OffsetCommit from v2: v0/v1 kept offsets in ZooKeeper on old brokers.
//  - JoinGroup from v1: v0 has no rebalance timeout.
// The ceilings are the versions our message definitions (engine/protocol/messages) encode and decode.
constexpr std::array table{
    client_api_versions{api_key::produce, {3, 8}},
    client_api_versions{api_key::fetch, {4, 11}},
    client_api_versions{api_key::list_offsets, {1, 5}},
    client_api_versions{api_key::metadata, {1, 9}},
    client_api_versions{api_key::offset_commit, {2, 8}},
    client_api_versions{api_key::offset_fetch, {2, 8}},
    client_api_versions{api_key::find_coordinator, {0, 4}},
    client_api_versions{api_key::join_group, {1, 7}},
    client_api_versions{api_key::heartbeat, {0, 4}},
    client_api_versions{api_key::leave_group, {0, 4}},
    client_api_versions{api_key::sync_group, {0, 5}},
    client_api_versions{api_key::describe_groups, {0, 5}},
    client_api_versions{api_key::list_groups, {0, 4}},
    client_api_versions{api_key::api_versions, {0, 3}},
    client_api_versions{api_key::sasl_handshake, {1, 1}},  // v0 sends the tokens unframed
    client_api_versions{api_key::sasl_authenticate, {0, 2}},
    client_api_versions{api_key::create_topics, {0, 4}},
    client_api_versions{api_key::delete_topics, {0, 5}},
    client_api_versions{api_key::delete_records, {0, 2}},
    client_api_versions{api_key::describe_configs, {0, 4}},
    client_api_versions{api_key::alter_configs, {0, 2}},
    client_api_versions{api_key::describe_log_dirs, {0, 2}},
    client_api_versions{api_key::create_partitions, {0, 3}},
    client_api_versions{api_key::delete_groups, {0, 2}},
    client_api_versions{api_key::incremental_alter_configs, {0, 1}},
    client_api_versions{api_key::offset_delete, {0, 0}},
    client_api_versions{api_key::describe_cluster, {0, 0}},
    client_api_versions{api_key::describe_quorum, {0, 1}},
    client_api_versions{api_key::elect_leaders, {0, 2}},
    client_api_versions{api_key::alter_partition_reassignments, {0, 0}},
    client_api_versions{api_key::list_partition_reassignments, {0, 0}},
    client_api_versions{api_key::offset_for_leader_epoch, {0, 4}},
    // ACL admin from v1: v0 has no pattern type (LITERAL only).
    client_api_versions{api_key::describe_acls, {1, 3}},
    client_api_versions{api_key::create_acls, {1, 3}},
    client_api_versions{api_key::delete_acls, {1, 3}},
    client_api_versions{api_key::describe_user_scram_credentials, {0, 0}},
    client_api_versions{api_key::alter_user_scram_credentials, {0, 0}},
    client_api_versions{api_key::describe_client_quotas, {0, 1}},
    client_api_versions{api_key::alter_client_quotas, {0, 1}},
};
}  // namespace

std::span<const client_api_versions> client_versions() { return table; }

const version_range* find_client_versions(protocol::api_key key) {
    for (const auto& entry : table)
        if (entry.key == key) return &entry.versions;
    return nullptr;
}

}  // namespace sluice::client
