#include "engine/broker/isr_updater.h"

#include <algorithm>

#include "engine/common/log.h"
#include "engine/metadata/isr_change.h"
#include "engine/protocol/messages/alter_partition.h"

namespace sluice::broker {

namespace {
using namespace std::chrono_literals;

metadata::isr_change_request request_of(int32_t node_id, const replication::isr_change& change) {
    metadata::isr_change_request request{node_id, change.epoch.value(), change.based_on.value(), {}};
    for (auto id : change.new_isr) request.new_isr.push_back(id.value());
    return request;
}
}  // namespace

isr_updater::isr_updater(asio::io_context& io, int32_t node_id, metadata::controller& controller,
                         metadata_writer& writer, log_manager& logs, std::shared_ptr<net::link_faults> faults,
                         client::client_security peer_security)
    : io_(io),
      node_id_(node_id),
      controller_(controller),
      writer_(writer),
      logs_(logs),
      faults_(std::move(faults)),
      peer_security_(std::move(peer_security)) {}

isr_updater::~isr_updater() { stop(); }

void isr_updater::stop() {
    *alive_ = false;
    if (connection_) connection_->close();
}

void isr_updater::abandon(const std::string& topic, int32_t index) {
    if (partition* p = logs_.find(topic, index)) p->abandon_isr_change();
}

void isr_updater::submit(const std::string& topic, int32_t index, const replication::isr_change& change) {
    if (!*alive_) return;
    auto alive = alive_;
    auto work = writer_.quorum().is_leader() ? commit(topic, index, change) : send_to_controller(topic, index, change);
    asio::co_spawn(io_, std::move(work), [this, alive, topic, index](std::exception_ptr failure) {
        if (failure && *alive) {
            log_warning("ISR change of " + topic + "-" + std::to_string(index) + " failed with an internal error");
            abandon(topic, index);
        }
    });
}

awaitable<void> isr_updater::commit(std::string topic, int32_t index, replication::isr_change change) {
    auto changed = std::make_shared<bool>(false);
    auto request = request_of(node_id_, change);
    metadata_writer::plan plan = [=](const metadata::controller& c) -> result<metadata::controller::records> {
        const auto* state = c.image().find_topic(topic);
        if (state == nullptr) return make_error(protocol::error_code::unknown_topic_or_partition, "No topic " + topic);
        auto records = metadata::check_isr_change(c.image(), *state, index, request);
        if (records && !records->empty()) *changed = true;
        return records;
    };
    auto alive = alive_;
    auto committed = co_await writer_.submit(std::move(plan));
    if (!*alive) co_return;
    // A committed change reaches the partition through the image; anything else must be abandoned here.
    if (!committed || !*changed) abandon(topic, index);
}

awaitable<void> isr_updater::send_to_controller(std::string topic, int32_t index, replication::isr_change change) {
    auto alive = alive_;
    auto leader = writer_.controller_id();
    const auto* state = controller_.image().find_topic(topic);
    auto broker = leader ? controller_.image().brokers().find(*leader) : controller_.image().brokers().end();
    if (!leader || state == nullptr || broker == controller_.image().brokers().end()) {
        abandon(topic, index);
        co_return;
    }
    std::string address = broker->second.host + ":" + std::to_string(broker->second.port);
    protocol::alter_partition_request request;
    request.broker_id = node_id_;
    auto& t = request.topics.emplace_back();
    t.topic_name = topic;
    t.topic_id = state->id;
    auto& p = t.partitions.emplace_back();
    p.partition_index = index;
    p.leader_epoch = change.epoch.value();
    p.partition_epoch = change.based_on.value();
    for (auto id : change.new_isr) {
        p.new_isr.push_back(id.value());
        p.new_isr_with_epochs.push_back({id.value(), -1});
    }
    if (!connection_ || !connection_->is_open() || connected_to_ != address) {
        client::connection_options options;
        options.client_id = "sluice-isr-" + std::to_string(node_id_);
        options.connect_timeout = 3000ms;
        options.link = net::link_between(faults_, node_id_, *leader);
        options.security = peer_security_;
        auto opened = co_await client::async_connection::open(io_.get_executor(), address, options);
        if (!*alive) co_return;
        if (!opened) {
            abandon(topic, index);
            co_return;
        }
        connection_ = std::move(opened.value());
        connected_to_ = address;
    }
    auto served = connection_->broker_versions(protocol::api_key::alter_partition);
    if (!served) {
        abandon(topic, index);
        co_return;
    }
    int16_t version = std::min<int16_t>(served->max, 3);
    auto response = co_await connection_->send<protocol::alter_partition_api>(request, version, 5000ms);
    if (!*alive) co_return;
    bool applied = false;
    if (response && response->error_code == 0)
        for (const auto& rt : response->topics)
            for (const auto& rp : rt.partitions)
                if (rp.partition_index == index && rp.error_code == 0) applied = true;
    // Applied: the new ISR arrives with the metadata (or was already the ISR: then nothing will arrive).
    if (!applied) abandon(topic, index);
    else if (partition* part = logs_.find(topic, index); part && part->leadership() &&
             part->leadership()->isr().size() == change.new_isr.size() &&
             std::is_permutation(part->leadership()->isr().begin(), part->leadership()->isr().end(), change.new_isr.begin()))
        part->abandon_isr_change();
}

}  // namespace sluice::broker
