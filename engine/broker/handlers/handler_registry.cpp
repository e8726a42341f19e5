#include "engine/broker/handlers/handler_registry.h"

#include <array>
#include <chrono>

#include "engine/broker/authorization.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/handlers/client_quota_handlers.h"
#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/broker/handlers/handlers.h"
#include "engine/broker/handlers/producer_handlers.h"
#include "engine/broker/handlers/quorum_handlers.h"
#include "engine/broker/handlers/security_handlers.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/common/log.h"

namespace sluice::broker {

namespace {

protocol::bytes encode_response_frame(const request_context& ctx, const auto& response) {
    protocol::bytes out;
    protocol::wire_writer w(out);
    protocol::write_response_header(w, ctx.header.api_key, ctx.header.api_version, ctx.header.correlation_id);
    const auto* api = protocol::find_api(ctx.header.api_key);
    protocol::encode_message(response, {ctx.version(), api && protocol::is_flexible(*api, ctx.version())}, out);
    return out;
}

using request_gate = bool (*)(const request_context&);

// Adapts a typed handler to the table's raw signature: decode, call, encode. A request its Gate refuses is
// answered CLUSTER_AUTHORIZATION_FAILED as a whole when the response has a top-level error code; the other
// gated handlers (per-item answers) check the gate themselves.
template <class Api, auto Handler, auto Gate = nullptr>
awaitable<net::handler_outcome> adapt(request_context& ctx, protocol::wire_reader& reader) {
    typename Api::request request;
    const auto* api = protocol::find_api(static_cast<int16_t>(Api::key));
    if (!protocol::decode_message(request, reader, {ctx.version(), protocol::is_flexible(*api, ctx.version())}))
        co_return net::handler_outcome{std::nullopt, true};  // malformed body: Kafka closes the connection
    if constexpr (!std::is_same_v<decltype(Gate), std::nullptr_t> &&
                  requires(typename Api::response r) { r.error_code = int16_t{}; }) {
        if (!Gate(ctx)) {
            typename Api::response refused;
            refused.error_code = static_cast<int16_t>(protocol::error_code::cluster_authorization_failed);
            co_return net::handler_outcome{encode_response_frame(ctx, refused), false};
        }
    }
    auto response = co_await Handler(ctx, request);
    if (!response) co_return net::handler_outcome{};
    co_return net::handler_outcome{encode_response_frame(ctx, *response), false};
}

// The nodes' own connections to each other (quorum_peer) name themselves so: what one of them sends is
// served where it arrives, never forwarded again, so two nodes that each think the other leads cannot
// bounce a request between them.
bool sent_by_a_node(const protocol::request_header& header) { return header.client_id == "sluice-quorum"; }

// KIP-590 forwarding: the request body goes unchanged, at the client's version, over this node's connection
// to the active controller, and the controller's answer comes back under the client's correlation id.
// nullopt when there is no other controller to ask or it did not answer: the local handler then says
// NOT_CONTROLLER and the client retries, as Kafka's clients do.
awaitable<std::optional<net::handler_outcome>> forward_to_controller(request_context& ctx,
                                                                     protocol::wire_reader& reader) {
    auto& quorum = ctx.broker.quorum;
    const auto leader = quorum.leader();
    if (quorum.is_leader() || !leader || *leader == ctx.broker.node_id || sent_by_a_node(ctx.header))
        co_return std::nullopt;
    auto conn = co_await quorum.connection_to(*leader);
    if (!conn) co_return std::nullopt;
    auto body = reader.read_raw(reader.remaining());
    auto reply = co_await conn.value()->send_raw(static_cast<protocol::api_key>(ctx.header.api_key), ctx.version(),
                                                 protocol::bytes(body.begin(), body.end()), std::chrono::seconds(30));
    if (!reply) co_return std::nullopt;
    protocol::bytes out;
    protocol::wire_writer w(out);
    protocol::write_response_header(w, ctx.header.api_key, ctx.header.api_version, ctx.header.correlation_id);
    out.insert(out.end(), reply.value().begin(), reply.value().end());
    co_return net::handler_outcome{std::move(out), false};
}

// A table row whose whole request the authorizer allows or refuses with `Gate` (before forwarding, too).
template <class Api, auto Handler, request_gate Gate>
constexpr handler_entry gated(int16_t min_version, int16_t max_version, served_by where = served_by::any_node) {
    return {Api::key, min_version, max_version, &adapt<Api, Handler, Gate>, where, Gate};
}

using namespace protocol;
// Produce starts at v0: v0-v2 message sets are up-converted to batch v2 on append, and librdkafka <= 2.11
// only enables gzip/snappy/lz4 when the broker's Produce range includes v0 (it would silently send
// uncompressed otherwise). Fetch starts at v4, the first that carries batch v2, the only format we store;
// v12 is what the metadata quorum's followers send (a v12 fetch of other partitions is served as v11).
const std::array handlers{
    handler_entry{api_key::produce, 0, 8, &adapt<produce_api, handle_produce>},
    handler_entry{api_key::fetch, 4, 12, &adapt<fetch_api, handle_fetch>},
    handler_entry{api_key::list_offsets, 0, 5, &adapt<list_offsets_api, handle_list_offsets>},
    handler_entry{api_key::metadata, 0, 9, &adapt<metadata_api, handle_metadata>},
    handler_entry{api_key::api_versions, 0, 3, &adapt<api_versions_api, handle_api_versions>},
    handler_entry{api_key::create_topics, 0, 4, &adapt<create_topics_api, handle_create_topics>, served_by::controller,
                  &forwardable_unchecked},
    handler_entry{api_key::delete_topics, 0, 5, &adapt<delete_topics_api, handle_delete_topics>, served_by::controller,
                  &forwardable_unchecked},
    handler_entry{api_key::create_partitions, 0, 3, &adapt<create_partitions_api, handle_create_partitions>,
                  served_by::controller, &forwardable_unchecked},
    handler_entry{api_key::describe_configs, 0, 4, &adapt<describe_configs_api, handle_describe_configs>},
    handler_entry{api_key::alter_configs, 0, 2, &adapt<alter_configs_api, handle_alter_configs>, served_by::controller,
                  &forwardable_unchecked},
    handler_entry{api_key::incremental_alter_configs, 0, 1,
                  &adapt<incremental_alter_configs_api, handle_incremental_alter_configs>, served_by::controller,
                  &forwardable_unchecked},
    handler_entry{api_key::delete_records, 0, 2, &adapt<delete_records_api, handle_delete_records>},
    // Not gated: Kafka answers DescribeCluster to any authenticated client (it only reports what it may do).
    handler_entry{api_key::describe_cluster, 0, 0, &adapt<describe_cluster_api, handle_describe_cluster>},
    handler_entry{api_key::describe_log_dirs, 0, 2, &adapt<describe_log_dirs_api, handle_describe_log_dirs>},
    handler_entry{api_key::offset_commit, 0, 8, &adapt<offset_commit_api, handle_offset_commit>},
    handler_entry{api_key::offset_fetch, 0, 8, &adapt<offset_fetch_api, handle_offset_fetch>},
    handler_entry{api_key::find_coordinator, 0, 4, &adapt<find_coordinator_api, handle_find_coordinator>},
    handler_entry{api_key::join_group, 0, 7, &adapt<join_group_api, handle_join_group>},
    handler_entry{api_key::heartbeat, 0, 4, &adapt<heartbeat_api, handle_heartbeat>},
    handler_entry{api_key::leave_group, 0, 4, &adapt<leave_group_api, handle_leave_group>},
    handler_entry{api_key::sync_group, 0, 5, &adapt<sync_group_api, handle_sync_group>},
    handler_entry{api_key::describe_groups, 0, 5, &adapt<describe_groups_api, handle_describe_groups>},
    handler_entry{api_key::list_groups, 0, 4, &adapt<list_groups_api, handle_list_groups>},
    handler_entry{api_key::delete_groups, 0, 2, &adapt<delete_groups_api, handle_delete_groups>},
    handler_entry{api_key::offset_delete, 0, 0, &adapt<offset_delete_api, handle_offset_delete>},
    gated<alter_partition_api, handle_alter_partition, &may_cluster_action>(0, 3),
    gated<elect_leaders_api, handle_elect_leaders, &may_alter_cluster>(0, 2, served_by::controller),
    gated<alter_partition_reassignments_api, handle_alter_partition_reassignments, &may_alter_cluster>(
        0, 0, served_by::controller),
    gated<list_partition_reassignments_api, handle_list_partition_reassignments, &may_describe_cluster>(
        0, 0, served_by::controller),
    handler_entry{api_key::offset_for_leader_epoch, 0, 4,
                  &adapt<offset_for_leader_epoch_api, handle_offset_for_leader_epoch>},
    // Authentication (KIP-43, KIP-152) and SCRAM users (KIP-554).
    handler_entry{api_key::sasl_handshake, 0, 1, &adapt<sasl_handshake_api, handle_sasl_handshake>},
    handler_entry{api_key::sasl_authenticate, 0, 2, &adapt<sasl_authenticate_api, handle_sasl_authenticate>},
    gated<describe_user_scram_credentials_api, handle_describe_user_scram_credentials, &may_describe_cluster>(0, 0),
    gated<alter_user_scram_credentials_api, handle_alter_user_scram_credentials, &may_alter_cluster>(
        0, 0, served_by::controller),
    // Client quotas (KIP-546): records in the metadata log, so changed on the controller; read from any image.
    gated<describe_client_quotas_api, handle_describe_client_quotas, &may_describe_cluster_configs>(0, 1),
    gated<alter_client_quotas_api, handle_alter_client_quotas, &may_alter_cluster_configs>(0, 1, served_by::controller),
    // Idempotent producers (KIP-98, KIP-360): the controller owns the producer id blocks, so other nodes
    // forward InitProducerId there.
    gated<init_producer_id_api, handle_init_producer_id, &may_write_idempotently>(0, 4, served_by::controller),
    // ACLs (KIP-140, KIP-290 for prefixed patterns): metadata records, so changed on the controller.
    gated<describe_acls_api, handle_describe_acls, &acl_admin_gate>(0, 3, served_by::controller),
    gated<create_acls_api, handle_create_acls, &acl_admin_gate>(0, 3, served_by::controller),
    gated<delete_acls_api, handle_delete_acls, &acl_admin_gate>(0, 3, served_by::controller),
    // The KRaft quorum (KIP-595, KIP-630) and broker registration (KIP-631).
    gated<vote_api, handle_vote, &may_cluster_action>(0, 0),
    gated<begin_quorum_epoch_api, handle_begin_quorum_epoch, &may_cluster_action>(0, 0),
    gated<end_quorum_epoch_api, handle_end_quorum_epoch, &may_cluster_action>(0, 0),
    gated<describe_quorum_api, handle_describe_quorum, &may_describe_cluster>(0, 1),
    gated<fetch_snapshot_api, handle_fetch_snapshot, &may_cluster_action>(0, 0),
    gated<broker_registration_api, handle_broker_registration, &may_cluster_action>(0, 3),
    gated<broker_heartbeat_api, handle_broker_heartbeat, &may_cluster_action>(0, 0),
};

}  // namespace

std::span<const handler_entry> handler_table() { return handlers; }

const handler_entry* find_handler(int16_t key) {
    for (const auto& entry : handlers)
        if (static_cast<int16_t>(entry.key) == key) return &entry;
    return nullptr;
}

protocol::api_versions_response supported_api_versions() {
    protocol::api_versions_response response;
    for (const auto& entry : handlers)
        response.api_keys.push_back({static_cast<int16_t>(entry.key), entry.min_version, entry.max_version});
    return response;
}

namespace {
awaitable<net::handler_outcome> route(broker_context& broker, const listener_context& listener,
                                      net::connection_info& connection, protocol::bytes frame) {
    if (connection.raw_token_expected()) co_return handle_raw_sasl_token(listener, broker, connection, frame);
    protocol::wire_reader reader(frame);
    protocol::request_header header;
    if (!protocol::read_request_header(reader, header)) co_return net::handler_outcome{std::nullopt, true};
    if (!allowed_before_authentication(connection, header.api_key)) {
        // Kafka's SaslServerAuthenticator treats any other request before authentication as an invalid
        // request and closes the connection, without an answer.
        log_warning("closing the connection from " + connection.peer + " on listener " + listener.name + ": API key " +
                    std::to_string(header.api_key) + " before SASL authentication");
        co_return net::handler_outcome{std::nullopt, true};
    }
    request_context ctx{broker, header, listener, connection};
    const handler_entry* entry = find_handler(header.api_key);
    if (entry == nullptr) co_return net::handler_outcome{std::nullopt, true};  // unknown API: nothing to answer with
    if (header.api_version < entry->min_version || header.api_version > entry->max_version) {
        if (entry->key != api_key::api_versions) co_return net::handler_outcome{std::nullopt, true};
        // A client newer than us: answer in the v0 shape with UNSUPPORTED_VERSION and our ranges, so it can
        // retry with a version we speak (KIP-511).
        auto response = supported_api_versions();
        response.error_code = static_cast<int16_t>(error_code::unsupported_version);
        protocol::bytes out;
        protocol::wire_writer w(out);
        w.write_int32(header.correlation_id);
        protocol::encode_message(response, {0, false}, out);
        co_return net::handler_outcome{std::move(out), false};
    }
    if (entry->where == served_by::controller && (entry->authorized == nullptr || entry->authorized(ctx))) {
        protocol::wire_reader body = reader;  // the local handler reads it from the start if nobody else answers
        if (auto forwarded = co_await forward_to_controller(ctx, body)) co_return std::move(*forwarded);
    }
    co_return co_await entry->handle(ctx, reader);
}
}  // namespace

awaitable<net::handler_outcome> dispatch_request(broker_context& broker, const listener_context& listener,
                                                 net::connection_info& connection, protocol::bytes frame) {
    const request_timer timed(broker.metrics, connection, frame);  // RequestsPerSec and TotalTimeMs per API
    auto outcome = co_await route(broker, listener, connection, std::move(frame));
    // A refused authentication (or mechanism) gets its answer, then the connection closes, as in Kafka.
    if (connection.sasl.failed()) outcome.close_connection = true;
    co_return outcome;
}

}  // namespace sluice::broker
