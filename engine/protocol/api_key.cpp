#include "engine/protocol/api_key.h"

#include <array>

namespace sluice::protocol {

namespace {
// Flexible-version boundaries from Kafka's message schemas ("flexibleVersions"). Most KRaft APIs are flexible
// from v0, but BeginQuorumEpoch and EndQuorumEpoch are not: their v0 is classic and v1 (Kafka 3.9+) the first
// flexible version.
constexpr std::array api_table{
    api_info{api_key::produce, "Produce", 9},
    api_info{api_key::fetch, "Fetch", 12},
    api_info{api_key::list_offsets, "ListOffsets", 6},
    api_info{api_key::metadata, "Metadata", 9},
    api_info{api_key::offset_commit, "OffsetCommit", 8},
    api_info{api_key::offset_fetch, "OffsetFetch", 6},
    api_info{api_key::find_coordinator, "FindCoordinator", 3},
    api_info{api_key::join_group, "JoinGroup", 6},
    api_info{api_key::heartbeat, "Heartbeat", 4},
    api_info{api_key::leave_group, "LeaveGroup", 4},
    api_info{api_key::sync_group, "SyncGroup", 4},
    api_info{api_key::describe_groups, "DescribeGroups", 5},
    api_info{api_key::list_groups, "ListGroups", 3},
    api_info{api_key::sasl_handshake, "SaslHandshake", never_flexible},
    api_info{api_key::api_versions, "ApiVersions", 3},
    api_info{api_key::create_topics, "CreateTopics", 5},
    api_info{api_key::delete_topics, "DeleteTopics", 4},
    api_info{api_key::delete_records, "DeleteRecords", 2},
    api_info{api_key::init_producer_id, "InitProducerId", 2},
    api_info{api_key::offset_for_leader_epoch, "OffsetForLeaderEpoch", 4},
    api_info{api_key::describe_acls, "DescribeAcls", 2},
    api_info{api_key::create_acls, "CreateAcls", 2},
    api_info{api_key::delete_acls, "DeleteAcls", 2},
    api_info{api_key::describe_configs, "DescribeConfigs", 4},
    api_info{api_key::alter_configs, "AlterConfigs", 2},
    api_info{api_key::describe_log_dirs, "DescribeLogDirs", 2},
    api_info{api_key::sasl_authenticate, "SaslAuthenticate", 2},
    api_info{api_key::create_partitions, "CreatePartitions", 2},
    api_info{api_key::delete_groups, "DeleteGroups", 2},
    api_info{api_key::elect_leaders, "ElectLeaders", 2},
    api_info{api_key::incremental_alter_configs, "IncrementalAlterConfigs", 1},
    api_info{api_key::alter_partition_reassignments, "AlterPartitionReassignments", 0},
    api_info{api_key::list_partition_reassignments, "ListPartitionReassignments", 0},
    api_info{api_key::offset_delete, "OffsetDelete", never_flexible},
    api_info{api_key::describe_client_quotas, "DescribeClientQuotas", 1},
    api_info{api_key::alter_client_quotas, "AlterClientQuotas", 1},
    api_info{api_key::vote, "Vote", 0},
    api_info{api_key::begin_quorum_epoch, "BeginQuorumEpoch", 1},
    api_info{api_key::end_quorum_epoch, "EndQuorumEpoch", 1},
    api_info{api_key::describe_quorum, "DescribeQuorum", 0},
    api_info{api_key::alter_partition, "AlterPartition", 0},
    api_info{api_key::fetch_snapshot, "FetchSnapshot", 0},
    api_info{api_key::describe_user_scram_credentials, "DescribeUserScramCredentials", 0},
    api_info{api_key::alter_user_scram_credentials, "AlterUserScramCredentials", 0},
    api_info{api_key::describe_cluster, "DescribeCluster", 0},
    api_info{api_key::broker_registration, "BrokerRegistration", 0},
    api_info{api_key::broker_heartbeat, "BrokerHeartbeat", 0},
    api_info{api_key::unregister_broker, "UnregisterBroker", 0},
};
}  // namespace

const api_info* find_api(int16_t key) {
    for (const auto& api : api_table)
        if (static_cast<int16_t>(api.key) == key) return &api;
    return nullptr;
}

}  // namespace sluice::protocol
