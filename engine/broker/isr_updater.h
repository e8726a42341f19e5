// Takes a partition leader's ISR changes to the active controller (AlterPartition, KIP-497): through this
// node's metadata writer when it is the quorum leader, else as AlterPartition to the leader over the async
// client. A change the controller refuses, one that changes nothing, or one whose request fails is abandoned
// so that the replica manager's next tick proposes again from the committed state. Runs on the io thread.
#pragma once
#include <memory>
#include <string>

#include "engine/broker/log_manager.h"
#include "engine/broker/metadata_writer.h"
#include "engine/client/async_connection.h"
#include "engine/common/asio.h"
#include "engine/metadata/controller.h"
#include "engine/replication/leader_state.h"

namespace sluice::broker {

class isr_updater {
public:
    // `faults`: injected link faults (tests) for the connection to the controller; usually none.
    isr_updater(asio::io_context& io, int32_t node_id, metadata::controller& controller, metadata_writer& writer,
                log_manager& logs, std::shared_ptr<net::link_faults> faults = nullptr,
                client::client_security peer_security = {});
    ~isr_updater();
    isr_updater(const isr_updater&) = delete;
    isr_updater& operator=(const isr_updater&) = delete;

    void submit(const std::string& topic, int32_t index, const replication::isr_change& change);
    void stop();

private:
    awaitable<void> commit(std::string topic, int32_t index, replication::isr_change change);
    awaitable<void> send_to_controller(std::string topic, int32_t index, replication::isr_change change);
    void abandon(const std::string& topic, int32_t index);

    asio::io_context& io_;
    int32_t node_id_;
    metadata::controller& controller_;
    metadata_writer& writer_;
    log_manager& logs_;
    std::unique_ptr<client::async_connection> connection_;  // to the controller, reused while it leads
    std::string connected_to_;
    std::shared_ptr<net::link_faults> faults_;
    client::client_security peer_security_;  // how the connection to the controller is secured
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sluice::broker
