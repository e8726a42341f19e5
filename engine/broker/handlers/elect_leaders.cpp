// ElectLeaders (43, KIP-460): the active controller elects the preferred (or, unclean, any live) replica of
// the given partitions, or of all of them, in one change committed through the quorum; each partition
// answers with Kafka's code (ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ...). Other nodes answer
// NOT_CONTROLLER so that the client retries with the controller.
#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

awaitable<std::optional<protocol::elect_leaders_response>> handle_elect_leaders(
    request_context& ctx, protocol::elect_leaders_request& request) {
    using protocol::error_code;
    protocol::elect_leaders_response response;
    std::optional<std::vector<std::pair<std::string, int32_t>>> asked;
    if (request.topic_partitions_list) {
        asked.emplace();
        for (const auto& t : *request.topic_partitions_list)
            for (int32_t index : t.partitions) asked->emplace_back(t.topic, index);
    }
    const auto type =
        request.election_type == 1 ? metadata::election_type::unclean : metadata::election_type::preferred;
    std::vector<metadata::election_outcome> outcomes;
    auto submitted = make_error(error_code::not_controller, "This node is not the active controller.");
    if (request.election_type != 0 && request.election_type != 1) {
        submitted = make_error(error_code::invalid_request,
                               "Unknown election type " + std::to_string(request.election_type) + ".");
    } else if (ctx.broker.quorum.is_leader()) {
        metadata_writer::plan plan = [&](const metadata::controller& c) -> result<metadata::controller::records> {
            outcomes.clear();
            return c.elect_leaders(type, asked, outcomes);
        };
        auto committed = co_await ctx.broker.writer.submit(std::move(plan));
        if (committed)
            submitted.code = error_code::none;
        else
            submitted = committed.err();
    }
    // The whole request failed (not the controller, or the commit): every asked partition says why.
    if (submitted.code != error_code::none) {
        outcomes.clear();
        if (asked)
            for (const auto& [topic, index] : *asked)
                outcomes.push_back({topic, index, submitted.code, submitted.message});
        if (ctx.version() >= 1) response.error_code = static_cast<int16_t>(submitted.code);
    }
    for (const auto& o : outcomes) {
        if (response.replica_election_results.empty() || response.replica_election_results.back().topic != o.topic)
            response.replica_election_results.push_back({o.topic, {}});
        auto& out = response.replica_election_results.back().partition_results.emplace_back();
        out.partition_id = o.partition;
        out.error_code = static_cast<int16_t>(o.code);
        if (o.code != error_code::none) out.error_message = o.message;
    }
    co_return response;
}

}  // namespace sluice::broker
