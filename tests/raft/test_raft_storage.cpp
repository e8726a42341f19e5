// The Raft log and quorum-state stores: memory_log's epoch lookups, truncation and snapshots; the
// quorum-state file's format, atomic replacement and restart.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

#include "engine/raft/file_quorum_state_store.h"
#include "engine/raft/memory_log.h"

using namespace sluice;
using namespace sluice::raft;

namespace {

// Offsets 0-1 epoch 1, 2-4 epoch 3, 5 epoch 4.
memory_log sample_log() {
    memory_log log;
    std::vector<log_entry> e;
    for (int epoch : {1, 1, 3, 3, 3, 4}) e.push_back(log_entry{epoch_id{epoch}, false, bytes{static_cast<uint8_t>(epoch)}});
    (void)log.append(e);
    return log;
}

}  // namespace

class test_raft_storage : public QObject {
    Q_OBJECT

private slots:
    void end_offset_for_epoch_data() {
        QTest::addColumn<int>("epoch");
        QTest::addColumn<int>("want_epoch");
        QTest::addColumn<int>("want_offset");
        QTest::newRow("before the first epoch") << 0 << 0 << 0;
        QTest::newRow("first epoch") << 1 << 1 << 2;
        QTest::newRow("gap: largest epoch below") << 2 << 1 << 2;
        QTest::newRow("middle epoch") << 3 << 3 << 5;
        QTest::newRow("last epoch ends at the log end") << 4 << 4 << 6;
        QTest::newRow("beyond the last epoch") << 9 << 4 << 6;
    }
    void end_offset_for_epoch() {
        QFETCH(int, epoch);
        QFETCH(int, want_epoch);
        QFETCH(int, want_offset);
        auto log = sample_log();
        auto r = log.end_offset_for_epoch(epoch_id{epoch});
        QVERIFY(r.has_value());
        QCOMPARE(r->epoch.value(), want_epoch);
        QCOMPARE(r->offset.value(), want_offset);
    }

    void append_truncate_read() {
        auto log = sample_log();
        QCOMPARE(log.end_offset().value(), 6);
        QCOMPARE(log.last_epoch().value(), 4);
        std::vector<log_entry> older{log_entry{epoch_id{2}, false, {}}};
        QVERIFY(!log.append(older).ok());  // epochs never go back
        QVERIFY(log.truncate_to(log_offset{3}).ok());
        QCOMPARE(log.end_offset().value(), 3);
        QCOMPARE(log.last_epoch().value(), 3);
        QCOMPARE(log.read(log_offset{1}, 10, 1000).size(), std::size_t{2});
        QCOMPARE(log.read(log_offset{0}, 2, 1000).size(), std::size_t{2});
        QCOMPARE(log.read(log_offset{0}, 10, 0).size(), std::size_t{1});  // at least one entry
    }

    void snapshot_trims_the_prefix() {
        auto log = sample_log();
        QVERIFY(!log.create_snapshot(offset_and_epoch{log_offset{4}, epoch_id{4}}, {}).ok());  // wrong epoch
        offset_and_epoch id{log_offset{4}, epoch_id{3}};
        QVERIFY(log.create_snapshot(id, bytes{1, 2, 3}).ok());
        QCOMPARE(log.start_offset().value(), 4);
        QCOMPARE(log.end_offset().value(), 6);
        QVERIFY(log.latest_snapshot() == id);
        QCOMPARE(log.read_snapshot(id).value(), (bytes{1, 2, 3}));
        QCOMPARE(log.read_snapshot(offset_and_epoch{log_offset{2}, epoch_id{1}}).err().code,
                 protocol::error_code::snapshot_not_found);
        QCOMPARE(log.epoch_at(log_offset{3}).value().value(), 3);  // the snapshot's epoch
        // Epochs the snapshot covers: known through the snapshot id only.
        QCOMPARE(log.end_offset_for_epoch(epoch_id{3})->offset.value(), 5);
        QVERIFY(!log.end_offset_for_epoch(epoch_id{1}).has_value());
        QVERIFY(!log.truncate_to(log_offset{2}).ok());
    }

    void install_replaces_the_log() {
        auto log = sample_log();
        offset_and_epoch id{log_offset{10}, epoch_id{7}};
        QVERIFY(log.install_snapshot(id, bytes{9}).ok());
        QCOMPARE(log.start_offset().value(), 10);
        QCOMPARE(log.end_offset().value(), 10);
        QCOMPARE(log.last_epoch().value(), 7);
        QCOMPARE(log.end_offset_for_epoch(epoch_id{8})->offset.value(), 10);
    }

    void quorum_state_file_round_trip() {
        QTemporaryDir tmp;
        auto path = std::filesystem::path(tmp.path().toStdString()) / "quorum-state";
        std::vector<node_id> voters{node_id{1}, node_id{2}, node_id{3}};
        {
            file_quorum_state_store store(path, voters);
            auto empty = store.read();
            QVERIFY(empty.ok() && !empty->has_value());
            QVERIFY(store.write(quorum_state{epoch_id{5}, node_id{2}, std::nullopt}).ok());
            QVERIFY(store.write(quorum_state{epoch_id{6}, node_id{3}, node_id{3}}).ok());
        }
        QVERIFY(!std::filesystem::exists(path.string() + ".tmp"));
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        QCOMPARE(QString::fromStdString(text.str()),
                 QStringLiteral("{\"clusterId\":\"\",\"leaderId\":3,\"leaderEpoch\":6,\"votedId\":3,\"appliedOffset\":0,"
                                "\"currentVoters\":[{\"voterId\":1},{\"voterId\":2},{\"voterId\":3}],\"data_version\":0}\n"));
        file_quorum_state_store reopened(path, voters);  // a restart
        auto s = reopened.read();
        QVERIFY(s.ok() && s->has_value());
        QVERIFY(**s == (quorum_state{epoch_id{6}, node_id{3}, node_id{3}}));
        QVERIFY(reopened.write(quorum_state{epoch_id{7}, std::nullopt, std::nullopt}).ok());
        QVERIFY(reopened.read()->value() == (quorum_state{epoch_id{7}, std::nullopt, std::nullopt}));
    }

    void unreadable_quorum_state_is_an_error() {
        QTemporaryDir tmp;
        auto path = std::filesystem::path(tmp.path().toStdString()) / "quorum-state";
        std::ofstream(path) << "{\"leaderEpoch\":";
        file_quorum_state_store store(path, {});
        auto s = store.read();
        QVERIFY(!s.ok());
        QCOMPARE(s.err().code, protocol::error_code::kafka_storage_error);
    }
};

QTEST_GUILESS_MAIN(test_raft_storage)
#include "test_raft_storage.moc"
