// leader_epoch_cache: Kafka's OffsetForLeaderEpoch answers, assign/truncate rules, the checkpoint file.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <future>
#include <iterator>

#include "engine/replication/leader_epoch_cache.h"
#include "engine/replication/leader_epoch_checkpoint.h"
#include "engine/storage/background_flusher.h"

using namespace sluice;
using namespace sluice::replication;

namespace {

leader_epoch_cache make_cache(std::initializer_list<std::pair<int32_t, int64_t>> entries) {
    leader_epoch_cache cache;
    for (auto [e, o] : entries)
        if (!cache.assign(leader_epoch{e}, offset{o})) qFatal("assign failed");
    return cache;
}

QString describe(const std::vector<epoch_entry>& entries) {
    QStringList parts;
    for (const auto& e : entries) parts << QStringLiteral("%1@%2").arg(e.epoch.value()).arg(e.start_offset.value());
    return parts.join(' ');
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void spit(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

}  // namespace

class test_leader_epoch_cache : public QObject {
    Q_OBJECT

private slots:
    // The cache is 2@10, 4@20, 7@35; optionally truncated, then asked for `requested` with `log_end`.
    void end_offset_for_data() {
        QTest::addColumn<qint64>("truncate_end");    // -1: none
        QTest::addColumn<qint64>("truncate_start");  // -1: none
        QTest::addColumn<qint64>("log_end");
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("epoch");
        QTest::addColumn<qint64>("end_offset");

        QTest::newRow("undefined epoch asked") << -1LL << -1LL << 50LL << -1 << -1 << -1LL;
        QTest::newRow("below the first epoch") << -1LL << -1LL << 50LL << 1 << 1 << 10LL;
        QTest::newRow("epoch 0, below the first") << -1LL << -1LL << 50LL << 0 << 0 << 10LL;
        QTest::newRow("equal to the first") << -1LL << -1LL << 50LL << 2 << 2 << 20LL;
        QTest::newRow("between first and second") << -1LL << -1LL << 50LL << 3 << 2 << 20LL;
        QTest::newRow("equal to a middle epoch") << -1LL << -1LL << 50LL << 4 << 4 << 35LL;
        QTest::newRow("just below the latest") << -1LL << -1LL << 50LL << 6 << 4 << 35LL;
        QTest::newRow("the latest: log end") << -1LL << -1LL << 50LL << 7 << 7 << 50LL;
        QTest::newRow("above the latest") << -1LL << -1LL << 50LL << 8 << -1 << -1LL;
        QTest::newRow("far above the latest") << -1LL << -1LL << 50LL << 1000 << -1 << -1LL;
        // truncate_from_end(35) drops 7@35: 4 becomes the latest and ends at the (new) log end.
        QTest::newRow("end-truncated: new latest") << 35LL << -1LL << 35LL << 4 << 4 << 35LL;
        QTest::newRow("end-truncated: dropped epoch") << 35LL << -1LL << 35LL << 7 << -1 << -1LL;
        QTest::newRow("end-truncated: between") << 35LL << -1LL << 35LL << 3 << 2 << 20LL;
        // truncate_from_end(36) keeps 7@35 (it starts below 36).
        QTest::newRow("end-truncated inside latest") << 36LL << -1LL << 36LL << 7 << 7 << 36LL;
        // truncate_from_start(15) rewrites 2@10 as 2@15.
        QTest::newRow("start-truncated: below first") << -1LL << 15LL << 50LL << 1 << 1 << 15LL;
        QTest::newRow("start-truncated: first") << -1LL << 15LL << 50LL << 2 << 2 << 20LL;
        // truncate_from_start(25) removes 2@10 and rewrites 4@20 as 4@25.
        QTest::newRow("start-truncated past epoch 2") << -1LL << 25LL << 50LL << 2 << 2 << 25LL;
        QTest::newRow("start-truncated: 3 is now below") << -1LL << 25LL << 50LL << 3 << 3 << 25LL;
        QTest::newRow("start-truncated: rewritten epoch") << -1LL << 25LL << 50LL << 4 << 4 << 35LL;
        // truncate_from_end(10) removes everything.
        QTest::newRow("emptied by end truncation") << 10LL << -1LL << 10LL << 2 << -1 << -1LL;
    }

    void end_offset_for() {
        QFETCH(qint64, truncate_end);
        QFETCH(qint64, truncate_start);
        QFETCH(qint64, log_end);
        QFETCH(int, requested);
        QFETCH(int, epoch);
        QFETCH(qint64, end_offset);
        auto cache = make_cache({{2, 10}, {4, 20}, {7, 35}});
        if (truncate_end >= 0) QVERIFY(cache.truncate_from_end(offset{truncate_end}).ok());
        if (truncate_start >= 0) QVERIFY(cache.truncate_from_start(offset{truncate_start}).ok());
        const auto answer = cache.end_offset_for(leader_epoch{requested}, offset{log_end});
        QCOMPARE(answer.epoch.value(), epoch);
        QCOMPARE(answer.end_offset.value(), end_offset);
    }

    void empty_cache_answers_undefined() {
        leader_epoch_cache cache;
        QVERIFY(cache.end_offset_for(leader_epoch{0}, offset{0}).undefined());
        QVERIFY(cache.end_offset_for(leader_epoch{5}, offset{100}).undefined());
        QVERIFY(!cache.latest_epoch());
    }

    void assign_rules_data() {
        QTest::addColumn<int>("epoch");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<QString>("expected");
        // Starting from 2@10 4@20.
        QTest::newRow("new higher epoch appends") << 5 << 30LL << "2@10 4@20 5@30";
        QTest::newRow("same epoch, later offset: no-op") << 4 << 25LL << "2@10 4@20";
        QTest::newRow("same epoch, same offset: no-op") << 4 << 20LL << "2@10 4@20";
        QTest::newRow("same epoch, earlier offset replaces") << 4 << 15LL << "2@10 4@15";
        QTest::newRow("higher epoch at same offset replaces") << 5 << 20LL << "2@10 5@20";
        QTest::newRow("higher epoch, earlier offset truncates") << 5 << 12LL << "2@10 5@12";
        QTest::newRow("lower epoch truncates later entries") << 3 << 22LL << "2@10 3@22";
        QTest::newRow("lower epoch below everything") << 1 << 5LL << "1@5";
    }

    void assign_rules() {
        QFETCH(int, epoch);
        QFETCH(qint64, start);
        QFETCH(QString, expected);
        auto cache = make_cache({{2, 10}, {4, 20}});
        QVERIFY(cache.assign(leader_epoch{epoch}, offset{start}).ok());
        QCOMPARE(describe(cache.entries()), expected);
    }

    void assign_rejects_negative() {
        auto cache = make_cache({{2, 10}});
        QVERIFY(!cache.assign(leader_epoch{-1}, offset{20}).ok());
        QVERIFY(!cache.assign(leader_epoch{3}, offset{-1}).ok());
        QCOMPARE(describe(cache.entries()), QStringLiteral("2@10"));
    }

    void truncate_from_start_rules() {
        auto cache = make_cache({{2, 10}, {4, 20}, {7, 35}});
        QVERIFY(cache.truncate_from_start(offset{5}).ok());  // below everything: nothing changes
        QCOMPARE(describe(cache.entries()), QStringLiteral("2@10 4@20 7@35"));
        QVERIFY(cache.truncate_from_start(offset{20}).ok());  // exactly at 4@20: epoch 4 keeps offset 20
        QCOMPARE(describe(cache.entries()), QStringLiteral("4@20 7@35"));
        QVERIFY(cache.truncate_from_start(offset{40}).ok());  // past the latest start: only the latest remains
        QCOMPARE(describe(cache.entries()), QStringLiteral("7@40"));
    }

    void epoch_for_offset() {
        auto cache = make_cache({{2, 10}, {4, 20}});
        QVERIFY(!cache.epoch_for_offset(offset{9}));
        QCOMPARE(cache.epoch_for_offset(offset{10})->value(), 2);
        QCOMPARE(cache.epoch_for_offset(offset{19})->value(), 2);
        QCOMPARE(cache.epoch_for_offset(offset{20})->value(), 4);
        QCOMPARE(cache.epoch_for_offset(offset{1000})->value(), 4);
    }

    void checkpoint_round_trip() {
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / leader_epoch_checkpoint_name;
        {
            auto opened = leader_epoch_cache::open(file);
            QVERIFY(opened.ok());
            QVERIFY(opened->empty());
            QVERIFY(!std::filesystem::exists(file));  // nothing written until something changes
            QVERIFY(opened->assign(leader_epoch{0}, offset{0}).ok());
            QVERIFY(opened->assign(leader_epoch{3}, offset{12}).ok());
            QVERIFY(opened->assign(leader_epoch{5}, offset{40}).ok());
            QVERIFY(opened->truncate_from_end(offset{40}).ok());
            QVERIFY(opened->assign(leader_epoch{6}, offset{40}).ok());
        }
        // Kafka's format, byte for byte.
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n3\n0 0\n3 12\n6 40\n"));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(file).concat(".tmp")));
        auto again = leader_epoch_cache::open(file);
        QVERIFY(again.ok());
        QCOMPARE(describe(again->entries()), QStringLiteral("0@0 3@12 6@40"));
        QCOMPARE(again->file(), file);
        // A copy plans without writing.
        auto copy = again->in_memory_copy();
        QVERIFY(copy.truncate_from_end(offset{0}).ok());
        QVERIFY(copy.empty());
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n3\n0 0\n3 12\n6 40\n"));
    }

    void reads_kafka_written_file() {
        // Kafka's reader splits on whitespace runs; accept what it accepts.
        auto parsed = parse_leader_epoch_checkpoint("0\n2\n1  5\n2\t9");
        QVERIFY(parsed.ok());
        QCOMPARE(describe(*parsed), QStringLiteral("1@5 2@9"));
        auto none = parse_leader_epoch_checkpoint("0\n0\n");
        QVERIFY(none.ok());
        QVERIFY(none->empty());
    }

    void corrupt_checkpoint_rejected_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty file") << QByteArray("");
        QTest::newRow("only a version") << QByteArray("0\n");
        QTest::newRow("unknown version") << QByteArray("1\n0\n");
        QTest::newRow("count too high") << QByteArray("0\n2\n1 5\n");
        QTest::newRow("count too low") << QByteArray("0\n1\n1 5\n2 6\n");
        QTest::newRow("not a number") << QByteArray("0\n1\n1 x\n");
        QTest::newRow("one field") << QByteArray("0\n1\n15\n");
        QTest::newRow("three fields") << QByteArray("0\n1\n1 5 7\n");
        QTest::newRow("negative epoch") << QByteArray("0\n1\n-1 5\n");
        QTest::newRow("negative offset") << QByteArray("0\n1\n1 -5\n");
        QTest::newRow("epochs decrease") << QByteArray("0\n2\n3 5\n2 9\n");
        QTest::newRow("offsets decrease") << QByteArray("0\n2\n2 9\n3 5\n");
        QTest::newRow("torn last line") << QByteArray("0\n2\n2 9\n3");
        QTest::newRow("blank line") << QByteArray("0\n1\n\n");
    }

    void corrupt_checkpoint_rejected() {
        QFETCH(QByteArray, text);
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / leader_epoch_checkpoint_name;
        spit(file, text.toStdString());
        auto opened = leader_epoch_cache::open(file);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.err().code, protocol::error_code::kafka_storage_error);
        QCOMPARE(QByteArray::fromStdString(slurp(file)), text);  // left as found, for a person to look at
    }

    void leftover_temporary_file_is_ignored() {
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / leader_epoch_checkpoint_name;
        spit(file, "0\n1\n4 7\n");
        spit(std::filesystem::path(file).concat(".tmp"), "garbage");
        auto opened = leader_epoch_cache::open(file);
        QVERIFY(opened.ok());
        QCOMPARE(describe(opened->entries()), QStringLiteral("4@7"));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(file).concat(".tmp")));
    }

    // With a flusher, truncations are written in the background, an assign at once; a truncation still queued
    // when a newer assign was written must not put its older list back. The flusher is held by a job queued
    // first, so the order is decided here, not by the scheduler.
    void background_truncation_never_overwrites_a_newer_assign() {
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / leader_epoch_checkpoint_name;
        storage::background_flusher flusher;
        auto opened = leader_epoch_cache::open(file);
        QVERIFY(opened.ok());
        auto& cache = opened.value();
        cache.set_flusher(&flusher);
        QVERIFY(cache.assign(leader_epoch{1}, offset{0}).ok());
        QVERIFY(cache.assign(leader_epoch{2}, offset{10}).ok());
        QVERIFY(cache.assign(leader_epoch{3}, offset{20}).ok());
        std::promise<void> release;
        auto released = release.get_future().share();
        flusher.run_later([released] { released.wait(); });
        QVERIFY(cache.truncate_from_end(offset{15}).ok());
        QCOMPARE(describe(cache.entries()), QStringLiteral("1@0 2@10"));                          // in memory at once
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n3\n1 0\n2 10\n3 20\n"));  // not yet on disk
        QVERIFY(cache.assign(leader_epoch{4}, offset{15}).ok());
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n3\n1 0\n2 10\n4 15\n"));  // at once
        release.set_value();
        flusher.drain();
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n3\n1 0\n2 10\n4 15\n"));
        // A truncation alone lands once the flusher gets to it.
        QVERIFY(cache.truncate_from_end(offset{12}).ok());
        flusher.drain();
        QCOMPARE(QByteArray::fromStdString(slurp(file)), QByteArray("0\n2\n1 0\n2 10\n"));
    }

    // A write queued for a partition whose directory is then deleted (and a new partition of that name
    // created) must not land in the new directory.
    void queued_write_does_not_follow_a_recreated_directory() {
        QTemporaryDir tmp;
        const auto dir = std::filesystem::path(tmp.path().toStdString()) / "t-0";
        std::filesystem::create_directories(dir);
        const auto file = dir / leader_epoch_checkpoint_name;
        storage::background_flusher flusher;
        auto opened = leader_epoch_cache::open(file);
        QVERIFY(opened.ok());
        opened->set_flusher(&flusher);
        QVERIFY(opened->assign(leader_epoch{1}, offset{0}).ok());
        QVERIFY(opened->assign(leader_epoch{2}, offset{10}).ok());
        std::promise<void> release;
        auto released = release.get_future().share();
        flusher.run_later([released] { released.wait(); });
        QVERIFY(opened->truncate_from_end(offset{5}).ok());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        release.set_value();
        flusher.drain();
        QVERIFY(!std::filesystem::exists(file));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(file).concat(".tmp")));
    }
};

QTEST_GUILESS_MAIN(test_leader_epoch_cache)
#include "test_leader_epoch_cache.moc"
