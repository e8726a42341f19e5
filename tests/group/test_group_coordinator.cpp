// The group coordinator of a real node, spoken to over the Kafka protocol with engine/client: the
// MEMBER_ID_REQUIRED round, a two-member rebalance, the error paths (wrong generation, unknown member,
// heartbeat after leave, commit from a non-member), group admin APIs, lag N-M and a restart.
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <thread>

#include "engine/broker/node.h"
#include "engine/client/cluster_client.h"
#include "engine/client/connection.h"
#include "engine/client/group_client.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_fetch.h"
#include "engine/protocol/messages/sync_group.h"

using namespace sluice;
using namespace sluice::protocol;

namespace {
constexpr auto timeout = std::chrono::seconds(10);

int16_t code(error_code e) { return static_cast<int16_t>(e); }

join_group_request join_request(const std::string& group, const std::string& member = {}, std::string protocol = "range") {
    join_group_request r;
    r.group_id = group;
    r.session_timeout_ms = 3000;
    r.rebalance_timeout_ms = 3000;
    r.member_id = member;
    r.protocol_type = "consumer";
    r.protocols.push_back({std::move(protocol), bytes{0, 1, 2}});
    return r;
}

heartbeat_request heartbeat(const std::string& group, int32_t generation, const std::string& member) {
    return {group, generation, member, std::nullopt};
}

offset_commit_request commit(const std::string& group, int32_t generation, const std::string& member,
                             const std::string& topic, int32_t partition, int64_t offset) {
    offset_commit_request r;
    r.group_id = group;
    r.generation_id = generation;
    r.member_id = member;
    offset_commit_request::partition p;
    p.partition_index = partition;
    p.committed_offset = offset;
    p.committed_metadata = "m";
    r.topics.push_back({topic, {p}});
    return r;
}

int16_t commit_error(const result<offset_commit_response>& r) {
    if (!r || r->topics.empty() || r->topics[0].partitions.empty()) return -100;
    return r->topics[0].partitions[0].error_code;
}
}  // namespace

class test_group_coordinator : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    std::string address_;

    void start_node() {
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_.path().toStdString();
        config.properties["num.partitions"] = "2";
        config.properties["group.initial.rebalance.delay.ms"] = "0";
        config.properties["offsets.topic.num.partitions"] = "3";
        config.properties["group.min.session.timeout.ms"] = "1000";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        address_ = "127.0.0.1:" + std::to_string(node_->port());
    }

    std::unique_ptr<client::connection> connect() {
        auto c = client::connection::open(address_, timeout, "group-test");
        if (!c) qWarning("%s", c.err().message.c_str());
        return c ? std::move(c.value()) : nullptr;
    }

    // MEMBER_ID_REQUIRED round, then the real join; returns the response of the second JoinGroup.
    join_group_response join_new(client::connection& c, const std::string& group, int16_t version = 5) {
        auto first = c.send<join_group_api>(join_request(group), version);
        if (!first) return {};
        if (first->error_code != code(error_code::member_id_required)) return *first;
        auto second = c.send<join_group_api>(join_request(group, first->member_id), version);
        return second ? *second : join_group_response{};
    }

    sync_group_response sync(client::connection& c, const std::string& group, int32_t generation,
                             const std::string& member, std::vector<sync_group_request::assignment> assignments = {}) {
        sync_group_request r;
        r.group_id = group;
        r.generation_id = generation;
        r.member_id = member;
        r.assignments = std::move(assignments);
        auto response = c.send<sync_group_api>(r, 3);
        return response ? *response : sync_group_response{.error_code = -100};
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        start_node();
    }
    void cleanupTestCase() {
        if (node_) node_->stop();
    }

    void find_coordinator_is_this_node() {
        auto c = connect();
        QVERIFY(c);
        for (int16_t v : {0, 2, 3}) {
            find_coordinator_request r;
            r.key = "any-group";
            auto response = c->send<find_coordinator_api>(r, v);
            QVERIFY(response);
            QCOMPARE(response->error_code, int16_t{0});
            QCOMPARE(response->port, int32_t(node_->port()));
        }
        find_coordinator_request batch;
        batch.coordinator_keys = {"a", "b"};
        auto response = c->send<find_coordinator_api>(batch, 4);
        QVERIFY(response);
        QCOMPARE(response->coordinators.size(), std::size_t{2});
        QCOMPARE(response->coordinators[1].key, std::string("b"));
        QCOMPARE(response->coordinators[1].port, int32_t(node_->port()));
    }

    void member_id_required_round() {
        auto c = connect();
        QVERIFY(c);
        auto first = c->send<join_group_api>(join_request("g-required"), 4);
        QVERIFY(first);
        QCOMPARE(first->error_code, code(error_code::member_id_required));
        QVERIFY(first->member_id.starts_with("group-test-"));
        auto second = c->send<join_group_api>(join_request("g-required", first->member_id), 4);
        QVERIFY(second);
        QCOMPARE(second->error_code, int16_t{0});
        QCOMPARE(second->generation_id, 1);
        QCOMPARE(second->leader, first->member_id);
        QCOMPARE(second->protocol_name.value_or(""), std::string("range"));
        QCOMPARE(second->members.size(), std::size_t{1});
        auto s = sync(*c, "g-required", 1, first->member_id, {{first->member_id, bytes{9, 9}}});
        QCOMPARE(s.error_code, int16_t{0});
        QCOMPARE(s.assignment, (bytes{9, 9}));
        auto hb = c->send<heartbeat_api>(heartbeat("g-required", 1, first->member_id), 3);
        QVERIFY(hb);
        QCOMPARE(hb->error_code, int16_t{0});
        // v0-3: no MEMBER_ID_REQUIRED round, the id comes with the answer.
        auto old = c->send<join_group_api>(join_request("g-old"), 3);
        QVERIFY(old);
        QCOMPARE(old->error_code, int16_t{0});
        QVERIFY(!old->member_id.empty());
    }

    void error_paths() {
        auto c = connect();
        QVERIFY(c);
        const std::string g = "g-errors";
        auto joined = join_new(*c, g);
        QCOMPARE(joined.error_code, int16_t{0});
        const std::string me = joined.member_id;
        const int32_t gen = joined.generation_id;
        QCOMPARE(sync(*c, g, gen + 1, me).error_code, code(error_code::illegal_generation));
        QCOMPARE(sync(*c, g, gen, me, {{me, bytes{1}}}).error_code, int16_t{0});

        QCOMPARE(c->send<heartbeat_api>(heartbeat(g, gen + 5, me), 3)->error_code, code(error_code::illegal_generation));
        QCOMPARE(c->send<heartbeat_api>(heartbeat(g, gen, "stranger"), 3)->error_code, code(error_code::unknown_member_id));
        QCOMPARE(c->send<heartbeat_api>(heartbeat("no-such-group", 1, me), 3)->error_code,
                 code(error_code::unknown_member_id));

        auto ok = c->send<offset_commit_api>(commit(g, gen, me, "orders", 0, 5), 7);
        QCOMPARE(commit_error(ok), code(error_code::unknown_topic_or_partition));  // no such topic yet
        QCOMPARE(commit_error(c->send<offset_commit_api>(commit(g, gen + 1, me, "t", 0, 5), 7)),
                 code(error_code::illegal_generation));
        QCOMPARE(commit_error(c->send<offset_commit_api>(commit(g, gen, "intruder", "t", 0, 5), 7)),
                 code(error_code::unknown_member_id));
        QCOMPARE(commit_error(c->send<offset_commit_api>(commit(g, -1, "", "t", 0, 5), 7)),
                 code(error_code::unknown_member_id));  // simple commits only to empty groups

        auto bad_session = join_request(g);
        bad_session.session_timeout_ms = 10;
        QCOMPARE(c->send<join_group_api>(bad_session, 5)->error_code, code(error_code::invalid_session_timeout));
        auto other_type = join_request(g);
        other_type.protocol_type = "connect";
        QCOMPARE(c->send<join_group_api>(other_type, 3)->error_code, code(error_code::inconsistent_group_protocol));
        QCOMPARE(c->send<join_group_api>(join_request(g, "ghost"), 5)->error_code, code(error_code::unknown_member_id));

        // DeleteGroups refuses a group with members.
        delete_groups_request del;
        del.groups_names = {g, "never-existed"};
        auto deleted = c->send<delete_groups_api>(del, 1);
        QVERIFY(deleted);
        QCOMPARE(deleted->results[0].error_code, code(error_code::non_empty_group));
        QCOMPARE(deleted->results[1].error_code, code(error_code::group_id_not_found));

        // Leave, then the member is unknown.
        leave_group_request leave;
        leave.group_id = g;
        leave.member_id = me;
        QCOMPARE(c->send<leave_group_api>(leave, 1)->error_code, int16_t{0});
        QCOMPARE(c->send<heartbeat_api>(heartbeat(g, gen, me), 3)->error_code, code(error_code::unknown_member_id));
        QCOMPARE(c->send<leave_group_api>(leave, 1)->error_code, code(error_code::unknown_member_id));
        QCOMPARE(commit_error(c->send<offset_commit_api>(commit(g, gen, me, "t", 0, 5), 7)),
                 code(error_code::unknown_member_id));  // a commit from a member that left

        describe_groups_request describe;
        describe.groups = {g};
        auto described = c->send<describe_groups_api>(describe, 4);
        QVERIFY(described);
        QCOMPARE(described->groups[0].group_state, std::string("Empty"));
        deleted = c->send<delete_groups_api>(del, 2);
        QCOMPARE(deleted->results[0].error_code, int16_t{0});
        described = c->send<describe_groups_api>(describe, 5);
        QCOMPARE(described->groups[0].group_state, std::string("Dead"));
    }

    void two_members_rebalance() {
        const std::string g = "g-two";
        auto a = connect();
        auto b = connect();
        QVERIFY(a && b);
        auto first = join_new(*a, g);
        QCOMPARE(first.error_code, int16_t{0});
        QCOMPARE(sync(*a, g, first.generation_id, first.member_id, {{first.member_id, bytes{1}}}).error_code, int16_t{0});
        // B joins: its JoinGroup waits until A rejoins (A learns of the rebalance from its heartbeat).
        auto b_join = std::async(std::launch::async, [&] { return join_new(*b, g); });
        int16_t hb = 0;
        for (int i = 0; i < 50 && hb == 0; ++i) {
            hb = a->send<heartbeat_api>(heartbeat(g, first.generation_id, first.member_id), 3)->error_code;
            if (hb == 0) QTest::qWait(20);
        }
        QCOMPARE(hb, code(error_code::rebalance_in_progress));
        auto a_again = a->send<join_group_api>(join_request(g, first.member_id), 5);
        QVERIFY(a_again);
        auto b_joined = b_join.get();
        QCOMPARE(a_again->error_code, int16_t{0});
        QCOMPARE(b_joined.error_code, int16_t{0});
        QCOMPARE(a_again->generation_id, first.generation_id + 1);
        QCOMPARE(b_joined.generation_id, a_again->generation_id);
        QCOMPARE(a_again->leader, first.member_id);  // the leader stays
        QCOMPARE(a_again->members.size(), std::size_t{2});
        QCOMPARE(b_joined.members.size(), std::size_t{0});
        // B's SyncGroup waits for the leader's assignment.
        auto b_sync = std::async(std::launch::async, [&] { return sync(*b, g, b_joined.generation_id, b_joined.member_id); });
        QTest::qWait(50);
        auto a_sync = sync(*a, g, a_again->generation_id, first.member_id,
                           {{first.member_id, bytes{0xa}}, {b_joined.member_id, bytes{0xb}}});
        QCOMPARE(a_sync.assignment, bytes{0xa});
        QCOMPARE(b_sync.get().assignment, bytes{0xb});
        // The old generation is fenced.
        QCOMPARE(a->send<heartbeat_api>(heartbeat(g, first.generation_id, first.member_id), 3)->error_code,
                 code(error_code::illegal_generation));
        list_groups_request list;
        list.states_filter = {"stable"};
        auto listed = a->send<list_groups_api>(list, 4);
        QVERIFY(listed);
        bool found = false;
        for (const auto& lg : listed->groups) found |= lg.group_id == g && lg.group_state == "Stable";
        QVERIFY(found);
        // A member that stops heartbeating is expired after its session timeout (3 s): B is alone after that.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
        int16_t b_hb = 0;
        while (std::chrono::steady_clock::now() < deadline && b_hb == 0) {
            b_hb = b->send<heartbeat_api>(heartbeat(g, b_joined.generation_id, b_joined.member_id), 3)->error_code;
            QTest::qWait(200);
        }
        QCOMPARE(b_hb, code(error_code::rebalance_in_progress));
    }

    void static_membership() {
        const std::string g = "g-static";
        auto c = connect();
        QVERIFY(c);
        auto request = join_request(g);
        request.group_instance_id = "instance-1";
        auto first = c->send<join_group_api>(request, 5);  // static members skip MEMBER_ID_REQUIRED
        QVERIFY(first);
        QCOMPARE(first->error_code, int16_t{0});
        QCOMPARE(first->members.size(), std::size_t{1});
        QCOMPARE(first->members[0].group_instance_id.value_or(""), std::string("instance-1"));
        QCOMPARE(sync(*c, g, first->generation_id, first->member_id, {{first->member_id, bytes{7}}}).error_code, int16_t{0});
        // The same instance restarts (no member id): it takes over, the old incarnation is fenced.
        auto second = c->send<join_group_api>(request, 5);
        QVERIFY(second);
        QCOMPARE(second->error_code, int16_t{0});
        QVERIFY(second->member_id != first->member_id);
        heartbeat_request old_hb{g, second->generation_id, first->member_id, std::string("instance-1")};
        QCOMPARE(c->send<heartbeat_api>(old_hb, 3)->error_code, code(error_code::fenced_instance_id));
        leave_group_request leave;
        leave.group_id = g;
        leave.members = {{"", std::string("instance-1"), std::nullopt}};
        auto left = c->send<leave_group_api>(leave, 3);
        QVERIFY(left);
        QCOMPARE(left->members.at(0).error_code, int16_t{0});
        describe_groups_request describe;
        describe.groups = {g};
        QCOMPARE(c->send<describe_groups_api>(describe, 4)->groups[0].group_state, std::string("Empty"));
    }

    void lag_and_reset() {
        client::cluster_client cluster(address_, timeout);
        std::vector<record> records(10);
        for (auto& r : records) r.value = bytes{'x'};
        QVERIFY(cluster.produce("lagging", 0, records).ok());
        records.resize(4);
        QVERIFY(cluster.produce("lagging", 1, records).ok());
        client::group_client groups(cluster);
        // M = 6 on partition 0 and 1 on partition 1: lag 4 and 3.
        auto reset = groups.reset_offsets("lag-group", {{"lagging", 0, 6}, {"lagging", 1, 1}});
        QVERIFY2(reset.ok(), reset.ok() ? "" : reset.err().message.c_str());
        auto snapshot = cluster.snapshot();
        QVERIFY(snapshot);
        auto lag = groups.lag({"lag-group"}, *snapshot);
        QVERIFY(lag);
        QCOMPARE(lag->size(), std::size_t{1});
        const auto& l = lag->front();
        QCOMPARE(l.partitions.size(), std::size_t{2});
        QCOMPARE(l.partitions[0].committed, int64_t{6});
        QCOMPARE(l.partitions[0].log_end_offset, int64_t{10});
        QCOMPARE(l.partitions[0].lag, int64_t{4});
        QCOMPARE(l.partitions[1].lag, int64_t{3});
        QCOMPARE(l.topic_lag.at("lagging"), int64_t{7});
        QCOMPARE(l.total_lag, int64_t{7});
        auto listed = groups.list_groups();
        QVERIFY(listed);
        bool found = false;
        for (const auto& g : *listed) found |= g.group_id == "lag-group";
        QVERIFY(found);
        auto committed = groups.committed_offsets({"lag-group", "g-required", "nothing-here"});
        QVERIFY(committed);
        QCOMPARE(committed->at("lag-group").size(), std::size_t{2});
        QCOMPARE(committed->at("nothing-here").size(), std::size_t{0});

        // A group with a member is refused, with a message a person can act on.
        auto c = connect();
        auto joined = join_new(*c, "lag-group");
        QCOMPARE(joined.error_code, int16_t{0});
        auto refused = groups.reset_offsets("lag-group", {{"lagging", 0, 0}});
        QVERIFY(!refused);
        QCOMPARE(refused.err().code, error_code::non_empty_group);
        QVERIFY(refused.err().message.find("no members") != std::string::npos);
        auto described = groups.describe_groups({"lag-group"});
        QVERIFY(described);
        QCOMPARE(described->front().members.size(), std::size_t{1});
        QCOMPARE(described->front().members[0].client_id, std::string("group-test"));
        leave_group_request leave;
        leave.group_id = "lag-group";
        leave.members = {{joined.member_id, std::nullopt, std::nullopt}};
        auto left = c->send<leave_group_api>(leave, 4);
        QVERIFY(left);
        QCOMPARE(left->members.at(0).error_code, int16_t{0});
    }

    void offsets_survive_restart() {
        int32_t generation = 0;
        std::string member_id;
        {
            auto before = connect();
            QVERIFY(before);
            auto joined = join_new(*before, "g-stable");
            QCOMPARE(joined.error_code, int16_t{0});
            generation = joined.generation_id;
            member_id = joined.member_id;
            QCOMPARE(sync(*before, "g-stable", generation, member_id, {{member_id, bytes{9, 9}}}).error_code, int16_t{0});
        }
        node_->stop();
        node_.reset();
        start_node();
        auto c = connect();
        QVERIFY(c);
        offset_fetch_request all;
        all.groups = {{"lag-group", std::nullopt}};
        auto fetched = c->send<offset_fetch_api>(all, 8);
        QVERIFY(fetched);
        QCOMPARE(fetched->groups.size(), std::size_t{1});
        QCOMPARE(fetched->groups[0].topics.size(), std::size_t{1});
        const auto& parts = fetched->groups[0].topics[0].partitions;
        QCOMPARE(parts.size(), std::size_t{2});
        QCOMPARE(parts[0].committed_offset, int64_t{6});
        QCOMPARE(parts[1].committed_offset, int64_t{1});
        // v1: explicit partitions, unknown ones are -1.
        offset_fetch_request one;
        one.group_id = "lag-group";
        one.topics = std::vector<offset_fetch_request::topic>{{"lagging", {0, 7}}};
        auto v1 = c->send<offset_fetch_api>(one, 1);
        QVERIFY(v1);
        QCOMPARE(v1->topics[0].partitions[0].committed_offset, int64_t{6});
        QCOMPARE(v1->topics[0].partitions[1].committed_offset, int64_t{-1});
        // The stable group came back with its member, generation and assignment: its member carries on.
        describe_groups_request describe;
        describe.groups = {"g-stable"};
        auto described = c->send<describe_groups_api>(describe, 5);
        QVERIFY(described);
        QCOMPARE(described->groups[0].group_state, std::string("Stable"));
        QCOMPARE(described->groups[0].members.size(), std::size_t{1});
        QCOMPARE(described->groups[0].members[0].member_assignment, (bytes{9, 9}));
        QCOMPARE(c->send<heartbeat_api>(heartbeat("g-stable", generation, member_id), 3)->error_code, int16_t{0});
    }
};

QTEST_GUILESS_MAIN(test_group_coordinator)
#include "test_group_coordinator.moc"
