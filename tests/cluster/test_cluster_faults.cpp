// Link faults between the nodes of a local_cluster (engine/net/link_faults.h): a follower cut off from the
// partition leader leaves the ISR (acks=all writes go on with the rest) and comes back once healed; an
// isolated controller is replaced by an election and admin changes still commit, and it rejoins after the
// heal; so does a killed one. Small timeouts so that every bounded wait ends in seconds; 127.0.0.1 only.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include "engine/client/admin_client.h"
#include "engine/client/cluster_client.h"
#include "engine/cluster/local_cluster.h"
#include "tests/cluster/eventually.h"
#include "tests/cluster/fast_cluster_config.h"

using namespace sluice;
using namespace std::chrono_literals;

namespace {

constexpr auto wait_bound = 20s;

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds bound = wait_bound) {
    return testing::eventually(pred, bound);
}

cluster::local_cluster_config fault_config(const QTemporaryDir& dir) {
    return testing::fast_cluster_config(dir.path().toStdString(), {{"replica.lag.time.max.ms", "1000"},
                                                                   {"replica.fetch.wait.max.ms", "200"},
                                                                   {"min.insync.replicas", "2"},
                                                                   {"offsets.topic.replication.factor", "3"}});
}

std::string address_of(cluster::local_cluster& local, int32_t id) {
    return "127.0.0.1:" + std::to_string(local.port(id));
}

// Partition 0 of `topic` as node `id` reports it in Metadata.
std::optional<client::partition_info> partition_seen_by(cluster::local_cluster& local, int32_t id,
                                                        const std::string& topic) {
    auto snap = client::read_cluster_snapshot(address_of(local, id), 2s);
    if (!snap) return std::nullopt;
    for (const auto& t : snap->topics)
        if (t.name == topic)
            for (const auto& p : t.partitions)
                if (p.partition == 0 && p.leader >= 0) return p;
    return std::nullopt;
}

std::vector<int32_t> sorted(std::vector<int32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// CreateTopics of one partition through node `via` (admin_client finds the controller from there), on
// `replicas` brokers of the controller's choice or, when `assignment` names them, on those (the first leads).
bool create_topic(cluster::local_cluster& local, int32_t via, const std::string& name, int16_t replicas,
                  const std::vector<int32_t>& assignment = {}) {
    client::admin_client admin(address_of(local, via), 3s);
    client::new_topic_spec spec{name, 1, replicas, {}, {}};
    if (!assignment.empty()) spec = {name, -1, -1, {{0, assignment}}, {}};
    auto created = admin.create_topics({spec});
    return created && created->size() == 1 && (created->front().ok() || created->front().error == 36);  // 36: exists
}

// A started cluster of fault_config() and the controller it elected.
struct elected_cluster {
    std::unique_ptr<cluster::local_cluster> cluster;
    int32_t controller = -1;
};

result<elected_cluster> start_and_elect(const QTemporaryDir& dir) {
    auto started = cluster::local_cluster::start(fault_config(dir));
    if (!started) return started.err();
    elected_cluster out{std::move(started.value()), -1};
    std::optional<int32_t> controller;
    if (!eventually([&] { return (controller = out.cluster->controller_id()).has_value(); }))
        return make_error(protocol::error_code::not_controller, "no controller was elected");
    out.controller = *controller;
    return out;
}

bool produce_acked(cluster::local_cluster& local, int32_t leader, const std::string& topic, const std::string& value) {
    client::cluster_client producer(address_of(local, leader), 3s);
    std::vector<protocol::record> records(1);
    records[0].value = protocol::bytes(value.begin(), value.end());
    return producer.produce(topic, 0, records, -1).ok();
}

}  // namespace

class test_cluster_faults : public QObject {
    Q_OBJECT
private slots:
    void a_cut_follower_leaves_the_isr_and_returns_after_the_heal() {
        QTemporaryDir dir;
        auto started = start_and_elect(dir);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto& local = *started->cluster;
        // Leader and follower are the two nodes that are not the controller: the cut between them leaves
        // the metadata quorum whole and both still reach the controller (ISR changes, heartbeats).
        std::vector<int32_t> others;
        for (int32_t id : local.node_ids())
            if (id != started->controller) others.push_back(id);
        const int32_t leader = others[0], follower = others[1];
        QVERIFY(eventually([&] {
            return create_topic(local, started->controller, "cut", 3, {leader, follower, started->controller});
        }));
        std::optional<client::partition_info> p;
        QVERIFY(eventually([&] { return (p = partition_seen_by(local, leader, "cut")) && p->isr.size() == 3; }));
        QCOMPARE(p->leader, leader);
        QVERIFY(produce_acked(local, leader, "cut", "before"));

        QVERIFY(local.cut(leader, follower).ok());
        // As in Kafka, a follower at the log end stays in sync however long it is silent; a write moves the
        // log end, and acks=all then completes once the follower is out of the ISR (replica.lag.time.max.ms):
        // two in-sync replicas still meet min.insync.replicas=2.
        QVERIFY(eventually([&] { return produce_acked(local, leader, "cut", "while cut"); }, 10s));
        std::vector<int32_t> without;
        for (int32_t id : p->replicas)
            if (id != follower) without.push_back(id);
        std::optional<client::partition_info> now;
        QVERIFY2(eventually([&] {
                     now = partition_seen_by(local, leader, "cut");
                     return now && now->leader == leader && sorted(now->isr) == sorted(without);
                 }),
                 ("the ISR did not shrink to exclude node " + std::to_string(follower) + ": it is " +
                  (now ? std::to_string(now->isr.size()) + " replicas, leader " + std::to_string(now->leader)
                       : std::string("unknown")))
                     .c_str());

        local.heal();
        QVERIFY2(eventually([&] {
                     auto now = partition_seen_by(local, leader, "cut");
                     return now && now->isr.size() == 3;
                 }),
                 "the follower did not rejoin the ISR after the heal");
        QVERIFY(produce_acked(local, leader, "cut", "after"));
    }

    void an_isolated_controller_is_replaced_and_admin_changes_still_commit() {
        QTemporaryDir dir;
        auto started = start_and_elect(dir);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto& local = *started->cluster;
        std::optional<int32_t> old_controller = started->controller;
        QVERIFY(local.isolate(*old_controller).ok());
        std::optional<int32_t> new_controller;
        QVERIFY2(eventually([&] {
                     new_controller = local.controller_id();
                     return new_controller && *new_controller != *old_controller;
                 }),
                 "no other controller was elected");
        int32_t via = *new_controller;
        // Two replicas: the isolated node is fenced once its session lapses, leaving two brokers to place on.
        QVERIFY2(eventually([&] { return create_topic(local, via, "after-isolation", 2); }),
                 "CreateTopics did not commit on the majority side");
        QVERIFY(partition_seen_by(local, via, "after-isolation").has_value());

        local.heal();
        // The old controller catches up with the majority's metadata once it can reach it again.
        QVERIFY2(eventually([&] { return partition_seen_by(local, *old_controller, "after-isolation").has_value(); }),
                 "the healed node did not learn the topic created while it was isolated");
        QVERIFY(eventually([&] {
            auto p = partition_seen_by(local, via, "after-isolation");
            return p && p->isr.size() == p->replicas.size();
        }));
    }

    // A crash does not resign: the others elect a successor once the quorum's fetch timeout passes, and the
    // killed node recovers its data dir and rejoins.
    void a_killed_controller_is_replaced_and_rejoins() {
        QTemporaryDir dir;
        auto started = start_and_elect(dir);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto& local = *started->cluster;
        std::optional<int32_t> old_controller = started->controller;
        QVERIFY(eventually([&] { return create_topic(local, *old_controller, "before-kill", 3); }));
        local.kill_node(*old_controller);
        QVERIFY(!local.is_running(*old_controller));
        std::optional<int32_t> new_controller;
        QVERIFY(
            eventually([&] { return (new_controller = local.controller_id()) && *new_controller != *old_controller; }));
        QVERIFY(local.start_node(*old_controller).ok());
        QVERIFY(eventually([&] {
            auto p = partition_seen_by(local, *old_controller, "before-kill");
            return p && p->isr.size() == 3;
        }));
    }

    void faults_name_nodes_of_the_cluster() {
        QTemporaryDir dir;
        auto config = fault_config(dir);
        config.nodes = 2;
        auto started = cluster::local_cluster::start(config);
        QVERIFY(started.ok());
        auto& local = *started.value();
        QCOMPARE(local.cut(1, 7).err().code, protocol::error_code::invalid_request);
        QCOMPARE(local.cut(1, 1).err().code, protocol::error_code::invalid_request);
        QCOMPARE(local.isolate(9).err().code, protocol::error_code::invalid_request);
        QCOMPARE(local.drop(1, 2, 1.5).err().code, protocol::error_code::invalid_request);
        QCOMPARE(local.delay(1, 2, -1ms).err().code, protocol::error_code::invalid_request);
        QVERIFY(local.delay(1, 2, 5ms).ok());
        QCOMPARE(local.link_faults().fault(2, 1).delay, 5ms);  // both directions
        QVERIFY(local.heal(1, 2).ok());
        QVERIFY(local.link_faults().fault(1, 2).healthy());
    }
};

QTEST_GUILESS_MAIN(test_cluster_faults)
#include "test_cluster_faults.moc"
