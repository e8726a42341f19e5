// Declarations of the admin API handlers (topics, partitions, configs, records, cluster, log dirs). Each
// turns its request into controller calls or log reads and answers per topic/resource with Kafka's codes.
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_records.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace sluice::broker {

awaitable<std::optional<protocol::create_topics_response>> handle_create_topics(request_context&, protocol::create_topics_request&);
awaitable<std::optional<protocol::delete_topics_response>> handle_delete_topics(request_context&, protocol::delete_topics_request&);
awaitable<std::optional<protocol::create_partitions_response>> handle_create_partitions(request_context&, protocol::create_partitions_request&);
awaitable<std::optional<protocol::describe_configs_response>> handle_describe_configs(request_context&, protocol::describe_configs_request&);
awaitable<std::optional<protocol::alter_configs_response>> handle_alter_configs(request_context&, protocol::alter_configs_request&);
awaitable<std::optional<protocol::alter_configs_response>> handle_incremental_alter_configs(request_context&, protocol::incremental_alter_configs_request&);
awaitable<std::optional<protocol::delete_records_response>> handle_delete_records(request_context&, protocol::delete_records_request&);
awaitable<std::optional<protocol::describe_cluster_response>> handle_describe_cluster(request_context&, protocol::describe_cluster_request&);
awaitable<std::optional<protocol::describe_log_dirs_response>> handle_describe_log_dirs(request_context&, protocol::describe_log_dirs_request&);

}  // namespace sluice::broker
