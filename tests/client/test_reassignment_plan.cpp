// reassignment_plan: balanced proposals (replication factor up and down, moving off a broker, racks), validation of
// edited assignments, and the exact JSON kafka-reassign-partitions.sh and kafka-leader-election.sh read.
#include <QTest>
#include <map>
#include <set>

#include "engine/client/reassignment_plan.h"

using namespace sluice::client;

namespace {

std::vector<broker_info> brokers(int count, std::vector<std::string> racks = {}) {
    std::vector<broker_info> out;
    for (int i = 1; i <= count; ++i) {
        broker_info b{i, "127.0.0.1", 9091 + i, std::nullopt};
        if (!racks.empty()) b.rack = racks[static_cast<std::size_t>(i - 1)];
        out.push_back(b);
    }
    return out;
}

std::vector<partition_assignment> topic(const std::vector<std::vector<int32_t>>& replicas) {
    std::vector<partition_assignment> out;
    for (std::size_t p = 0; p < replicas.size(); ++p) out.push_back({"orders", static_cast<int32_t>(p), replicas[p]});
    return out;
}

std::map<int32_t, int> load(const std::vector<partition_assignment>& plan) {
    std::map<int32_t, int> out;
    for (const auto& p : plan)
        for (int32_t r : p.replicas) ++out[r];
    return out;
}

}  // namespace

class test_reassignment_plan : public QObject {
    Q_OBJECT

private slots:
    void raise_replication_factor_keeps_leaders_and_balances() {
        const auto current = topic({{1}, {2}, {3}, {1}, {2}, {3}});
        const auto plan = propose_reassignment({"orders", current, brokers(3), 2});
        QVERIFY(plan.ok());
        QCOMPARE(plan.proposed.size(), std::size_t(6));
        for (std::size_t i = 0; i < current.size(); ++i) {
            QCOMPARE(plan.proposed[i].replicas.size(), std::size_t(2));
            QCOMPARE(plan.proposed[i].replicas.front(), current[i].replicas.front());  // preferred leader stays
            QVERIFY(plan.proposed[i].replicas[0] != plan.proposed[i].replicas[1]);
        }
        QCOMPARE(load(plan.proposed), (std::map<int32_t, int>{{1, 4}, {2, 4}, {3, 4}}));
    }

    void one_to_three_on_three_brokers() {
        const auto plan = propose_reassignment({"orders", topic({{2}}), brokers(3), 3});
        QVERIFY(plan.ok());
        QCOMPARE(plan.proposed[0].replicas, (std::vector<int32_t>{2, 1, 3}));
    }

    void lower_replication_factor_keeps_the_preferred_leader() {
        const auto plan = propose_reassignment({"orders", topic({{3, 1, 2}, {1, 2, 3}, {2, 3, 1}}), brokers(3), 1});
        QVERIFY(plan.ok());
        QCOMPARE(plan.proposed[0].replicas, std::vector<int32_t>{3});
        QCOMPARE(plan.proposed[1].replicas, std::vector<int32_t>{1});
        QCOMPARE(plan.proposed[2].replicas, std::vector<int32_t>{2});
    }

    void unchanged_when_already_balanced() {
        const auto current = topic({{1, 2}, {2, 3}, {3, 1}});
        const auto plan = propose_reassignment({"orders", current, brokers(3), 2});
        QVERIFY(plan.ok());
        QCOMPARE(plan.proposed, current);
        QVERIFY(changed_partitions(current, plan.proposed).empty());
    }

    void moves_replicas_off_a_broker_left_out() {
        // Broker 1 is being drained: only 2, 3 and 4 may hold replicas.
        auto allowed = brokers(4);
        allowed.erase(allowed.begin());
        const auto current = topic({{1, 2}, {2, 1}, {1, 3}, {3, 2}});
        const auto plan = propose_reassignment({"orders", current, allowed, 2});
        QVERIFY(plan.ok());
        for (const auto& p : plan.proposed) {
            QCOMPARE(p.replicas.size(), std::size_t(2));
            QVERIFY(std::find(p.replicas.begin(), p.replicas.end(), 1) == p.replicas.end());
        }
        QCOMPARE(plan.proposed[1].replicas.front(), 2);  // the surviving preferred leader stays first
        const auto loads = load(plan.proposed);
        for (const auto& [broker, count] : loads) QVERIFY2(count >= 2 && count <= 3, "balanced within one");
        // Only what had to move moved: partition 3 (3, 2) stays as it is.
        QCOMPARE(plan.proposed[3].replicas, (std::vector<int32_t>{3, 2}));
        QCOMPARE(changed_partitions(current, plan.proposed).size(), std::size_t(3));
    }

    void rack_aware_spreads_each_partition_over_racks() {
        // Racks a, a, b, b, c, c: RF 3 must use three racks per partition.
        const auto all = brokers(6, {"a", "a", "b", "b", "c", "c"});
        const auto plan = propose_reassignment({"orders", topic({{1}, {2}, {3}, {4}, {5}, {6}}), all, 3});
        QVERIFY(plan.ok());
        std::map<int32_t, std::string> rack{{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}, {5, "c"}, {6, "c"}};
        for (const auto& p : plan.proposed) {
            std::set<std::string> racks;
            for (int32_t r : p.replicas) racks.insert(rack[r]);
            QCOMPARE(racks.size(), std::size_t(3));
        }
        QCOMPARE(load(plan.proposed), (std::map<int32_t, int>{{1, 3}, {2, 3}, {3, 3}, {4, 3}, {5, 3}, {6, 3}}));
    }

    void rack_aware_drops_the_doubled_rack() {
        const auto all = brokers(3, {"a", "a", "b"});
        const auto plan = propose_reassignment({"orders", topic({{1, 2, 3}}), all, 2});
        QVERIFY(plan.ok());
        QCOMPARE(plan.proposed[0].replicas, (std::vector<int32_t>{1, 3}));
    }

    void refuses_impossible_requests() {
        auto plan = propose_reassignment({"orders", topic({{1}}), brokers(3), 4});
        QVERIFY(!plan.ok());
        QVERIFY(plan.proposed.empty());
        QCOMPARE(plan.issues.front(), (plan_issue{plan_issue::kind::too_few_brokers, -1, -1, 3}));
        plan = propose_reassignment({"orders", topic({{1}}), brokers(3), 0});
        QCOMPARE(plan.issues.front().what, plan_issue::kind::bad_replication_factor);
        plan = propose_reassignment({"orders", topic({{1}}), {}, 1});
        QCOMPARE(plan.issues.front().what, plan_issue::kind::no_brokers);
    }

    void validation_names_each_problem() {
        const auto current = topic({{1}, {2}, {3}});
        std::vector<partition_assignment> edited{
            {"orders", 0, {1, 2}},     // fine
            {"orders", 1, {}},         // empty
            {"orders", 2, {3, 7, 3}},  // unknown broker 7, 3 twice
            {"orders", 9, {1}},        // no such partition
        };
        const auto issues = validate_assignment(edited, current, brokers(3));
        const std::vector<plan_issue> expected{
            {plan_issue::kind::empty_replicas, 1},
            {plan_issue::kind::unknown_broker, 2, 7},
            {plan_issue::kind::duplicate_broker, 2, 3},
            {plan_issue::kind::unknown_partition, 9},
        };
        QCOMPARE(issues, expected);
        QVERIFY(validate_assignment(topic({{1, 2}, {2, 3}, {3, 1}}), current, brokers(3)).empty());
    }

    void reassignment_json_is_kafkas_format() {
        const std::vector<partition_assignment> plan{{"orders", 0, {1, 2, 3}}, {"orders", 1, {2}}};
        QCOMPARE(QString::fromStdString(reassignment_json(plan)),
                 QStringLiteral(R"({"version":1,"partitions":[)"
                                R"({"topic":"orders","partition":0,"replicas":[1,2,3],"log_dirs":["any","any","any"]},)"
                                R"({"topic":"orders","partition":1,"replicas":[2],"log_dirs":["any"]}]})"));
        QCOMPARE(QString::fromStdString(reassignment_json({})), QStringLiteral(R"({"version":1,"partitions":[]})"));
    }

    void election_json_is_kafkas_format() {
        const std::vector<topic_partition> partitions{{"orders", 0}, {"payments.v2", 3}};
        QCOMPARE(QString::fromStdString(election_json(partitions)),
                 QStringLiteral(R"({"partitions":[{"topic":"orders","partition":0},)"
                                R"({"topic":"payments.v2","partition":3}]})"));
    }

    void assignment_from_a_snapshot() {
        cluster_snapshot snap;
        topic_info t;
        t.name = "orders";
        t.partitions.push_back({.partition = 0, .leader = 2, .replicas = {2, 1}, .isr = {2}});
        snap.topics.push_back(t);
        const auto a = assignment_of(snap, "orders");
        QCOMPARE(a.size(), std::size_t(1));
        QCOMPARE(a[0], (partition_assignment{"orders", 0, {2, 1}}));
        QVERIFY(assignment_of(snap, "other").empty());
    }
};

QTEST_APPLESS_MAIN(test_reassignment_plan)
#include "test_reassignment_plan.moc"
