// The coordinator's storage without a broker: Kafka's record formats for __consumer_offsets, Java's hash for
// the partition, replay into a fresh coordinator, tombstones, and offsets.retention expiry of empty groups.
#include <QTest>

#include <map>
#include <vector>

#include "engine/group/group_coordinator.h"
#include "engine/group/offsets_records.h"

using namespace sluice;

namespace {
// __consumer_offsets in memory: records per partition.
class fake_offsets final : public group::offsets_backend {
public:
    int32_t partitions = 0;
    std::map<int32_t, std::vector<protocol::record>> logs;
    int32_t partition_count() const override { return partitions; }
    result<int32_t> ensure_topic(int32_t n) override {
        if (partitions == 0) partitions = n;
        return partitions;
    }
    result<void> append(int32_t partition, std::span<const protocol::record> records) override {
        for (const auto& r : records) logs[partition].push_back(r);
        return {};
    }
    result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) override {
        for (const auto& r : logs[partition]) visit(r);
        return {};
    }
    bool partition_exists(const std::string& topic, int32_t partition) const override {
        return topic == "orders" && partition >= 0 && partition < 3;
    }
};

// One node's view of a shared __consumer_offsets: it leads the partitions in `led` (with their epochs).
class node_view final : public group::offsets_backend {
public:
    explicit node_view(fake_offsets& log) : log_(log) {}
    std::map<int32_t, int32_t> led;
    int32_t partition_count() const override { return log_.partition_count(); }
    result<int32_t> ensure_topic(int32_t n) override { return log_.ensure_topic(n); }
    std::optional<int32_t> led_epoch(int32_t partition) const override {
        auto it = led.find(partition);
        return it == led.end() ? std::nullopt : std::optional<int32_t>(it->second);
    }
    result<void> append(int32_t partition, std::span<const protocol::record> records) override {
        if (!led.contains(partition)) return make_error(protocol::error_code::not_leader_or_follower, "follower");
        return log_.append(partition, records);
    }
    result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) override {
        return log_.replay(partition, visit);
    }
    bool partition_exists(const std::string& topic, int32_t partition) const override {
        return log_.partition_exists(topic, partition);
    }

private:
    fake_offsets& log_;
};

protocol::offset_commit_request commit(const std::string& group, int32_t partition, int64_t offset, std::string metadata) {
    protocol::offset_commit_request r;
    r.group_id = group;
    r.generation_id = -1;
    protocol::offset_commit_request::partition p;
    p.partition_index = partition;
    p.committed_offset = offset;
    p.committed_metadata = std::move(metadata);
    r.topics.push_back({"orders", {p}});
    return r;
}

// Runs the coordinator's awaitable OffsetCommit to completion on `io`.
protocol::offset_commit_response commit_now(asio::io_context& io, group::group_coordinator& c,
                                            const protocol::offset_commit_request& request) {
    std::optional<protocol::offset_commit_response> out;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { out = co_await c.commit_offsets(request); }, asio::detached);
    io.restart();
    for (int i = 0; i < 1000 && !out; ++i) io.run_one_for(std::chrono::milliseconds(10));
    return out.value_or(protocol::offset_commit_response{});
}

int64_t fetched(group::group_coordinator& c, const std::string& group, int32_t partition, std::string* metadata = nullptr) {
    protocol::offset_fetch_request r;
    r.group_id = group;
    r.topics = std::vector<protocol::offset_fetch_request::topic>{{"orders", {partition}}};
    auto response = c.fetch_offsets(r, 7);
    if (metadata) *metadata = response.topics.at(0).partitions.at(0).metadata.value_or("<null>");
    return response.topics.at(0).partitions.at(0).committed_offset;
}
}  // namespace

class test_group_offsets : public QObject {
    Q_OBJECT
private slots:
    void java_hash_and_partition() {
        QCOMPARE(group::java_string_hash(""), 0);
        QCOMPARE(group::java_string_hash("hello"), 99162322);
        QCOMPARE(group::java_string_hash("polygenelubricants"), INT32_MIN);  // Utils.abs(MIN_VALUE) is 0
        QCOMPARE(group::offsets_partition_for("polygenelubricants", 50), 0);
        QCOMPARE(group::java_string_hash("\xc3\xa9"), 0xe9);              // é: one UTF-16 unit
        QCOMPARE(group::java_string_hash("\xf0\x9f\x98\x80"), 0xd83d * 31 + 0xde00);  // 😀: a surrogate pair
        QCOMPARE(group::offsets_partition_for("hello", 50), 99162322 % 50);
    }

    void record_formats_round_trip() {
        group::offset_commit_value v{42, 7, "meta", 1700000000000, -1};
        auto value = group::encode_value(v);
        // Kafka's OffsetCommitValue v3: version 3, offset, leader epoch, metadata, commit timestamp.
        QCOMPARE(value.size(), std::size_t{2 + 8 + 4 + 2 + 4 + 8});
        QCOMPARE(int(value[1]), 3);
        auto back = group::decode_offset_value(value);
        QVERIFY(back);
        QCOMPARE(back->offset, int64_t{42});
        QCOMPARE(back->leader_epoch, 7);
        QCOMPARE(back->metadata, std::string("meta"));
        auto key = group::encode_key(group::offset_commit_key{"g", "orders", 2});
        QCOMPARE(int(key[1]), 1);
        auto decoded = group::decode_key(key);
        QVERIFY(decoded && std::holds_alternative<group::offset_commit_key>(*decoded));
        QCOMPARE(std::get<group::offset_commit_key>(*decoded).partition, 2);
        auto gkey = group::decode_key(group::encode_key(group::group_metadata_key{"g"}));
        QVERIFY(gkey && std::holds_alternative<group::group_metadata_key>(*gkey));
    }

    void commits_replay_into_a_new_coordinator() {
        asio::io_context io;
        fake_offsets log;
        {
            group::group_coordinator c(io, {.offsets_topic_partitions = 5}, log);
            QVERIFY(c.start().ok());
            auto r = commit_now(io, c, commit("billing", 0, 15, "processed up to 15"));
            QCOMPARE(r.topics.at(0).partitions.at(0).error_code, int16_t{0});
            r = commit_now(io, c, commit("billing", 1, 3, ""));
            QCOMPARE(r.topics.at(0).partitions.at(0).error_code, int16_t{0});
            r = commit_now(io, c, commit("billing", 9, 3, ""));  // no such partition
            QCOMPARE(r.topics.at(0).partitions.at(0).error_code, int16_t(protocol::error_code::unknown_topic_or_partition));
            protocol::offset_delete_request del;
            del.group_id = "billing";
            del.topics.push_back({"orders", {{1}}});
            QCOMPARE(c.delete_offsets(del).topics.at(0).partitions.at(0).error_code, int16_t{0});
        }
        QCOMPARE(log.partitions, 5);
        int32_t p = group::offsets_partition_for("billing", 5);
        QCOMPARE(log.logs[p].size(), std::size_t{3});  // two commits and one tombstone, all in the group's partition
        group::group_coordinator again(io, {.offsets_topic_partitions = 5}, log);
        QVERIFY(again.start().ok());
        std::string metadata;
        QCOMPARE(fetched(again, "billing", 0, &metadata), int64_t{15});
        QCOMPARE(metadata, std::string("processed up to 15"));
        QCOMPARE(fetched(again, "billing", 1), int64_t{-1});  // deleted
        QCOMPARE(fetched(again, "nobody", 0), int64_t{-1});
        auto listed = again.list_groups({});
        QCOMPARE(listed.groups.size(), std::size_t{1});
        QCOMPARE(listed.groups[0].group_state, std::string("Empty"));
    }

    // The coordinator of a group is the node leading its partition: the others answer NOT_COORDINATOR, and a
    // node that starts leading (a new epoch) loads what the previous leader committed.
    void coordination_follows_partition_leadership() {
        asio::io_context io;
        fake_offsets log;
        log.partitions = 3;
        int32_t p = group::offsets_partition_for("billing", 3);
        node_view a_view(log), b_view(log);
        a_view.led[p] = 1;
        group::group_coordinator a(io, {.offsets_topic_partitions = 3}, a_view);
        group::group_coordinator b(io, {.offsets_topic_partitions = 3}, b_view);
        QVERIFY(a.start().ok());
        QVERIFY(b.start().ok());
        QCOMPARE(commit_now(io, a, commit("billing", 0, 15, "")).topics.at(0).partitions.at(0).error_code, int16_t{0});
        QCOMPARE(commit_now(io, b, commit("billing", 0, 16, "")).topics.at(0).partitions.at(0).error_code,
                 int16_t(protocol::error_code::not_coordinator));
        protocol::offset_fetch_request f;
        f.group_id = "billing";
        f.topics = std::vector<protocol::offset_fetch_request::topic>{{"orders", {0}}};
        QCOMPARE(b.fetch_offsets(f, 7).error_code, int16_t(protocol::error_code::not_coordinator));
        QCOMPARE(b.list_groups({}).groups.size(), std::size_t{0});

        // Leadership moves to b (epoch 2): b loads the partition, a unloads it.
        a_view.led.clear();
        b_view.led[p] = 2;
        a.on_leadership_change();
        b.on_leadership_change();
        io.restart();
        io.poll();
        QCOMPARE(fetched(b, "billing", 0), int64_t{15});
        QCOMPARE(a.fetch_offsets(f, 7).error_code, int16_t(protocol::error_code::not_coordinator));
        QVERIFY(a.find_group("billing") == nullptr);
        QCOMPARE(commit_now(io, b, commit("billing", 0, 40, "")).topics.at(0).partitions.at(0).error_code, int16_t{0});

        // And back to a with epoch 3, before a's reconcile ran: a request loads it on demand, with b's commit.
        b_view.led.clear();
        a_view.led[p] = 3;
        QCOMPARE(fetched(a, "billing", 0), int64_t{40});
    }

    void retention_expires_offsets_of_empty_groups() {
        asio::io_context io;
        fake_offsets log;
        group::group_coordinator c(io, {.offsets_topic_partitions = 3, .offsets_retention_ms = 60000}, log);
        QVERIFY(c.start().ok());
        commit_now(io, c, commit("old", 0, 5, ""));
        int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
        QCOMPARE(c.expire_offsets(now + 1000), std::size_t{0});
        QCOMPARE(fetched(c, "old", 0), int64_t{5});
        QCOMPARE(c.expire_offsets(now + 61000), std::size_t{1});
        QCOMPARE(fetched(c, "old", 0), int64_t{-1});
        QVERIFY(c.find_group("old") == nullptr);
        // The tombstones replay: a new coordinator does not resurrect the offset.
        group::group_coordinator again(io, {.offsets_topic_partitions = 3}, log);
        QVERIFY(again.start().ok());
        QCOMPARE(fetched(again, "old", 0), int64_t{-1});
        QVERIFY(again.find_group("old") == nullptr);
    }
};

QTEST_GUILESS_MAIN(test_group_offsets)
#include "test_group_offsets.moc"
