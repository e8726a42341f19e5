// The admin APIs of a replicated cluster on a 3-node local_cluster, driven by engine/client's admin_client:
// explicit replica assignments and their validation, DescribeLogDirs per node, ElectLeaders (preferred and
// unclean, with Kafka's per-partition errors), OffsetForLeaderEpoch, and partition reassignment (KIP-455):
// progress, cancel, completion with the data on the new replica and the old one dropped, replication factor
// changes. Nodes are stopped to hold a reassignment in progress and to make partitions leaderless. Every
// wait is bounded; the slots run in order on one cluster.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <thread>

#include "engine/client/admin_client.h"
#include "engine/cluster/local_cluster.h"
#include "tests/cluster/eventually.h"
#include "tests/cluster/fast_cluster_config.h"

using namespace sluice;
using namespace std::chrono_literals;
using protocol::error_code;

namespace {

constexpr auto wait_bound = 30s;

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds bound = wait_bound) {
    return testing::eventually(pred, bound, 100ms);
}

int16_t code(error_code c) { return static_cast<int16_t>(c); }

std::vector<int32_t> sorted(std::vector<int32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

class test_replica_admin : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<cluster::local_cluster> cluster_;

    // Node 1 is never stopped: clients bootstrap from it.
    std::string bootstrap(int32_t node = 1) const { return "127.0.0.1:" + std::to_string(cluster_->port(node)); }
    client::admin_client admin(int32_t node = 1) const { return client::admin_client(bootstrap(node), 5s); }

    // Retries a call while the controller moves (NOT_CONTROLLER, a stopped node's connection) until it answers.
    template <class Call>
    auto answered(Call call) {
        auto end = std::chrono::steady_clock::now() + wait_bound;
        for (;;) {
            auto r = call();
            if (r || std::chrono::steady_clock::now() > end) return r;
            std::this_thread::sleep_for(200ms);
        }
    }

    std::optional<client::partition_info> partition(const std::string& topic, int32_t index) {
        auto snap = client::read_cluster_snapshot(bootstrap(), 5s);
        if (!snap) return std::nullopt;
        for (const auto& t : snap->topics)
            if (t.name == topic)
                for (const auto& p : t.partitions)
                    if (p.partition == index) return p;
        return std::nullopt;
    }

    // "topic-0: leader L replicas [..] isr [..]" as node 1 reports it, for failure messages.
    std::string describe(const std::string& topic) {
        auto p = partition(topic, 0);
        if (!p) return topic + "-0: not in the metadata";
        auto list = [](const std::vector<int32_t>& v) {
            std::string out;
            for (auto id : v) out += (out.empty() ? "" : ",") + std::to_string(id);
            return "[" + out + "]";
        };
        return topic + "-0: leader " + std::to_string(p->leader) + " replicas " + list(p->replicas) + " isr " + list(p->isr);
    }

    bool partition_is(const std::string& topic, int32_t index, std::vector<int32_t> replicas, std::vector<int32_t> isr,
                      int32_t leader = -2) {
        auto p = partition(topic, index);
        return p && p->replicas == replicas && sorted(p->isr) == sorted(isr) && (leader == -2 || p->leader == leader);
    }

    // The size of topic-index's log on `node`, or -1 when the node does not host it.
    int64_t hosted_size(int32_t node, const std::string& topic, int32_t index) {
        auto dirs = admin().describe_log_dirs(node, {topic});
        if (!dirs) return -2;
        for (const auto& d : *dirs)
            if (d.topic == topic && d.partition == index) return d.size_bytes;
        return -1;
    }

    void create(const std::string& name, std::map<int32_t, std::vector<int32_t>> assignments) {
        auto created = answered([&] { return admin().create_topics({{name, -1, -1, assignments, {}}}); });
        QVERIFY2(created.ok(), created.ok() ? "" : created.err().message.c_str());
        QCOMPARE(created->front().error, int16_t{0});
    }

    void produce(const std::string& topic, int count) {
        std::vector<protocol::record> records(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) records[static_cast<std::size_t>(i)].value = std::vector<uint8_t>(100, 'x');
        QVERIFY(eventually([&] {
            client::cluster_client c(bootstrap(), 5s);
            return c.produce(topic, 0, records, -1).ok();
        }));
    }

    int16_t reassign(const std::string& topic, int32_t index, std::optional<std::vector<int32_t>> target) {
        auto r = answered([&] { return admin().alter_partition_reassignments({{{topic, index}, target}}); });
        return r && r->size() == 1 ? r->front().error : int16_t{-1};
    }

    std::vector<client::reassignment_info> reassignments() {
        auto r = answered([&] { return admin().list_partition_reassignments(); });
        return r ? *r : std::vector<client::reassignment_info>{};
    }

    int16_t elect(client::election_type type, const std::string& topic, int32_t index) {
        auto r = answered([&] { return admin().elect_leaders(type, client::topic_partitions{{topic, {index}}}); });
        return r && r->size() == 1 ? r->front().error : int16_t{-1};
    }

    std::optional<client::epoch_end_offset> epoch_end(const std::string& topic, int32_t epoch,
                                                      std::optional<int32_t> node = std::nullopt,
                                                      int32_t current_epoch = -1) {
        auto r = admin().offset_for_leader_epoch(topic, {{0, epoch}}, node, current_epoch);
        if (!r || r->size() != 1) return std::nullopt;
        return r->front();
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto config = testing::fast_cluster_config(
            dir_.path().toStdString(), {{"replica.fetch.wait.max.ms", "100"}, {"auto.leader.rebalance.enable", "false"}});
        auto started = cluster::local_cluster::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        cluster_ = std::move(started.value());
        QVERIFY(eventually([&] {
            auto d = admin().describe_cluster();
            return d && d->brokers.size() == 3 && d->controller_id > 0;
        }));
    }

    void cleanupTestCase() {
        if (cluster_) cluster_->stop();
    }

    // Every node names the quorum's leader as the controller.
    void describe_cluster_names_the_active_controller() {
        std::set<int32_t> named;
        QVERIFY(eventually([&] {
            named.clear();
            for (int32_t node : cluster_->node_ids())
                if (auto d = admin(node).describe_cluster()) named.insert(d->controller_id);
            return named.size() == 1 && *named.begin() > 0;
        }));
        // The named controller takes admin changes (the client sends them there).
        auto listed = admin().list_partition_reassignments();
        QVERIFY2(listed.ok(), listed.ok() ? "" : listed.err().message.c_str());
    }

    void explicit_assignments_are_validated() {
        create("placed", {{0, {3, 1}}, {1, {2, 3}}});
        QVERIFY(eventually([&] { return partition_is("placed", 0, {3, 1}, {3, 1}) && partition_is("placed", 1, {2, 3}, {2, 3}); }));
        const auto invalid = code(error_code::invalid_replica_assignment);
        const std::vector<std::pair<std::string, std::map<int32_t, std::vector<int32_t>>>> bad_topics{
            {"uneven", {{0, {1, 2}}, {1, {3}}}}, {"ghost", {{0, {1, 9}}}}, {"twice", {{0, {2, 2}}}}, {"none", {{0, {}}}}};
        for (const auto& [name, assignments] : bad_topics) {
            auto r = answered([&] { return admin().create_topics({{name, -1, -1, assignments, {}}}); });
            QVERIFY(r.ok());
            QVERIFY2(r->front().error == invalid, (name + ": " + r->front().message).c_str());
        }
        auto added = answered([&] { return admin().create_partitions_with_assignments({{"placed", {3, {{1, 2}}}}}); });
        QVERIFY(added.ok());
        QCOMPARE(added->front().error, int16_t{0});
        QVERIFY(eventually([&] { return partition_is("placed", 2, {1, 2}, {1, 2}); }));
        for (const auto& replicas : std::vector<std::vector<int32_t>>{{9, 1}, {1}, {1, 1}}) {
            auto r = answered([&] { return admin().create_partitions_with_assignments({{"placed", {4, {replicas}}}}); });
            QVERIFY(r.ok());
            QVERIFY2(r->front().error == invalid, r->front().message.c_str());
        }
    }

    // Each node answers for its own log dir and the partitions it hosts.
    void log_dirs_differ_by_node() {
        const std::map<int32_t, std::set<int32_t>> expected{{1, {0, 2}}, {2, {1, 2}}, {3, {0, 1}}};
        std::set<std::string> dirs;
        for (const auto& [node, partitions] : expected) {
            std::set<int32_t> hosted;
            QVERIFY(eventually([&] {
                auto listed = admin().describe_log_dirs(node, {"placed"});
                if (!listed) return false;
                hosted.clear();
                for (const auto& d : *listed) {
                    hosted.insert(d.partition);
                    dirs.insert(d.log_dir);
                }
                return hosted == partitions;
            }));
        }
        QCOMPARE(dirs.size(), std::size_t{3});
    }

    void leader_elections() {
        using client::election_type;
        create("pref", {{0, {1, 2}}});
        produce("pref", 10);
        QVERIFY(eventually([&] { return partition_is("pref", 0, {1, 2}, {1, 2}, 1); }));
        // A new order of the same replicas completes at once: the preferred replica is 2 now, 1 still leads.
        QCOMPARE(reassign("pref", 0, std::vector<int32_t>{2, 1}), int16_t{0});
        QVERIFY(eventually([&] { return partition_is("pref", 0, {2, 1}, {1, 2}, 1); }));
        QCOMPARE(elect(election_type::unclean, "pref", 0), code(error_code::election_not_needed));
        QCOMPARE(elect(election_type::preferred, "pref", 0), int16_t{0});
        QVERIFY(eventually([&] { return partition_is("pref", 0, {2, 1}, {1, 2}, 2); }));
        QCOMPARE(elect(election_type::preferred, "pref", 0), code(error_code::election_not_needed));
        QCOMPARE(elect(election_type::preferred, "nope", 0), code(error_code::unknown_topic_or_partition));
        QCOMPARE(elect(election_type::preferred, "pref", 5), code(error_code::unknown_topic_or_partition));
        // Every partition: those already led by their preferred replica are left out of the answer.
        auto all = answered([&] { return admin().elect_leaders(election_type::preferred, std::nullopt); });
        QVERIFY(all.ok());
        for (const auto& r : *all) QVERIFY2(r.error != code(error_code::election_not_needed), r.topic.c_str());
    }

    // pref-0: epoch 0 (node 1) wrote offsets 0-9, epoch 1 (node 2, after the election) starts at 10.
    void offset_for_leader_epoch_answers() {
        produce("pref", 5);
        QVERIFY(eventually([&] {
            auto e = epoch_end("pref", 0);
            return e && e->error == 0 && e->leader_epoch == 0 && e->end_offset == 10;
        }));
        auto latest = epoch_end("pref", 1);
        QVERIFY(latest.has_value());
        QCOMPARE(latest->error, int16_t{0});
        QCOMPARE(latest->leader_epoch, 1);
        QCOMPARE(latest->end_offset, int64_t{15});
        auto beyond = epoch_end("pref", 7);
        QVERIFY(beyond && beyond->error == 0);
        QCOMPARE(beyond->end_offset, int64_t{-1});
        QCOMPARE(epoch_end("pref", 1, 1)->error, code(error_code::not_leader_or_follower));
        QCOMPARE(epoch_end("pref", 1, std::nullopt, 0)->error, code(error_code::fenced_leader_epoch));
        QCOMPARE(epoch_end("pref", 1, std::nullopt, 5)->error, code(error_code::unknown_leader_epoch));
        QCOMPARE(epoch_end("nope", 0, 2)->error, code(error_code::unknown_topic_or_partition));
    }

    void reassignment_moves_the_data_and_can_be_cancelled() {
        create("moving", {{0, {1, 2}}});
        produce("moving", 30);
        QVERIFY(eventually([&] { return partition_is("moving", 0, {1, 2}, {1, 2}, 1); }));
        const auto invalid = code(error_code::invalid_replica_assignment);
        QCOMPARE(reassign("moving", 0, std::vector<int32_t>{2, 2}), invalid);
        QCOMPARE(reassign("moving", 0, std::vector<int32_t>{2, 9}), invalid);
        QCOMPARE(reassign("moving", 0, std::vector<int32_t>{}), invalid);
        QCOMPARE(reassign("moving", 7, std::vector<int32_t>{2, 3}), code(error_code::unknown_topic_or_partition));
        QCOMPARE(reassign("nope", 0, std::vector<int32_t>{2, 3}), code(error_code::unknown_topic_or_partition));
        QCOMPARE(reassign("moving", 0, std::nullopt), code(error_code::no_reassignment_in_progress));

        // With node 3 down the reassignment cannot finish: it shows in progress, and can be cancelled.
        cluster_->stop_node(3);
        QCOMPARE(reassign("moving", 0, std::vector<int32_t>{2, 3}), int16_t{0});
        auto listed = reassignments();
        QCOMPARE(listed.size(), std::size_t{1});
        QCOMPARE(listed[0].topic, std::string("moving"));
        QCOMPARE(listed[0].replicas, (std::vector<int32_t>{2, 3, 1}));
        QCOMPARE(listed[0].adding, (std::vector<int32_t>{3}));
        QCOMPARE(listed[0].removing, (std::vector<int32_t>{1}));
        // Cancelled: the replicas without the one being added (in their current order, as Kafka reverts).
        QCOMPARE(reassign("moving", 0, std::nullopt), int16_t{0});
        QVERIFY(reassignments().empty());
        QVERIFY(eventually([&] { return partition_is("moving", 0, {2, 1}, {1, 2}, 1); }));

        QCOMPARE(reassign("moving", 0, std::vector<int32_t>{2, 3}), int16_t{0});
        QCOMPARE(reassignments().size(), std::size_t{1});
        QVERIFY(cluster_->start_node(3).ok());
        // Node 3 catches up and joins the ISR; the controller completes: node 1 leaves, node 2 leads.
        QVERIFY(eventually([&] { return reassignments().empty() && partition_is("moving", 0, {2, 3}, {2, 3}, 2); }));
        QVERIFY(eventually([&] { return hosted_size(3, "moving", 0) > 0 && hosted_size(3, "moving", 0) == hosted_size(2, "moving", 0); }));
        QVERIFY(eventually([&] { return hosted_size(1, "moving", 0) == -1; }));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(dir_.path().toStdString()) / "node-1" / "moving-0"));
        QCOMPARE(partition("moving", 0)->end_offset, int64_t{30});
    }

    void replication_factor_changes() {
        create("grow", {{0, {1}}});
        produce("grow", 10);
        QCOMPARE(reassign("grow", 0, std::vector<int32_t>{1, 2, 3}), int16_t{0});
        QVERIFY(eventually([&] { return reassignments().empty() && partition_is("grow", 0, {1, 2, 3}, {1, 2, 3}, 1); }));
        for (int32_t node : {2, 3})
            QVERIFY(eventually([&] { return hosted_size(node, "grow", 0) == hosted_size(1, "grow", 0); }));
        // Down to one replica that is in the ISR: complete at once, the leader moves there.
        QCOMPARE(reassign("grow", 0, std::vector<int32_t>{3}), int16_t{0});
        QVERIFY(eventually([&] { return partition_is("grow", 0, {3}, {3}, 3); }));
        QVERIFY(eventually([&] { return hosted_size(1, "grow", 0) == -1 && hosted_size(2, "grow", 0) == -1; }));
        QCOMPARE(partition("grow", 0)->end_offset, int64_t{10});
    }

    void unclean_election() {
        using client::election_type;
        create("fragile", {{0, {2, 3}}});
        create("solo", {{0, {3}}});
        produce("fragile", 5);
        QVERIFY(eventually([&] { return partition_is("fragile", 0, {2, 3}, {2, 3}, 2); }));
        cluster_->stop_node(3);
        // Fenced: node 3 leaves fragile's ISR, and solo has no leader.
        QVERIFY2(eventually([&] { return partition_is("fragile", 0, {2, 3}, {2}, 2) && partition_is("solo", 0, {3}, {3}, -1); }),
                 (describe("fragile") + "; " + describe("solo")).c_str());
        QCOMPARE(elect(election_type::unclean, "solo", 0), code(error_code::eligible_leaders_not_available));
        QCOMPARE(elect(election_type::preferred, "solo", 0), code(error_code::preferred_leader_not_available));
        produce("fragile", 5);  // only node 2 has offsets 5-9
        cluster_->stop_node(2);
        QVERIFY(cluster_->start_node(3).ok());
        // Node 2 is fenced: fragile is leaderless, its ISR [2]; node 3 is live but not in it.
        QVERIFY(eventually([&] { return partition_is("fragile", 0, {2, 3}, {2}, -1); }));
        QCOMPARE(elect(election_type::unclean, "fragile", 0), int16_t{0});
        QVERIFY(eventually([&] { return partition_is("fragile", 0, {2, 3}, {3}, 3); }));
        QCOMPARE(partition("fragile", 0)->end_offset, int64_t{5});
        QCOMPARE(elect(election_type::preferred, "fragile", 0), code(error_code::preferred_leader_not_available));
        QVERIFY(cluster_->start_node(2).ok());
    }
};

QTEST_GUILESS_MAIN(test_replica_admin)
#include "test_replica_admin.moc"
