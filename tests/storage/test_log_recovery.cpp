// partition_log::open after crashes: torn or corrupt tails are cut at the last good batch, untrustworthy
// index files are rebuilt, leftovers of interrupted deletions and swaps disappear.
#include <QTemporaryDir>
#include <QTest>

#include "engine/storage/log_start_checkpoint.h"
#include "tests/storage/log_fixture.h"

using namespace sluice;
using namespace sluice::storage;
using namespace sluice::storage::test;

namespace {

const char* const first_log = "00000000000000000000.log";

// Writes `batches` batches of 2 records into a fresh log with the given config and closes it.
void fill(const std::filesystem::path& dir, const log_config& cfg, int batches) {
    auto log = partition_log::open(dir, cfg, 0);
    QVERIFY(log.ok());
    for (int i = 0; i < batches; ++i) append_batch(**log, 2, 1000 + 10 * i);
}

// Checks that reopening leaves exactly `good` batches of 2 records and that appending continues after them.
void expect_recovered(const std::filesystem::path& dir, const log_config& cfg, int good, int64_t good_bytes) {
    auto opened = partition_log::open(dir, cfg, 0);
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.err().message.c_str());
    auto& log = **opened;
    QCOMPARE(log.log_end_offset(), 2 * good);
    QCOMPARE(log.size_bytes(), good_bytes);
    auto all = log.read(0, 1 << 20);
    QVERIFY(all.ok());
    QCOMPARE(headers_of(all->bytes).size(), static_cast<std::size_t>(good));
    QCOMPARE(append_batch(log, 1).base_offset, 2 * good);
    QCOMPARE(log.log_end_offset(), 2 * good + 1);
    QCOMPARE(headers_of(log.read(2 * good, 1000)->bytes).size(), std::size_t{1});
}

}  // namespace

class test_log_recovery : public QObject {
    Q_OBJECT

private slots:
    void torn_last_batch_is_truncated() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, log_config{}, 5);
        std::filesystem::resize_file(dir / first_log, 5 * batch - 10);
        expect_recovered(dir, log_config{}, 4, 4 * batch);
        QCOMPARE(std::filesystem::file_size(dir / first_log), 4 * batch + make_batch(1).size());
    }

    void torn_header_is_truncated() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, log_config{}, 3);
        std::filesystem::resize_file(dir / first_log, 2 * batch + 30);  // less than a header
        expect_recovered(dir, log_config{}, 2, 2 * batch);
    }

    void trailing_garbage_is_truncated() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, log_config{}, 4);
        auto bytes = read_file(dir / first_log);
        for (int i = 0; i < 200; ++i) bytes.push_back(static_cast<uint8_t>(i * 37 + 11));
        write_file(dir / first_log, bytes);
        expect_recovered(dir, log_config{}, 4, 4 * batch);
    }

    void trailing_zeros_are_truncated() {
        // What a crash after a file extension but before the data landed leaves behind.
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, log_config{}, 4);
        std::filesystem::resize_file(dir / first_log, 4 * batch + 4096);
        expect_recovered(dir, log_config{}, 4, 4 * batch);
    }

    void flipped_byte_fails_crc_data() {
        QTest::addColumn<int>("batch_index");
        QTest::addColumn<int>("byte_in_batch");
        QTest::newRow("last batch, record value") << 5 << 80;
        QTest::newRow("last batch, max timestamp") << 5 << 40;
        QTest::newRow("middle batch, attributes") << 2 << 22;
        QTest::newRow("last batch, last byte") << 5 << -1;
    }
    void flipped_byte_fails_crc() {
        QFETCH(int, batch_index);
        QFETCH(int, byte_in_batch);
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_config cfg;
        cfg.index_interval_bytes = 0;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, cfg, 6);
        auto bytes = read_file(dir / first_log);
        const int64_t in_batch = byte_in_batch < 0 ? batch - 1 : byte_in_batch;
        bytes[static_cast<std::size_t>(batch_index * batch + in_batch)] ^= 0x40;
        write_file(dir / first_log, bytes);
        expect_recovered(dir, cfg, batch_index, batch_index * batch);
        // The rebuilt index has no entry at or past the cut.
        const auto index = read_file(dir / "00000000000000000000.index");
        QCOMPARE(index.size() % 8, std::size_t{0});
        QCOMPARE(index.size(), static_cast<std::size_t>(8 * batch_index));  // every batch but the first, + the new one
    }

    void impossible_length_is_truncated() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        fill(dir, log_config{}, 3);
        auto bytes = read_file(dir / first_log);
        protocol::detail::store_be(bytes.data() + 2 * batch + 8, 0x7fffffff, 4);  // batchLength of the last batch
        write_file(dir / first_log, bytes);
        expect_recovered(dir, log_config{}, 2, 2 * batch);
    }

    void corruption_only_in_last_segment_is_checked() {
        // Older segments are trusted (their indexes look fine); only the last one is scanned and cut.
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 3 * batch;
        fill(dir, cfg, 7);  // segments 0, 6, 12
        auto last = read_file(dir / "00000000000000000012.log");
        last.resize(last.size() - 1);
        write_file(dir / "00000000000000000012.log", last);
        SLUICE_OPEN_LOG(log, dir, cfg, 0);
        QCOMPARE(log->segment_count(), std::size_t{3});
        QCOMPARE(log->log_end_offset(), 12);
        QCOMPARE(log->segments().back().size_bytes, 0);
        QCOMPARE(append_batch(*log, 2).base_offset, 12);
        QCOMPARE(headers_of(log->read(0, 1 << 20)->bytes).size(), std::size_t{7});
    }

    void corrupt_index_is_rebuilt_data() {
        QTest::addColumn<QString>("damage");
        QTest::newRow("torn entry") << "torn";
        QTest::newRow("not monotonic") << "unordered";
        QTest::newRow("position past the end") << "past_end";
        QTest::newRow("stale entry") << "stale";
        QTest::newRow("missing file") << "missing";
    }
    void corrupt_index_is_rebuilt() {
        QFETCH(QString, damage);
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 10 * batch;
        cfg.index_interval_bytes = 0;
        fill(dir, cfg, 15);  // segments 0 (10 batches) and 20
        const auto index_path = dir / "00000000000000000000.index";
        const auto good = read_file(index_path);
        QCOMPARE(good.size(), std::size_t{9 * 8});
        auto bad = good;
        if (damage == "torn") {
            bad.resize(bad.size() - 3);
        } else if (damage == "unordered") {
            std::swap_ranges(bad.begin(), bad.begin() + 8, bad.begin() + 16);
        } else if (damage == "past_end") {
            protocol::detail::store_be(bad.data() + bad.size() - 4, 10 * batch + 5, 4);
        } else if (damage == "stale") {
            // Well-formed, but its last entry points into the middle of a batch.
            protocol::detail::store_be(bad.data() + bad.size() - 4, 9 * batch - 7, 4);
        }
        if (damage == "missing") {
            std::filesystem::remove(index_path);
        } else {
            write_file(index_path, bad);
        }
        SLUICE_OPEN_LOG(log, dir, cfg, 0);
        QVERIFY(read_file(index_path) == good);
        for (int64_t o = 0; o < 30; ++o) QCOMPARE(headers_of(log->read(o, 1)->bytes)[0].base_offset, o / 2 * 2);
    }

    void corrupt_time_index_is_rebuilt_data() {
        QTest::addColumn<int>("interval");
        QTest::newRow("entry per batch") << 0;
        QTest::newRow("only the sealing entry") << 4096;
    }
    void corrupt_time_index_is_rebuilt() {
        QFETCH(int, interval);
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 10 * batch;
        cfg.index_interval_bytes = interval;
        fill(dir, cfg, 15);
        const auto path = dir / "00000000000000000000.timeindex";
        const auto good = read_file(path);
        QVERIFY(!good.empty());
        auto bad = good;
        bad.resize(bad.size() - 1);
        write_file(path, bad);
        {
            SLUICE_OPEN_LOG(log, dir, cfg, 0);
            QVERIFY(read_file(path) == good);  // the final (largest timestamp) entry is back too
            QCOMPARE(log->segments().front().largest_timestamp, 1091);
            QCOMPARE(log->find_batch_by_timestamp(1051)->base_offset, 10);
        }
        SLUICE_OPEN_LOG(log, dir, cfg, 0);  // now trusted as is
        QCOMPARE(log->segments().front().largest_timestamp, 1091);
        QCOMPARE(log->find_batch_by_timestamp(1092)->base_offset, 20);
    }

    void garbage_in_active_index_is_rebuilt() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_config cfg;
        cfg.index_interval_bytes = 0;
        fill(dir, cfg, 6);
        const auto path = dir / "00000000000000000000.index";
        const auto good = read_file(path);
        write_file(path, std::vector<uint8_t>(16, 0xff));
        SLUICE_OPEN_LOG(log, dir, cfg, 0);
        QVERIFY(read_file(path) == good);
        QCOMPARE(log->log_end_offset(), 12);
    }

    void leftovers_are_removed() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        fill(dir, log_config{}, 2);
        const std::vector<std::string> leftovers{"00000000000000000000.log.deleted",
                                                 "00000000000000000000.index.deleted",
                                                 "00000000000000000007.log.cleaned",
                                                 "00000000000000000007.log.swap",
                                                 "00000000000000000099.index",
                                                 "00000000000000000099.timeindex",
                                                 "log-start-offset.tmp"};
        for (const auto& name : leftovers) write_file(dir / name, {1, 2, 3});
        write_file(dir / "unrelated.txt", {1});
        SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
        for (const auto& name : leftovers) QVERIFY2(!std::filesystem::exists(dir / name), name.c_str());
        QVERIFY(std::filesystem::exists(dir / "unrelated.txt"));
        QCOMPARE(log->log_end_offset(), 4);
        QCOMPARE(log->segment_count(), std::size_t{1});
    }

    void checkpoint_beyond_recovered_end_is_clamped() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        {
            SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
            for (int i = 0; i < 3; ++i) append_batch(*log, 2);
            SLUICE_CHECK_OK(log->advance_log_start_offset(6));
        }
        std::filesystem::resize_file(dir / first_log, 2 * batch);
        SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
        QCOMPARE(log->log_end_offset(), 4);
        QVERIFY(log->log_start_offset() <= log->log_end_offset());
        QCOMPARE(append_batch(*log, 1).base_offset, 4);
        log.reset();
        // The clamped start was persisted: the batch appended at 4 stays readable after another restart.
        SLUICE_OPEN_LOG(again, dir, log_config{}, 0);
        QCOMPARE(again->log_start_offset(), 4);
        QCOMPARE(headers_of(again->read(4, 100)->bytes)[0].base_offset, 4);
    }

    void empty_dir_with_checkpoint_starts_there() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        std::filesystem::create_directories(dir);
        SLUICE_CHECK_OK(write_log_start_checkpoint(dir, 42));
        SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
        QCOMPARE(log->log_start_offset(), 42);
        QCOMPARE(log->log_end_offset(), 42);
        QVERIFY(std::filesystem::exists(dir / "00000000000000000042.log"));
    }
};

QTEST_APPLESS_MAIN(test_log_recovery)
#include "test_log_recovery.moc"
