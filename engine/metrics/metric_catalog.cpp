#include "engine/metrics/metric_catalog.h"

#include <array>

namespace sluice::metrics {

namespace {

// Kafka's broker metrics (JMX MBeans) under the names the Prometheus JMX exporter's usual rules give them:
// kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=t becomes
// kafka_server_brokertopicmetrics_bytesin_total{topic="t"} (a meter becomes a counter of its count), a
// gauge keeps its name lowercased. Request latency is Kafka's TotalTimeMs as a Prometheus histogram in
// milliseconds, so dashboards keep Kafka's unit; its buckets cover a local append (sub-millisecond) up to a
// long-polling fetch or an acks=all produce waiting out its timeout.
const std::vector<double> request_time_buckets_ms{0.25, 0.5, 1,   2.5,  5,    10,   25,    50,
                                                  100,  250, 500, 1000, 2500, 5000, 10000, 30000};

using enum metric_id;
using enum metric_type;

const std::array<metric_definition, metric_count> definitions{{
    {bytes_in,
     "kafka_server_brokertopicmetrics_bytesin_total",
     counter,
     "Bytes of record batches appended by Produce requests to partitions this broker leads (BytesInPerSec); "
     "retried batches of idempotent producers are not counted again",
     {"topic"},
     {}},
    {bytes_out,
     "kafka_server_brokertopicmetrics_bytesout_total",
     counter,
     "Bytes of record batches returned to consumers by Fetch (BytesOutPerSec); follower fetches are "
     "replication_bytes_out",
     {"topic"},
     {}},
    {messages_in,
     "kafka_server_brokertopicmetrics_messagesin_total",
     counter,
     "Records appended by Produce requests to partitions this broker leads (MessagesInPerSec)",
     {"topic"},
     {}},
    {replication_bytes_in,
     "kafka_server_brokertopicmetrics_replicationbytesin_total",
     counter,
     "Bytes of record batches this broker appended as a follower, fetched from partition leaders "
     "(ReplicationBytesInPerSec)",
     {},
     {}},
    {replication_bytes_out,
     "kafka_server_brokertopicmetrics_replicationbytesout_total",
     counter,
     "Bytes of record batches this broker returned to followers' fetches (ReplicationBytesOutPerSec)",
     {},
     {}},
    {requests,
     "kafka_network_requestmetrics_requests_total",
     counter,
     "Requests served, by API name as Kafka spells it (RequestsPerSec)",
     {"request"},
     {}},
    {request_total_time_ms,
     "kafka_network_requestmetrics_totaltimems",
     histogram,
     "Milliseconds from a request's arrival at the broker to its response being ready, including long polls "
     "and acks=all waits (TotalTimeMs)",
     {"request"},
     request_time_buckets_ms},
    {under_replicated_partitions,
     "kafka_server_replicamanager_underreplicatedpartitions",
     gauge,
     "Partitions this broker leads whose ISR is smaller than their replica set (UnderReplicatedPartitions)",
     {},
     {}},
    {partition_count,
     "kafka_server_replicamanager_partitioncount",
     gauge,
     "Partition replicas hosted by this broker (PartitionCount)",
     {},
     {}},
    {leader_count,
     "kafka_server_replicamanager_leadercount",
     gauge,
     "Partitions this broker leads (LeaderCount)",
     {},
     {}},
    {isr_shrinks,
     "kafka_server_replicamanager_isrshrinks_total",
     counter,
     "Committed ISR changes of partitions this broker leads that removed a replica (IsrShrinksPerSec)",
     {},
     {}},
    {isr_expands,
     "kafka_server_replicamanager_isrexpands_total",
     counter,
     "Committed ISR changes of partitions this broker leads that added a replica (IsrExpandsPerSec)",
     {},
     {}},
    {active_controller_count,
     "kafka_controller_kafkacontroller_activecontrollercount",
     gauge,
     "1 on the active controller (the metadata quorum's leader), else 0 (ActiveControllerCount)",
     {},
     {}},
    {connection_count,
     "kafka_server_socketservermetrics_connection_count",
     gauge,
     "Open connections on each listener, clients' and other brokers' (socket-server-metrics connection-count)",
     {"listener"},
     {}},
    {num_groups,
     "kafka_coordinator_group_groupmetadatamanager_numgroups",
     gauge,
     "Consumer groups this broker coordinates (NumGroups)",
     {},
     {}},
    {num_groups_stable,
     "kafka_coordinator_group_groupmetadatamanager_numgroupsstable",
     gauge,
     "Coordinated groups in state Stable (NumGroupsStable)",
     {},
     {}},
    {num_groups_preparing_rebalance,
     "kafka_coordinator_group_groupmetadatamanager_numgroupspreparingrebalance",
     gauge,
     "Coordinated groups in state PreparingRebalance (NumGroupsPreparingRebalance)",
     {},
     {}},
    {num_groups_completing_rebalance,
     "kafka_coordinator_group_groupmetadatamanager_numgroupscompletingrebalance",
     gauge,
     "Coordinated groups in state CompletingRebalance (NumGroupsCompletingRebalance)",
     {},
     {}},
    {num_groups_empty,
     "kafka_coordinator_group_groupmetadatamanager_numgroupsempty",
     gauge,
     "Coordinated groups in state Empty (NumGroupsEmpty)",
     {},
     {}},
    {num_groups_dead,
     "kafka_coordinator_group_groupmetadatamanager_numgroupsdead",
     gauge,
     "Coordinated groups in state Dead (NumGroupsDead)",
     {},
     {}},
    {log_size,
     "kafka_log_log_size",
     gauge,
     "Bytes of a partition replica's log segments on this broker (Log Size)",
     {"topic", "partition"},
     {}},
}};

}  // namespace

// The table is indexed by id (tests/metrics checks that each entry sits at its id's place).
const metric_definition& definition(metric_id id) { return definitions.at(static_cast<std::size_t>(id)); }

std::span<const metric_definition> catalog() { return definitions; }

}  // namespace sluice::metrics
