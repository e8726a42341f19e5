// A slow disk under the metadata quorum must not stall a node's network thread (issue 7): the raft log's
// fsyncs run on the quorum's own thread. Each test holds a node's quorum-log fsync with a test hook, like a
// disk that does not answer, and checks that the node keeps answering ApiVersions and Metadata on its client
// port while the fsync is still held; with more voters, the others keep committing without the slow one.
// No timing is asserted: "answered while the fsync was held" is decided by the hook's own state. Every wait
// is bounded, so a regression fails (a request times out) instead of hanging.
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/broker/node.h"
#include "engine/client/connection.h"
#include "engine/common/asio.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/metadata.h"
#include "tests/cluster/cluster_probe.h"

using namespace sluice;
using namespace std::chrono_literals;

namespace {

constexpr auto wait_bound = 20s;

// Holds every fsync that arrives while it is armed until release(); the hook runs on the quorum thread.
class fsync_gate {
public:
    void operator()() {
        std::unique_lock lock(mutex_);
        if (!armed_) return;
        ++held_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !armed_; });
        --held_;
        changed_.notify_all();
    }
    void arm() {
        std::lock_guard lock(mutex_);
        armed_ = true;
    }
    void release() {
        std::lock_guard lock(mutex_);
        armed_ = false;
        changed_.notify_all();
    }
    // Waits (bounded) until an fsync is being held.
    bool wait_held() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, wait_bound, [&] { return held_ > 0; });
    }
    bool holding() {
        std::lock_guard lock(mutex_);
        return held_ > 0;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool armed_ = false;
    int held_ = 0;
};

std::vector<uint16_t> free_ports(int n) {
    asio::io_context io;
    std::vector<tcp::acceptor> held;
    std::vector<uint16_t> ports;
    for (int i = 0; i < n; ++i) {
        held.emplace_back(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        ports.push_back(held.back().local_endpoint().port());
    }
    return ports;
}

std::string address_of(uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

// One ApiVersions and one Metadata round trip on a fresh connection; false if either fails or times out.
bool answers(const std::string& address) {
    auto c = client::connection::open(address, 5000ms);
    if (!c) return false;
    auto versions = c.value()->send<protocol::api_versions_api>(protocol::api_versions_request{}, 0);
    if (!versions || versions->error_code != 0 || versions->api_keys.empty()) return false;
    protocol::metadata_request req;  // all topics
    req.allow_auto_topic_creation = false;
    auto m = c.value()->send<protocol::metadata_api>(req, 9);
    return m && !m->brokers.empty();
}

int16_t create_topic(const std::string& address, const std::string& name) {
    auto c = client::connection::open(address, 30000ms);
    if (!c) return -1;
    protocol::create_topics_request req;
    auto& t = req.topics.emplace_back();
    t.name = name;
    t.num_partitions = 1;
    t.replication_factor = 1;
    req.timeout_ms = 25000;
    auto r = c.value()->send<protocol::create_topics_api>(req, 4);
    if (!r || r->topics.size() != 1) return -1;
    return r->topics[0].error_code;
}

bool lists_topic(const std::string& address, const std::string& topic) {
    auto c = client::connection::open(address, 3000ms);
    if (!c) return false;
    protocol::metadata_request req;
    req.allow_auto_topic_creation = false;
    auto m = c.value()->send<protocol::metadata_api>(req, 9);
    if (!m) return false;
    for (const auto& t : m->topics)
        if (t.name == topic && t.error_code == 0) return true;
    return false;
}

}  // namespace

class test_slow_quorum_disk : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    broker::node_config config(int id, uint16_t port, std::shared_ptr<fsync_gate> gate) const {
        broker::node_config c;
        c.node_id = id;
        c.port = port;
        c.data_dir = std::filesystem::path(dir_.path().toStdString()) / ("node" + std::to_string(id));
        c.before_quorum_log_fsync = [gate] { (*gate)(); };
        return c;
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // One node: a CreateTopics waits for its metadata record's fsync; meanwhile the client port answers.
    void single_node_answers_while_its_quorum_fsync_is_held() {
        auto gate = std::make_shared<fsync_gate>();
        auto started = broker::node::start(config(1, 0, gate));
        QVERIFY2(started, started ? "" : started.err().message.c_str());
        auto node = std::move(started.value());
        const auto address = address_of(node->port());
        QVERIFY(answers(address));

        gate->arm();
        int16_t created = -2;
        std::thread creator([&] { created = create_topic(address, "held"); });
        const bool held = gate->wait_held();
        bool answered = held;
        for (int i = 0; held && i < 10; ++i) answered = answered && answers(address);
        const bool still_held = gate->holding();
        gate->release();
        creator.join();
        QVERIFY2(held, "the CreateTopics never reached the quorum log's fsync");
        QVERIFY2(answered, "the client port stopped answering while the quorum's fsync was held");
        QVERIFY2(still_held, "the fsync was released before the round trips finished");
        QCOMPARE(created, int16_t{0});
        QVERIFY(lists_topic(address, "held"));
        node->stop();
    }

    // Three voters, one of them (a follower) with a disk that stops answering: its client port still
    // answers, the other two still commit a CreateTopics, and the slow one catches up once its disk is back.
    void a_follower_with_a_held_fsync_stalls_neither_its_port_nor_the_quorum() {
        constexpr int n = 3;
        auto ports = free_ports(n);
        std::string voters;
        for (int v = 0; v < n; ++v) voters += (v ? "," : "") + std::to_string(v + 1) + "@" + address_of(ports[v]);
        std::shared_ptr<fsync_gate> gates[n];
        std::unique_ptr<broker::node> nodes[n];
        for (int i = 0; i < n; ++i) {
            gates[i] = std::make_shared<fsync_gate>();
            auto c = config(i + 11, ports[i], gates[i]);
            c.node_id = i + 1;
            c.properties = {
                {"controller.quorum.voters", voters},           {"controller.quorum.election.timeout.ms", "500"},
                {"controller.quorum.fetch.timeout.ms", "2000"}, {"controller.quorum.request.timeout.ms", "2000"},
                {"broker.heartbeat.interval.ms", "200"},        {"broker.session.timeout.ms", "6000"}};
            auto started = broker::node::start(c);
            QVERIFY2(started, started ? "" : started.err().message.c_str());
            nodes[i] = std::move(started.value());
        }
        int leader = -1;
        QVERIFY(testing::eventually(
            [&] {
                auto d = testing::describe_quorum(address_of(ports[0]));
                if (!d || d->leader_id < 1) return false;
                leader = d->leader_id - 1;
                for (const auto& v : d->current_voters)
                    if (v.log_end_offset < 0) return false;
                return true;
            },
            wait_bound));
        const int slow = (leader + 1) % n;
        const auto slow_address = address_of(ports[slow]);
        const auto leader_address = address_of(ports[leader]);
        // Registered brokers: the follower's next metadata records reach its log (and its fsync) soon.
        QVERIFY(testing::eventually([&] { return answers(slow_address); }, wait_bound));

        gates[slow]->arm();
        int16_t created = -2;
        std::thread creator([&] { created = create_topic(leader_address, "quorum-of-two"); });
        const bool held = gates[slow]->wait_held();
        bool answered = held;
        for (int i = 0; held && i < 10; ++i) answered = answered && answers(slow_address);
        creator.join();  // the leader and the other follower commit without the slow voter
        const bool still_held = gates[slow]->holding();
        gates[slow]->release();
        QVERIFY2(held, "the slow follower never reached a quorum log fsync");
        QVERIFY2(answered, "the slow follower's client port stopped answering while its quorum fsync was held");
        QVERIFY2(still_held, "the fsync was released before the checks finished");
        QCOMPARE(created, int16_t{0});
        QVERIFY(testing::eventually([&] { return lists_topic(slow_address, "quorum-of-two"); }, wait_bound));
        for (auto& node : nodes) node->stop();
    }
};

QTEST_GUILESS_MAIN(test_slow_quorum_disk)
#include "test_slow_quorum_disk.moc"
