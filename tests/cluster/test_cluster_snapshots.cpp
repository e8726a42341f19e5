// Metadata snapshots in a 3-node local_cluster with a tiny snapshot threshold and tiny metadata segments:
// every node writes `.checkpoint` files and drops the log segments before them; a restarted node loads its
// snapshot and lists the same topics; a node stopped while the leader's log start passed its position (and a
// node with an empty data dir) catches up over TCP by FetchSnapshot and then lists every topic. Every wait
// is bounded; 127.0.0.1 only.
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include "engine/client/connection.h"
#include "engine/cluster/local_cluster.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/metadata.h"
#include "tests/cluster/cluster_probe.h"
#include "tests/cluster/fast_cluster_config.h"

using namespace sluice;
using namespace std::chrono_literals;

namespace {

constexpr auto wait_bound = 30s;
constexpr int topics_per_round = 60;

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds bound = wait_bound) {
    return testing::eventually(pred, bound);
}

// Offsets named by the files in a directory: `<offset, 20 digits>-<epoch>.checkpoint` or `<offset>.log`.
std::set<int64_t> offsets_of(const std::filesystem::path& dir, std::string_view suffix) {
    std::set<int64_t> out;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
        auto name = f.path().filename().string();
        if (name.size() > 20 && name.ends_with(suffix)) out.insert(std::stoll(name.substr(0, 20)));
    }
    return out;
}

}  // namespace

class test_cluster_snapshots : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<cluster::local_cluster> cluster_;
    int created_ = 0;

    std::filesystem::path metadata_dir(int32_t id) const {
        return std::filesystem::path(dir_.path().toStdString()) / ("node-" + std::to_string(id)) /
               "__cluster_metadata-0";
    }
    int64_t latest_snapshot(int32_t id) const {
        auto s = offsets_of(metadata_dir(id), ".checkpoint");
        return s.empty() ? -1 : *s.rbegin();
    }
    int64_t first_segment(int32_t id) const {
        auto s = offsets_of(metadata_dir(id) / "log", ".log");
        return s.empty() ? -1 : *s.begin();
    }

    std::unique_ptr<client::connection> connect(int32_t id) {
        auto c = client::connection::open("127.0.0.1:" + std::to_string(cluster_->port(id)), 2000ms);
        return c ? std::move(c.value()) : nullptr;
    }

    std::optional<protocol::describe_quorum_response::partition> describe(int32_t id) {
        return testing::describe_quorum("127.0.0.1:" + std::to_string(cluster_->port(id)));
    }

    std::optional<int32_t> leader() {
        for (int32_t id : cluster_->node_ids()) {
            if (!cluster_->is_running(id)) continue;
            if (auto d = describe(id); d && d->leader_id > 0 && cluster_->is_running(d->leader_id)) return d->leader_id;
        }
        return std::nullopt;
    }

    // The topics named snap-* that node `id` lists with their partitions.
    std::set<std::string> listed(int32_t id) {
        std::set<std::string> out;
        auto c = connect(id);
        if (!c) return out;
        protocol::metadata_request req;  // topics null: all
        req.allow_auto_topic_creation = false;
        auto r = c->send<protocol::metadata_api>(req, 9);
        if (!r) return out;
        for (const auto& t : r->topics)
            if (t.error_code == 0 && t.name && t.name->starts_with("snap-") && t.partitions.size() == 2)
                out.insert(*t.name);
        return out;
    }

    std::set<std::string> expected() const {
        std::set<std::string> out;
        for (int i = 0; i < created_; ++i) out.insert("snap-" + std::to_string(i));
        return out;
    }

    // Creates the next `n` topics at the controller, a few per request, retrying on a leader change.
    bool create_topics(int n) {
        int target = created_ + n;
        auto end = std::chrono::steady_clock::now() + wait_bound;
        while (created_ < target && std::chrono::steady_clock::now() < end) {
            auto l = leader();
            auto c = l ? connect(*l) : nullptr;
            if (!c) {
                std::this_thread::sleep_for(100ms);
                continue;
            }
            protocol::create_topics_request req;
            int batch = std::min(10, target - created_);
            for (int i = 0; i < batch; ++i) {
                auto& t = req.topics.emplace_back();
                t.name = "snap-" + std::to_string(created_ + i);
                t.num_partitions = 2;
                t.replication_factor = 1;
            }
            req.timeout_ms = 5000;
            auto r = c->send<protocol::create_topics_api>(req, 4);
            if (!r) continue;
            int done = 0;
            for (const auto& t : r->topics)
                done += t.error_code == 0 ||
                        t.error_code == static_cast<int16_t>(protocol::error_code::topic_already_exists);
            if (done == batch)
                created_ += batch;
            else
                std::this_thread::sleep_for(100ms);
        }
        return created_ == target;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto config = testing::fast_cluster_config(dir_.path().toStdString(),
                                                   {{"metadata.log.max.record.bytes.between.snapshots", "4096"},
                                                    {"metadata.log.segment.bytes", "2048"}});
        auto started = cluster::local_cluster::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        cluster_ = std::move(started.value());
        QVERIFY(eventually([&] { return leader().has_value(); }));
    }

    void cleanupTestCase() {
        if (cluster_) cluster_->stop();
    }

    void every_node_snapshots_and_drops_old_segments() {
        QVERIFY(create_topics(topics_per_round));
        for (int32_t id : cluster_->node_ids()) {
            QVERIFY2(eventually([&] { return latest_snapshot(id) > 0 && first_segment(id) > 0; }),
                     ("node " + std::to_string(id) + " has no snapshot or kept its first segment").c_str());
            QVERIFY(eventually([&] { return listed(id) == expected(); }));
            // Only whole segments before the latest snapshot go.
            QVERIFY(first_segment(id) <= latest_snapshot(id));
            // One snapshot is kept. The node's quorum thread writes a new one before it removes the older, so
            // a listing taken in between (this thread races it) may see both for a moment.
            QVERIFY(eventually([&] { return offsets_of(metadata_dir(id), ".checkpoint").size() == 1; }));
        }
    }

    void a_restarted_node_loads_its_snapshot() {
        int32_t id = cluster_->node_ids().back();
        cluster_->stop_node(id);
        auto snapshot = latest_snapshot(id);
        QVERIFY(snapshot > 0);
        auto again = cluster_->start_node(id);
        QVERIFY2(again.ok(), again.ok() ? "" : again.err().message.c_str());
        QVERIFY(eventually([&] { return listed(id) == expected(); }));
    }

    void a_node_behind_the_log_start_catches_up_by_snapshot() {
        std::optional<int32_t> l;
        QVERIFY(eventually([&] { return (l = leader()).has_value(); }));
        int32_t behind = *l == 1 ? 2 : 1;
        // Where the follower's log ends, as the leader knows it, just before it stops.
        int64_t position = -1;
        QVERIFY(eventually([&] {
            auto d = describe(*l);
            if (!d) return false;
            for (const auto& r : d->current_voters)
                if (r.replica_id == behind) position = r.log_end_offset;
            return position > 0;
        }));
        auto snapshot_before = latest_snapshot(behind);
        cluster_->stop_node(behind);
        // Enough new records that the others' logs start past everything the stopped node holds.
        QVERIFY(create_topics(topics_per_round));
        QVERIFY(eventually([&] {
            for (int32_t id : cluster_->node_ids())
                if (cluster_->is_running(id) && first_segment(id) <= position) return false;
            return true;
        }));
        auto started = cluster_->start_node(behind);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        QVERIFY2(eventually([&] { return listed(behind) == expected(); }),
                 ("node " + std::to_string(behind) + " lists " + std::to_string(listed(behind).size()) + " of " +
                  std::to_string(created_) + " topics")
                     .c_str());
        QVERIFY(latest_snapshot(behind) > snapshot_before);
    }

    void a_node_with_an_empty_data_dir_catches_up_by_snapshot() {
        std::optional<int32_t> l;
        QVERIFY(eventually([&] { return (l = leader()).has_value(); }));
        int32_t fresh = *l == 3 ? 2 : 3;
        cluster_->stop_node(fresh);
        // A damaged snapshot stops the node with a message naming it, rather than starting with less metadata.
        std::filesystem::path checkpoint;  // the latest: names are zero-padded offsets
        for (const auto& f : std::filesystem::directory_iterator(metadata_dir(fresh)))
            if (f.path().extension() == ".checkpoint" && f.path() > checkpoint) checkpoint = f.path();
        QVERIFY(!checkpoint.empty());
        {
            std::fstream f(checkpoint, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(checkpoint) / 2));
            f.put('\x7f');
        }
        auto refused = cluster_->start_node(fresh);
        QVERIFY(!refused.ok());
        QVERIFY2(QString::fromStdString(refused.err().message).contains("metadata snapshot"),
                 refused.err().message.c_str());
        std::filesystem::remove_all(metadata_dir(fresh).parent_path());
        auto started = cluster_->start_node(fresh);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        QVERIFY(eventually([&] { return listed(fresh) == expected(); }));
        QVERIFY(latest_snapshot(fresh) > 0);
    }
};

QTEST_GUILESS_MAIN(test_cluster_snapshots)
#include "test_cluster_snapshots.moc"
