// persistent_log: behaves exactly like memory_log under random appends, truncations, snapshots and installs,
// across reopenings; stores Kafka record batches (epoch in partitionLeaderEpoch, control batches) and KRaft
// snapshot file names; a raft_node restarted on it and on the quorum-state file keeps its committed log.
#include <QTemporaryDir>
#include <QTest>

#include <random>

#include "engine/protocol/record_batch.h"
#include "engine/raft/atomic_file.h"
#include "engine/raft/file_quorum_state_store.h"
#include "engine/raft/memory_log.h"
#include "engine/raft/persistent_log.h"
#include "engine/raft/raft_node.h"

using namespace sluice;
using namespace sluice::raft;

namespace {

std::filesystem::path dir_of(const QTemporaryDir& tmp) { return std::filesystem::path(tmp.path().toStdString()) / "raft"; }

std::unique_ptr<persistent_log> open_log(const std::filesystem::path& dir, bool fsync = false) {
    auto r = persistent_log::open(dir, fsync);
    if (!r) qFatal("cannot open the raft log: %s", r.err().message.c_str());
    return std::move(*r);
}

// Everything a raft_node can observe of a log, compared field by field.
QString difference(const raft_log& a, const raft_log& b) {
    if (a.start_offset() != b.start_offset()) return "start offset";
    if (a.end_offset() != b.end_offset()) return "end offset";
    if (a.last_epoch() != b.last_epoch()) return "last epoch";
    if (a.latest_snapshot() != b.latest_snapshot()) return "snapshot id";
    for (int e = 0; e <= a.last_epoch().value() + 1; ++e)
        if (a.end_offset_for_epoch(epoch_id{e}) != b.end_offset_for_epoch(epoch_id{e}))
            return QString("end offset for epoch %1").arg(e);
    for (auto o = a.start_offset() - 1; o <= a.end_offset(); o = o + 1)
        if (a.epoch_at(o) != b.epoch_at(o)) return QString("epoch at %1").arg(o.value());
    if (a.read(a.start_offset(), 100000, SIZE_MAX) != b.read(b.start_offset(), 100000, SIZE_MAX)) return "entries";
    if (a.end_offset() > a.start_offset()) {
        auto mid = a.start_offset() + (a.end_offset() - a.start_offset()) / 2;
        if (a.read(mid, 3, SIZE_MAX) != b.read(mid, 3, SIZE_MAX)) return "entries from the middle";
    }
    if (auto s = a.latest_snapshot(); s && a.read_snapshot(*s).value() != b.read_snapshot(*s).value()) return "snapshot";
    return {};
}

}  // namespace

class test_raft_persistent_log : public QObject {
    Q_OBJECT

private slots:
    void behaves_like_memory_log_data() {
        QTest::addColumn<uint32_t>("seed");
        for (uint32_t s = 1; s <= 6; ++s) QTest::addRow("seed %u", s) << s;
    }
    void behaves_like_memory_log() {
        QFETCH(uint32_t, seed);
        QTemporaryDir tmp;
        std::mt19937 rng(seed);
        auto roll = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
        memory_log model;
        auto log = open_log(dir_of(tmp));
        int epoch = 1;
        for (int step = 0; step < 120; ++step) {
            const int op = roll(20);
            if (op < 10) {  // append a few entries, sometimes in a new epoch, sometimes a control entry
                if (roll(4) == 0) epoch += 1 + roll(2);
                std::vector<log_entry> entries;
                for (int k = roll(4) + 1; k > 0; --k) {
                    bytes payload(static_cast<std::size_t>(roll(12)), static_cast<uint8_t>(step));
                    entries.push_back(log_entry{epoch_id{epoch}, roll(5) == 0, payload});
                }
                QVERIFY(model.append(entries).ok());
                QVERIFY(log->append(entries).ok());
            } else if (op < 14) {  // truncate somewhere in the tail
                auto span = model.end_offset() - model.start_offset();
                if (span == 0) continue;
                auto to = model.end_offset() - (1 + roll(static_cast<int>(std::min<int64_t>(span, 6))));
                QVERIFY(model.truncate_to(to).ok());
                QVERIFY(log->truncate_to(to).ok());
            } else if (op < 16) {  // snapshot a prefix
                auto span = model.end_offset() - model.start_offset();
                if (span == 0) continue;
                auto end = model.start_offset() + (1 + roll(static_cast<int>(span)));
                offset_and_epoch id{end, *model.epoch_at(end - 1)};
                bytes state(static_cast<std::size_t>(roll(40)), static_cast<uint8_t>(step));
                QVERIFY(model.create_snapshot(id, state).ok());
                QVERIFY(log->create_snapshot(id, state).ok());
            } else if (op < 17) {  // a follower installs a leader's snapshot ahead of its log
                epoch += 1;
                offset_and_epoch id{model.end_offset() + roll(10), epoch_id{epoch}};
                QVERIFY(model.install_snapshot(id, bytes{1, 2, 3}).ok());
                QVERIFY(log->install_snapshot(id, bytes{1, 2, 3}).ok());
            } else {  // restart
                log.reset();
                log = open_log(dir_of(tmp));
            }
            auto diff = difference(model, *log);
            QVERIFY2(diff.isEmpty(), qPrintable(QString("step %1 (op %2): %3 differs").arg(step).arg(op).arg(diff)));
        }
    }

    void stores_kafka_batches_and_kraft_snapshot_names() {
        QTemporaryDir tmp;
        auto log = open_log(dir_of(tmp));
        std::vector<log_entry> entries{{epoch_id{3}, true, {7}}, {epoch_id{3}, false, {1}}, {epoch_id{3}, false, {2}}};
        QVERIFY(log->append(entries).ok());
        // The partition_log underneath, read raw: a control batch then a data batch, both with epoch 3.
        auto raw = storage::partition_log::open(dir_of(tmp) / "log", persistent_log::raft_log_config(), 0);
        QVERIFY(raw.ok());
        auto slice = (*raw)->read(0, 1 << 20);
        QVERIFY(slice.ok());
        auto batches = protocol::split_batches(slice->bytes, false);
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), std::size_t{2});
        QVERIFY((*batches)[0].header.is_control());
        QVERIFY(!(*batches)[1].header.is_control());
        QCOMPARE((*batches)[0].header.partition_leader_epoch, 3);
        QCOMPARE((*batches)[1].header.partition_leader_epoch, 3);
        QCOMPARE((*batches)[1].header.base_offset, 1);
        QCOMPARE((*batches)[1].header.record_count, 2);
        QVERIFY(protocol::validate_batch_for_append((*batches)[1]).ok());

        QVERIFY(log->create_snapshot(offset_and_epoch{log_offset{2}, epoch_id{3}}, bytes{4, 2}).ok());
        QVERIFY(std::filesystem::exists(dir_of(tmp) / "00000000000000000002-0000000003.checkpoint"));
        QVERIFY(log->create_snapshot(offset_and_epoch{log_offset{3}, epoch_id{3}}, bytes{4, 3}).ok());
        QVERIFY(!std::filesystem::exists(dir_of(tmp) / "00000000000000000002-0000000003.checkpoint"));
        QCOMPARE(QString::fromStdString(persistent_log::snapshot_file_name({log_offset{3}, epoch_id{3}})),
                 QStringLiteral("00000000000000000003-0000000003.checkpoint"));
    }

    void interrupted_install_is_completed_at_open() {
        // The snapshot file is written before the log is reset; a crash in between leaves a log that does not
        // lead up to the snapshot. Opening puts the log at the snapshot.
        QTemporaryDir tmp;
        {
            auto log = open_log(dir_of(tmp));
            std::vector<log_entry> entries{{epoch_id{1}, false, {1}}, {epoch_id{1}, false, {2}}};
            QVERIFY(log->append(entries).ok());
        }
        bytes state{9, 9};
        QVERIFY(write_file_atomically_for_test(dir_of(tmp) / persistent_log::snapshot_file_name({log_offset{10}, epoch_id{4}}), state));
        auto log = open_log(dir_of(tmp));
        QCOMPARE(log->start_offset().value(), 10);
        QCOMPARE(log->end_offset().value(), 10);
        QCOMPARE(log->last_epoch().value(), 4);
        QCOMPARE(log->read_snapshot({log_offset{10}, epoch_id{4}}).value(), state);
    }

    void node_restarts_on_disk() {
        QTemporaryDir tmp;
        raft_config cfg;
        cfg.id = node_id{1};
        cfg.voters = {node_id{1}};
        auto state_file = std::filesystem::path(tmp.path().toStdString()) / "quorum-state";
        log_offset last{0};
        {
            auto log = open_log(dir_of(tmp), true);
            file_quorum_state_store store(state_file, cfg.voters);
            raft_node n(cfg, *log, store);
            QVERIFY(n.start(0).ok());
            QCOMPARE(n.current_role(), role::leader);
            auto r = n.propose({bytes{'a'}, bytes{'b'}}, 1);
            QVERIFY(r.ok());
            last = *r;
        }
        auto log = open_log(dir_of(tmp));
        file_quorum_state_store store(state_file, cfg.voters);
        raft_node n(cfg, *log, store);
        QVERIFY(n.start(100).ok());
        // A new epoch (leaders never resume theirs), and the old entries commit again under it.
        QCOMPARE(n.current_role(), role::leader);
        QCOMPARE(n.epoch().value(), 2);
        QVERIFY(n.high_watermark() > last);
        auto committed = n.committed_since(log_offset{0}, 10);
        QCOMPARE(committed.size(), std::size_t{4});
        QCOMPARE(committed[1].payload, bytes{'a'});
        QCOMPARE(committed[2].payload, bytes{'b'});
        QVERIFY(committed[3].control);
        QCOMPARE(committed[3].epoch.value(), 2);
    }

private:
    static bool write_file_atomically_for_test(const std::filesystem::path& p, const bytes& content) {
        return write_file_atomically(p, content).ok();
    }
};

QTEST_GUILESS_MAIN(test_raft_persistent_log)
#include "test_raft_persistent_log.moc"
