// partition_log: offsets, reads, segment rolls, indexes, timestamps, retention, start/end trimming.
#include <QTemporaryDir>
#include <QTest>

#include "engine/storage/log_start_checkpoint.h"
#include "tests/storage/log_fixture.h"

using namespace sluice;
using namespace sluice::storage;
using namespace sluice::storage::test;

class test_partition_log : public QObject {
    Q_OBJECT

private slots:
    void append_assigns_offsets() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        QCOMPARE(log->log_start_offset(), 0);
        QCOMPARE(log->log_end_offset(), 0);
        QVERIFY(std::filesystem::exists(file_of(*log, 0, ".log")));

        auto a = append_batch(*log, 5);
        QCOMPARE(a.base_offset, 0);
        QCOMPARE(a.last_offset, 4);
        QCOMPARE(a.max_timestamp, 1004);
        auto b = append_batch(*log, 1);
        QCOMPARE(b.base_offset, 5);
        QCOMPARE(b.last_offset, 5);

        // Several batches in one append get consecutive offsets.
        auto x = make_batch(3), y = make_batch(2, 5000);
        std::vector<uint8_t> both(x);
        both.insert(both.end(), y.begin(), y.end());
        auto r = log->append(both, 7, 0);
        QVERIFY(r.ok());
        QCOMPARE(r->base_offset, 6);
        QCOMPARE(r->last_offset, 10);
        QCOMPARE(r->max_timestamp, 5001);
        QCOMPARE(log->log_end_offset(), 11);
        QCOMPARE(log->size_bytes(), static_cast<int64_t>(make_batch(5).size() + make_batch(1).size() + both.size()));

        // The stored bytes carry the assigned offsets and leader epoch, and the CRC still holds.
        auto slice = log->read(6, 1 << 20);
        QVERIFY(slice.ok());
        auto hs = headers_of(slice->bytes);
        QCOMPARE(hs.size(), std::size_t{2});
        QCOMPARE(hs[0].base_offset, 6);
        QCOMPARE(hs[0].partition_leader_epoch, 7);
        QCOMPARE(hs[1].base_offset, 9);
        QVERIFY(crc_ok(slice->bytes));
        QVERIFY(std::equal(both.begin(), both.end(), slice->bytes.begin()));  // patched in place, then stored as is
    }

    void append_rejects_malformed() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        auto b = make_batch(3);
        std::vector<uint8_t> torn(b.begin(), b.end() - 5);
        auto r = log->append(torn, 0, 0);
        QVERIFY(!r.ok());
        QCOMPARE(r.err().code, protocol::error_code::corrupt_message);
        std::vector<uint8_t> none;
        QVERIFY(!log->append(none, 0, 0).ok());
        QCOMPARE(log->log_end_offset(), 0);
        QCOMPARE(log->size_bytes(), 0);
    }

    void read_by_offset() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        for (int i = 0; i < 10; ++i) append_batch(*log, 3);  // batches at 0, 3, ..., 27
        for (int64_t offset : {0, 1, 2, 14, 15, 16, 27, 29}) {
            auto s = log->read(offset, 1);
            QVERIFY(s.ok());
            auto hs = headers_of(s->bytes);
            QCOMPARE(hs.size(), std::size_t{1});
            QCOMPARE(hs[0].base_offset, offset / 3 * 3);
            QCOMPARE(s->first_offset, offset / 3 * 3);
        }
        auto all = log->read(0, 1 << 20);
        QVERIFY(all.ok());
        QCOMPARE(headers_of(all->bytes).size(), std::size_t{10});
        QCOMPARE(static_cast<int64_t>(all->bytes.size()), log->size_bytes());

        auto end = log->read(30, 1 << 20);
        QVERIFY(end.ok());
        QVERIFY(end->bytes.empty());
        QCOMPARE(end->first_offset, -1);
        auto beyond = log->read(31, 1 << 20);
        QVERIFY(!beyond.ok());
        QCOMPARE(beyond.err().code, protocol::error_code::offset_out_of_range);
        QCOMPARE(log->read(-1, 100).err().code, protocol::error_code::offset_out_of_range);
    }

    void read_max_bytes_and_at_least_one() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        for (int i = 0; i < 4; ++i) append_batch(*log, 2);
        const auto batch = static_cast<int32_t>(make_batch(2).size());
        // Exactly two batches fit; one byte short of two gives one.
        QCOMPARE(headers_of(log->read(0, 2 * batch)->bytes).size(), std::size_t{2});
        QCOMPARE(headers_of(log->read(0, 2 * batch - 1)->bytes).size(), std::size_t{1});
        QCOMPARE(log->read(0, 2 * batch - 1)->bytes.size(), static_cast<std::size_t>(batch));
        // KIP-74: even max_bytes = 0 (or tiny) returns the first batch whole.
        for (int32_t mb : {0, 1, 60, 61, batch - 1}) {
            auto s = log->read(2, mb);
            QVERIFY(s.ok());
            QCOMPARE(s->bytes.size(), static_cast<std::size_t>(batch));
            QCOMPARE(headers_of(s->bytes)[0].base_offset, 2);
        }
        // A big first batch comes out whole, the following small one doesn't fit beside it.
        append_batch(*log, 50, 1000, 200);
        append_batch(*log, 1);
        auto big = log->read(8, 100);
        QVERIFY(big.ok());
        QCOMPARE(big->bytes.size(), make_batch(50, 1000, 200).size());
        QVERIFY(crc_ok(big->bytes));
    }

    void read_max_offset_bound() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.index_interval_bytes = 0;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 5; ++i) append_batch(*log, 2);  // 0,2,4,6,8
        auto hs = headers_of(log->read(0, 1 << 20, 5)->bytes);
        QCOMPARE(hs.size(), std::size_t{3});  // batches at 0, 2 and 4 (4 starts before 5)
        QCOMPARE(hs.back().base_offset, 4);
        QCOMPARE(headers_of(log->read(0, 1 << 20, 4)->bytes).size(), std::size_t{2});
        auto none = log->read(4, 1 << 20, 4);
        QVERIFY(none.ok());
        QVERIFY(none->bytes.empty());
        // at_least_one never overrides the bound.
        QVERIFY(log->read(6, 0, 6)->bytes.empty());
    }

    void roll_by_size_names_files() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(4).size());
        cfg.segment_bytes = 3 * batch;  // three batches a segment
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 10; ++i) append_batch(*log, 4);
        QCOMPARE(log->segment_count(), std::size_t{4});
        for (int64_t base : {0, 12, 24, 36}) {
            for (auto suffix : {".log", ".index", ".timeindex"})
                QVERIFY2(std::filesystem::exists(file_of(*log, base, suffix)), file_of(*log, base, suffix).c_str());
        }
        QVERIFY(std::filesystem::exists(partition_dir(tmp) / "00000000000000000012.log"));
        auto segs = log->segments();
        QCOMPARE(segs.size(), std::size_t{4});
        QCOMPARE(segs[1].base_offset, 12);
        QCOMPARE(segs[1].size_bytes, 3 * batch);
        QCOMPARE(segs[3].size_bytes, batch);
        QCOMPARE(segs[1].largest_timestamp, 1003);
        QCOMPARE(log->size_bytes(), 10 * batch);
        // A rolled segment's time index ends with its largest timestamp.
        QCOMPARE(read_file(file_of(*log, 12, ".timeindex")).size(), std::size_t{12});

        // A single append bigger than segment.bytes still goes in, alone in a fresh segment.
        append_batch(*log, 100, 1000, 50);
        QCOMPARE(log->segment_count(), std::size_t{5});
        QCOMPARE(log->segments().back().base_offset, 40);
        append_batch(*log, 1);
        QCOMPARE(log->segments().back().base_offset, 140);
    }

    // With a flusher, a roll's fsyncs (the sealed segment's three files, then the directory) and
    // flush.messages' go to its thread: append() queues them and never waits for the disk.
    void rolls_and_policy_flushes_go_to_the_flusher() {
        QTemporaryDir tmp;
        background_flusher flusher;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(4).size());
        cfg.segment_bytes = 2 * batch;
        cfg.retention_bytes = 2 * batch;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log->set_flusher(&flusher);
        for (int i = 0; i < 7; ++i) append_batch(*log, 4);  // three rolls: segments 0, 8, 16 sealed
        // Retention deletes sealed segments at once, perhaps before their fsync ran: the flusher holds its own
        // descriptors, so that is no failure.
        QVERIFY(log->apply_retention(0) > 0);
        flusher.drain();
        // Six roll jobs, and the log-start-offset checkpoint retention raised, which is replaced there too.
        QCOMPARE(flusher.completed(), uint64_t{7});
        QCOMPARE(flusher.failures(), uint64_t{0});

        cfg.flush_messages = 4;  // every batch of four records
        log->update_config(cfg);
        append_batch(*log, 4);  // fills segment 24: no roll, one flush
        flusher.drain();
        QCOMPARE(flusher.completed(), uint64_t{8});
        append_batch(*log, 4);  // rolls (the segment, the directory) and flushes the new segment 32
        flusher.drain();
        QCOMPARE(flusher.completed(), uint64_t{11});
        QCOMPARE(flusher.failures(), uint64_t{0});
        const int64_t end = log->log_end_offset();
        log.reset();
        SLUICE_OPEN_LOG(reopened, partition_dir(tmp), cfg, 0);
        QCOMPARE(reopened->log_end_offset(), end);
    }

    void read_across_segments() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(4).size());
        cfg.segment_bytes = 2 * batch;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 7; ++i) append_batch(*log, 4);  // segments 0:[0,4] 8:[8,12] 16:[16,20] 24:[24]
        QCOMPARE(log->segment_count(), std::size_t{4});
        // From the last batch of one segment into the next ones.
        auto s = log->read(5, static_cast<int32_t>(3 * batch));
        QVERIFY(s.ok());
        auto hs = headers_of(s->bytes);
        QCOMPARE(hs.size(), std::size_t{3});
        QCOMPARE(hs[0].base_offset, 4);
        QCOMPARE(hs[1].base_offset, 8);
        QCOMPARE(hs[2].base_offset, 12);
        // Every offset finds its batch, whichever segment holds it.
        for (int64_t o = 0; o < 28; ++o) QCOMPARE(headers_of(log->read(o, 1)->bytes)[0].base_offset, o / 4 * 4);
        auto all = log->read(0, 1 << 20);
        QCOMPARE(static_cast<int64_t>(all->bytes.size()), 7 * batch);
        auto bounded = log->read(0, 1 << 20, 17);
        QCOMPARE(headers_of(bounded->bytes).back().base_offset, 16);
    }

    void roll_by_time() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.segment_ms = 1000;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        // With timestamps, time is measured in message time from the first batch.
        append_batch(*log, 1, 10'000);
        append_batch(*log, 1, 10'900);
        QCOMPARE(log->segment_count(), std::size_t{1});
        append_batch(*log, 1, 11'001);
        QCOMPARE(log->segment_count(), std::size_t{2});
        // Without timestamps, in wall time since the segment was created.
        QTemporaryDir tmp2;
        SLUICE_OPEN_LOG(log2, partition_dir(tmp2), cfg, 50'000);
        append_batch(*log2, 1, -1, 10, 50'500);
        append_batch(*log2, 1, -1, 10, 51'000);
        QCOMPARE(log2->segment_count(), std::size_t{1});
        append_batch(*log2, 1, -1, 10, 51'001);
        QCOMPARE(log2->segment_count(), std::size_t{2});
        QCOMPARE(log2->segments().back().base_offset, 2);
    }

    void sparse_index_lookup_data() {
        QTest::addColumn<int>("interval");
        QTest::newRow("every batch") << 0;
        QTest::newRow("every few batches") << 300;
        QTest::newRow("default") << 4096;
    }
    void sparse_index_lookup() {
        QFETCH(int, interval);
        QTemporaryDir tmp;
        log_config cfg;
        cfg.index_interval_bytes = interval;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        std::vector<int64_t> bases;
        for (int i = 0; i < 60; ++i) bases.push_back(append_batch(*log, 1 + i % 5, 1000 + i * 10).base_offset);
        const auto index = read_file(file_of(*log, 0, ".index"));
        QCOMPARE(index.size() % 8, std::size_t{0});
        if (interval == 0) QCOMPARE(index.size(), std::size_t{59 * 8});  // every batch but the first
        if (interval == 300) QVERIFY(index.size() > 8 && index.size() < 59 * 8);
        // Entries point at batch starts of the right offsets.
        const auto all = log->read(0, 1 << 30)->bytes;
        for (std::size_t i = 0; i < index.size(); i += 8) {
            const auto rel = static_cast<int64_t>(protocol::detail::load_be(index.data() + i, 4));
            const auto pos = static_cast<std::size_t>(protocol::detail::load_be(index.data() + i + 4, 4));
            QVERIFY(std::find(bases.begin(), bases.end(), rel) != bases.end());
            QCOMPARE(protocol::parse_batch_header(std::span<const uint8_t>(all).subspan(pos))->base_offset, rel);
        }
        for (int64_t o = 0; o < log->log_end_offset(); ++o) {
            auto hs = headers_of(log->read(o, 1)->bytes);
            QCOMPARE(hs.size(), std::size_t{1});
            QVERIFY(hs[0].base_offset <= o && o <= hs[0].last_offset());
        }
    }

    void reopen_keeps_data() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.segment_bytes = 1000;
        cfg.index_interval_bytes = 200;
        std::vector<uint8_t> before;
        {
            SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
            for (int i = 0; i < 40; ++i) append_batch(*log, 3, 1000 + i);
            before = log->read(0, 1 << 20)->bytes;
            QVERIFY(log->segment_count() > 3);
        }
        const auto index_before = read_file(partition_dir(tmp) / "00000000000000000000.index");
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        QCOMPARE(log->log_end_offset(), 120);
        QCOMPARE(log->log_start_offset(), 0);
        QVERIFY(log->read(0, 1 << 20)->bytes == before);
        QVERIFY(read_file(partition_dir(tmp) / "00000000000000000000.index") == index_before);  // trusted as is
        QCOMPARE(append_batch(*log, 2).base_offset, 120);
        QCOMPARE(log->find_batch_by_timestamp(1020)->base_offset, 54);  // batch 18: timestamps 1018..1020
    }

    void find_batch_by_timestamp() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.segment_bytes = 600;
        cfg.index_interval_bytes = 150;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        // Batch i holds offsets [2i, 2i+1] with timestamps 100i and 100i+1; batch 7 goes back in time.
        for (int i = 0; i < 20; ++i) append_batch(*log, 2, i == 7 ? 50 : 100 * i);
        QVERIFY(log->segment_count() > 2);
        QCOMPARE(log->find_batch_by_timestamp(-1)->base_offset, 0);
        QCOMPARE(log->find_batch_by_timestamp(0)->base_offset, 0);
        QCOMPARE(log->find_batch_by_timestamp(1)->base_offset, 0);
        QCOMPARE(log->find_batch_by_timestamp(2)->base_offset, 2);
        QCOMPARE(log->find_batch_by_timestamp(650)->base_offset, 16);  // batch 7 (max 51) is skipped
        QCOMPARE(log->find_batch_by_timestamp(601)->base_offset, 12);
        QCOMPARE(log->find_batch_by_timestamp(1901)->base_offset, 38);
        QVERIFY(!log->find_batch_by_timestamp(1902).has_value());
        for (int i = 8; i < 20; ++i) QCOMPARE(log->find_batch_by_timestamp(100 * i - 5)->base_offset, 2 * i);
        QCOMPARE(log->oldest_timestamp(), 1);
        // Below the log start nothing is found.
        SLUICE_CHECK_OK(log->advance_log_start_offset(9));
        QCOMPARE(log->find_batch_by_timestamp(0)->base_offset, 8);
        QCOMPARE(log->oldest_timestamp(), 401);
    }

    void retention_by_time() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 2 * batch;
        cfg.retention_ms = 10'000;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 7; ++i) append_batch(*log, 2, 1000 * i);  // segments 0, 4, 8, 12 (active)
        QCOMPARE(log->segment_count(), std::size_t{4});
        QCOMPARE(log->apply_retention(10'000), std::size_t{0});
        // Segment 0's largest timestamp is 1001: older than 10s at 11'002.
        QCOMPARE(log->apply_retention(11'002), std::size_t{1});
        QCOMPARE(log->log_start_offset(), 4);
        QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000000.log"));
        QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000000.index"));
        QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000000.log.deleted"));
        QCOMPARE(log->read(0, 100).err().code, protocol::error_code::offset_out_of_range);
        QCOMPARE(log->find_batch_by_timestamp(0)->base_offset, 4);
        // Far in the future: everything but the active segment goes.
        QCOMPARE(log->apply_retention(1'000'000), std::size_t{2});
        QCOMPARE(log->segment_count(), std::size_t{1});
        QCOMPARE(log->log_start_offset(), 12);
        QCOMPARE(log->log_end_offset(), 14);
        QCOMPARE(headers_of(log->read(12, 1000)->bytes).size(), std::size_t{1});
        // Unlimited retention deletes nothing.
        cfg.retention_ms = -1;
        log->update_config(cfg);
        for (int i = 0; i < 4; ++i) append_batch(*log, 2, 0);
        QCOMPARE(log->apply_retention(1'000'000'000), std::size_t{0});
    }

    void retention_by_bytes() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 2 * batch;
        cfg.retention_ms = -1;
        cfg.retention_bytes = 3 * batch;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 7; ++i) append_batch(*log, 2);  // 2+2+2+1 batches
        QCOMPARE(log->apply_retention(0), std::size_t{2});  // 7 → 3 batches: drop two full segments
        QCOMPARE(log->size_bytes(), 3 * batch);
        QCOMPARE(log->log_start_offset(), 8);
        QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000004.log"));
        QCOMPARE(log->apply_retention(0), std::size_t{0});
        // Never the active segment, even when it alone is over the limit.
        cfg.retention_bytes = 0;
        log->update_config(cfg);
        QCOMPARE(log->apply_retention(0), std::size_t{1});
        QCOMPARE(log->segment_count(), std::size_t{1});
        QCOMPARE(log->log_start_offset(), 12);
        QCOMPARE(log->size_bytes(), batch);
        // The start offset retention reached survives a restart.
        log.reset();
        SLUICE_OPEN_LOG(again, partition_dir(tmp), cfg, 0);
        QCOMPARE(again->log_start_offset(), 12);
        QCOMPARE(again->log_end_offset(), 14);
    }

    void advance_log_start_offset_persists() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 2 * batch;
        {
            SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
            for (int i = 0; i < 7; ++i) append_batch(*log, 2);  // segments 0, 4, 8, 12
            SLUICE_CHECK_OK(log->advance_log_start_offset(5));
            QCOMPARE(log->log_start_offset(), 5);
            QCOMPARE(log->segment_count(), std::size_t{3});  // segment 0 is wholly below 5
            QCOMPARE(headers_of(log->read(5, 1)->bytes)[0].base_offset, 4);
            QCOMPARE(log->read(4, 1).err().code, protocol::error_code::offset_out_of_range);
            SLUICE_CHECK_OK(log->advance_log_start_offset(3));  // lower: no-op
            QCOMPARE(log->log_start_offset(), 5);
            QVERIFY(!log->advance_log_start_offset(15).ok());
        }
        QVERIFY(std::filesystem::exists(partition_dir(tmp) / std::string(log_start_checkpoint_name)));
        {
            SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
            QCOMPARE(log->log_start_offset(), 5);
            QCOMPARE(log->log_end_offset(), 14);
            // Up to the end: the active segment stays, everything before it goes.
            SLUICE_CHECK_OK(log->advance_log_start_offset(14));
            QCOMPARE(log->segment_count(), std::size_t{1});
            QVERIFY(log->read(14, 100)->bytes.empty());
        }
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        QCOMPARE(log->log_start_offset(), 14);
        QCOMPARE(append_batch(*log, 1).base_offset, 14);
    }

    void truncate_to() {
        QTemporaryDir tmp;
        log_config cfg;
        const auto batch = static_cast<int64_t>(make_batch(2).size());
        cfg.segment_bytes = 3 * batch;
        cfg.index_interval_bytes = 0;
        {
            SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
            for (int i = 0; i < 10; ++i) append_batch(*log, 2, 100 * i);  // segments 0, 6, 12, 18
            QCOMPARE(log->segment_count(), std::size_t{4});
            SLUICE_CHECK_OK(log->truncate_to(25));  // beyond the end: nothing
            QCOMPARE(log->log_end_offset(), 20);
            SLUICE_CHECK_OK(log->truncate_to(10));  // a batch boundary inside segment 6
            QCOMPARE(log->log_end_offset(), 10);
            QCOMPARE(log->segment_count(), std::size_t{2});
            QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000012.log"));
            QCOMPARE(log->size_bytes(), 5 * batch);
            QCOMPARE(read_file(file_of(*log, 6, ".index")).size(), std::size_t{8});  // entry for batch 8 only
            QCOMPARE(log->segments().back().largest_timestamp, 401);
            QVERIFY(!log->find_batch_by_timestamp(402).has_value());
            SLUICE_CHECK_OK(log->truncate_to(7));  // mid-batch: the whole batch [6, 7] goes
            QCOMPARE(log->log_end_offset(), 6);
            QCOMPARE(log->segments().back().size_bytes, 0);
            QCOMPARE(log->read(6, 100)->bytes.size(), std::size_t{0});
            QCOMPARE(append_batch(*log, 2, 5000).base_offset, 6);
            QCOMPARE(log->find_batch_by_timestamp(4000)->base_offset, 6);
            QCOMPARE(headers_of(log->read(0, 1 << 20)->bytes).size(), std::size_t{4});
        }
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        QCOMPARE(log->log_end_offset(), 8);
        QCOMPARE(headers_of(log->read(0, 1 << 20)->bytes).size(), std::size_t{4});
        // To the very start: an empty log at that offset.
        SLUICE_CHECK_OK(log->truncate_to(0));
        QCOMPARE(log->log_end_offset(), 0);
        QCOMPARE(log->size_bytes(), 0);
        QCOMPARE(append_batch(*log, 1).base_offset, 0);
    }

    void reset() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.segment_bytes = 400;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        for (int i = 0; i < 10; ++i) append_batch(*log, 2);
        QVERIFY(log->segment_count() > 1);
        SLUICE_CHECK_OK(log->reset(1000));
        QCOMPARE(log->segment_count(), std::size_t{1});
        QCOMPARE(log->log_start_offset(), 1000);
        QCOMPARE(log->log_end_offset(), 1000);
        QCOMPARE(log->size_bytes(), 0);
        QVERIFY(std::filesystem::exists(partition_dir(tmp) / "00000000000000001000.log"));
        QVERIFY(!std::filesystem::exists(partition_dir(tmp) / "00000000000000000000.log"));
        QCOMPARE(log->read(0, 100).err().code, protocol::error_code::offset_out_of_range);
        QCOMPARE(append_batch(*log, 3).base_offset, 1000);
        log.reset();
        SLUICE_OPEN_LOG(again, partition_dir(tmp), cfg, 0);
        QCOMPARE(again->log_start_offset(), 1000);
        QCOMPARE(again->log_end_offset(), 1003);
    }

    void append_with_offsets() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        auto a = make_batch(3, 1000, 10, 0);
        auto r = log->append_with_offsets(a, 0);
        QVERIFY(r.ok());
        QCOMPARE(log->log_end_offset(), 3);
        // Offsets kept, gaps allowed (compaction), but never backwards.
        auto b = make_batch(2, 1000, 10, 10);
        QVERIFY(log->append_with_offsets(b, 0).ok());
        QCOMPARE(log->log_end_offset(), 12);
        auto back = make_batch(1, 1000, 10, 11);
        QVERIFY(!log->append_with_offsets(back, 0).ok());
        QCOMPARE(headers_of(log->read(5, 1)->bytes)[0].base_offset, 10);  // an offset in a gap reads the next batch
        // A follower starting far ahead on an empty log gets a segment named after its first offset.
        QTemporaryDir tmp2;
        SLUICE_OPEN_LOG(follower, partition_dir(tmp2), log_config{}, 0);
        auto c = make_batch(2, 1000, 10, 500);
        QVERIFY(follower->append_with_offsets(c, 0).ok());
        QCOMPARE(follower->segments().front().base_offset, 500);
        QVERIFY(std::filesystem::exists(partition_dir(tmp2) / "00000000000000000500.log"));
        QCOMPARE(follower->log_end_offset(), 502);
    }

    void flush_policy() {
        QTemporaryDir tmp;
        log_config cfg;
        cfg.flush_messages = 3;
        cfg.flush_ms = 100;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        append_batch(*log, 5);  // over flush.messages: fsynced (observable only as success here)
        append_batch(*log, 1, 1000, 10, 50);
        SLUICE_CHECK_OK(log->flush_if_due(200));
        SLUICE_CHECK_OK(log->flush());
        QCOMPARE(log->config().flush_messages, 3);
    }

    void config_validation() {
        QVERIFY(validate(log_config{}).ok());
        log_config c;
        c.segment_bytes = 13;
        QCOMPARE(validate(c).err().code, protocol::error_code::invalid_config);
        QVERIFY(validate(c).err().message.find("segment.bytes") != std::string::npos);
        c = {};
        c.retention_ms = -2;
        QVERIFY(!validate(c).ok());
        c = {};
        c.retention_bytes = -1;
        c.retention_ms = -1;
        QVERIFY(validate(c).ok());
        c.flush_messages = 0;
        QVERIFY(!validate(c).ok());
        c = {};
        c.index_interval_bytes = -1;
        QVERIFY(!validate(c).ok());
    }

    void destroy_removes_dir() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), log_config{}, 0);
        append_batch(*log, 1);
        SLUICE_CHECK_OK(log->destroy());
        QVERIFY(!std::filesystem::exists(partition_dir(tmp)));
    }
};

QTEST_APPLESS_MAIN(test_partition_log)
#include "test_partition_log.moc"
