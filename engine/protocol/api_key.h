// The Kafka APIs by key, with the first version that uses the flexible (compact, tagged) encoding.
// This is the table of what exists on the wire; which versions a broker serves lives with its handlers.
#pragma once
#include <cstdint>
#include <string_view>

namespace sluice::protocol {

enum class api_key : int16_t {
    produce = 0, fetch = 1, list_offsets = 2, metadata = 3, offset_commit = 8, offset_fetch = 9,
    find_coordinator = 10, join_group = 11, heartbeat = 12, leave_group = 13, sync_group = 14,
    describe_groups = 15, list_groups = 16, sasl_handshake = 17, api_versions = 18, create_topics = 19,
    delete_topics = 20, delete_records = 21, init_producer_id = 22, offset_for_leader_epoch = 23,
    describe_acls = 29, create_acls = 30, delete_acls = 31, describe_configs = 32, alter_configs = 33,
    describe_log_dirs = 35, sasl_authenticate = 36, create_partitions = 37, delete_groups = 42,
    elect_leaders = 43, incremental_alter_configs = 44, alter_partition_reassignments = 45,
    list_partition_reassignments = 46, offset_delete = 47, describe_client_quotas = 48, alter_client_quotas = 49, vote = 52, begin_quorum_epoch = 53,
    end_quorum_epoch = 54, describe_quorum = 55, alter_partition = 56, fetch_snapshot = 59,
    describe_user_scram_credentials = 50, alter_user_scram_credentials = 51, describe_cluster = 60,
    broker_registration = 62, broker_heartbeat = 63, unregister_broker = 64,
};

struct api_info {
    api_key key;
    std::string_view name;
    int16_t first_flexible_version;  // never_flexible when the API has no flexible version
};

inline constexpr int16_t never_flexible = 0x7fff;

// nullptr for a key this table does not know.
const api_info* find_api(int16_t key);

inline bool is_flexible(const api_info& api, int16_t version) { return version >= api.first_flexible_version; }

}  // namespace sluice::protocol
