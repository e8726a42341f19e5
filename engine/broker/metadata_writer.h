// The active controller's write path: runs admin changes on the quorum leader one at a time (validated
// against an image that has applied every earlier change), proposes their records and waits for the commit.
// Non-leaders refuse with NOT_CONTROLLER; callers that cannot wait (auto-create, __consumer_offsets) start
// the change here, or forward it to the leader, and tell their client to retry.
#pragma once
#include <deque>
#include <map>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "engine/broker/metadata_quorum.h"
#include "engine/common/asio.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

class metadata_writer {
public:
    // Validates against the controller's image and returns the records of the change (none: nothing to do).
    using plan = std::function<result<metadata::controller::records>(const metadata::controller&)>;

    metadata_writer(asio::io_context& io, metadata::controller& controller, metadata_quorum& quorum)
        : io_(io), controller_(controller), quorum_(quorum) {}

    // Leader only: waits for its turn and for the image to hold every committed record, plans, proposes
    // and waits for the commit. NOT_CONTROLLER elsewhere or when the leadership is lost meanwhile.
    awaitable<result<void>> submit(plan p);
    // A quorum of one: plans and commits synchronously (startup, and the callers below), waiting for the
    // quorum thread's append; not while a submit() is in flight (it would plan against a stale image).
    result<void> submit_now(const plan& p);

    // For callers that cannot wait: a quorum of one creates the topic at once. Otherwise the creation starts
    // in the background, on the leader or as CreateTopics forwarded to it, and LEADER_NOT_AVAILABLE tells the
    // caller to come back.
    result<void> create_topic_soon(metadata::new_topic topic);

    // Registers this broker's listeners with the controller until they are in the image (the leader proposes it,
    // a follower sends BrokerRegistration to the leader), then heartbeats every `heartbeat_ms` (a follower
    // with BrokerHeartbeat). On the leader, a broker silent for `session_timeout_ms` is fenced and unfenced
    // by its next heartbeat. Runs on the io thread until stop().
    void start_registration(metadata::register_broker_record self, int64_t heartbeat_ms, int64_t session_timeout_ms);
    // The leader heard from `broker` (BrokerHeartbeat, or itself); unfences it if it was fenced.
    awaitable<result<void>> heartbeat(int32_t broker);
    void stop();

    std::optional<int32_t> controller_id() const { return quorum_.leader(); }
    metadata_quorum& quorum() { return quorum_; }

private:
    awaitable<result<void>> acquire();
    void release();
    awaitable<void> create_in_background(metadata::new_topic topic);
    awaitable<void> register_loop(metadata::register_broker_record self, int64_t heartbeat_ms);
    awaitable<void> fence_loop(int64_t session_timeout_ms);
    int64_t last_rebalance_ms_ = steady_clock_ms();  // the first check waits a whole interval, as Kafka's

    asio::io_context& io_;
    metadata::controller& controller_;
    metadata_quorum& quorum_;
    bool busy_ = false;
    std::deque<std::shared_ptr<asio::steady_timer>> queue_;
    std::set<std::string> creating_;
    std::map<int32_t, int64_t> last_heartbeat_;  // leader: steady ms of each broker's last heartbeat
    int32_t heartbeat_epoch_ = -1;               // the leader epoch last_heartbeat_ belongs to
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// The metadata_records of a proposal as quorum payloads, and back.
std::vector<raft::bytes> encode_records(const metadata::controller::records& records);

}  // namespace sluice::broker
