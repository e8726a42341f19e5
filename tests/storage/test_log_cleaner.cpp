// Log compaction (log_cleaner.h): only the latest record per key survives in the non-active segments, offsets
// and order never change, tombstones outlive delete.retention.ms, compressed and transactional batches keep
// their codec and producer fields, and open() finishes or undoes a swap a crash interrupted.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "engine/storage/offset_checkpoint.h"
#include "tests/storage/cleaner_fixture.h"

using namespace sluice;
using namespace sluice::storage;
using namespace sluice::storage::test;
using protocol::compression_codec;

namespace {

constexpr int64_t day_ms = 86400000;
constexpr int64_t t0 = 1'700'000'000'000;  // "now" of the first pass

log_config compacted_config(int64_t segment_bytes = 300) {
    log_config cfg;
    cfg.compact = true;
    cfg.delete_ = false;
    cfg.segment_bytes = segment_bytes;
    cfg.index_interval_bytes = 1;
    return cfg;
}

// `batches` batches of 3 records over 5 keys; every 7th record a tombstone, every 11th a null key.
void fill(partition_log& log, log_model& model, int batches, compression_codec codec = compression_codec::none,
          int start = 0) {
    for (int b = 0; b < batches; ++b) {
        std::vector<kv> kvs;
        for (int i = 0; i < 3; ++i) {
            const int n = start + b * 3 + i;
            kv r{"key-" + std::to_string(n % 5), "value-" + std::to_string(n)};
            if (n % 7 == 6) r.value.reset();
            if (n % 11 == 10) r.key.reset();
            kvs.push_back(r);
        }
        protocol::batch_build_options o;
        o.codec = codec;
        model.append(log, kvs, o, 1000 + b);
    }
}

std::map<std::string, std::vector<uint8_t>> files_of(const std::filesystem::path& dir) {
    std::map<std::string, std::vector<uint8_t>> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out[e.path().filename().string()] = read_file(e.path());
    return out;
}

void copy_dir(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::create_directories(to);
    std::filesystem::copy(from, to,
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

// What a phased pass planned at log end `bound` leaves: below `cleaned_end` only the latest record of each key
// among the records below `bound` (tombstones kept: first cleaning), everything from `cleaned_end` on untouched.
std::vector<stored> compacted_up_to(const std::vector<stored>& records, int64_t cleaned_end, int64_t bound) {
    std::map<std::string, int64_t> latest;
    for (const auto& r : records)
        if (r.key && r.offset < bound) latest[*r.key] = r.offset;
    std::vector<stored> out;
    for (const auto& r : records) {
        if (r.offset >= cleaned_end) {
            out.push_back(r);
            continue;
        }
        if (r.key && latest[*r.key] == r.offset) out.push_back(r);
    }
    return out;
}

int cleaned_files_in(const std::filesystem::path& dir) {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().ends_with(cleaned_suffix)) ++n;
    return n;
}

}  // namespace

class test_log_cleaner : public QObject {
    Q_OBJECT

private slots:
    void config_names_defaults_and_validation() {
        log_config cfg;
        QVERIFY(cfg.delete_);
        QVERIFY(!cfg.compact);
        QCOMPARE(cfg.delete_retention_ms, day_ms);
        QCOMPARE(cfg.min_compaction_lag_ms, 0);
        QCOMPARE(cfg.min_cleanable_dirty_ratio, 0.5);
        QVERIFY(validate(cfg).ok());
        SLUICE_CHECK_OK(parse_cleanup_policy("compact", cfg));
        QVERIFY(cfg.compact && !cfg.delete_);
        SLUICE_CHECK_OK(parse_cleanup_policy("delete, compact", cfg));
        QVERIFY(cfg.compact && cfg.delete_);
        SLUICE_CHECK_OK(parse_cleanup_policy("delete", cfg));
        QVERIFY(!cfg.compact && cfg.delete_);
        SLUICE_CHECK_OK(parse_cleanup_policy("", cfg));
        QVERIFY(!cfg.compact && !cfg.delete_);
        auto bad = parse_cleanup_policy("compact,shred", cfg);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.err().code, protocol::error_code::invalid_config);
        QVERIFY(bad.err().message.find("cleanup.policy") != std::string::npos);

        auto rejects = [](auto change, const char* name) {
            log_config c;
            change(c);
            auto r = validate(c);
            return !r.ok() && r.err().message.find(name) != std::string::npos;
        };
        QVERIFY(rejects([](log_config& c) { c.delete_retention_ms = -1; }, "delete.retention.ms"));
        QVERIFY(rejects([](log_config& c) { c.min_compaction_lag_ms = -1; }, "min.compaction.lag.ms"));
        QVERIFY(rejects([](log_config& c) { c.min_cleanable_dirty_ratio = 1.5; }, "min.cleanable.dirty.ratio"));
        QVERIFY(rejects([](log_config& c) { c.min_cleanable_dirty_ratio = -0.1; }, "min.cleanable.dirty.ratio"));
    }

    void keeps_only_latest_value_per_key() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), compacted_config(), 0);
        log_model model;
        fill(*log, model, 20);
        QVERIFY(log->segment_count() > 5);
        const auto before = read_records(*log);
        QCOMPARE(before, model.records);
        const int64_t start = log->log_start_offset(), end = log->log_end_offset(), active = active_base(*log);

        auto stats = log->compact(t0);
        SLUICE_CHECK_OK(stats);
        const auto after = read_records(*log);
        QCOMPARE(after, model.compacted(active, true));
        QVERIFY(strictly_increasing(after));
        QCOMPARE(latest_view(after), latest_view(before));
        QCOMPARE(log->log_start_offset(), start);
        QCOMPARE(log->log_end_offset(), end);
        QCOMPARE(stats->records_removed, static_cast<int64_t>(before.size() - after.size()));
        QVERIFY(stats->bytes_after < stats->bytes_before);
        QCOMPARE(stats->keys, int64_t{5});
        QCOMPARE(stats->first_dirty_offset, active);
        QCOMPARE(log->first_dirty_offset(), active);

        // A read at a removed offset returns the next batch holding anything at or after it.
        for (int64_t off = start; off < end; ++off) {
            auto s = log->read(off, 1);
            SLUICE_CHECK_OK(s);
            auto hs = headers_of(s->bytes);
            QCOMPARE(hs.size(), std::size_t{1});
            QVERIFY(hs[0].last_offset() >= off);
            auto next = std::find_if(after.begin(), after.end(), [&](const stored& r) { return r.offset >= off; });
            QVERIFY(next != after.end());
            QVERIFY(hs[0].base_offset <= next->offset && next->offset <= hs[0].last_offset());
        }

        // A second pass over clean segments changes nothing but may merge the now small segments.
        const auto segments_before = log->segment_count();
        SLUICE_CHECK_OK(log->compact(t0 + 1));
        QCOMPARE(read_records(*log), after);
        QVERIFY(log->segment_count() < segments_before);
        QCOMPARE(log->log_end_offset(), end);
    }

    void tombstones_expire_after_delete_retention() {
        QTemporaryDir tmp;
        auto cfg = compacted_config();
        cfg.delete_retention_ms = 1000;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log_model model;
        model.append(*log, {{"gone", "1"}, {"also-gone", "1"}});
        fill(*log, model, 6);
        model.append(*log, {{"gone", std::nullopt}, {"key-1", "x"}, {"also-gone", std::nullopt}});
        fill(*log, model, 10, compression_codec::none, 100);
        const int64_t active = active_base(*log);
        const auto expected_with = model.compacted(active, true);
        QVERIFY(std::any_of(expected_with.begin(), expected_with.end(),
                            [&](const stored& r) { return !r.value && r.offset < active; }));

        SLUICE_CHECK_OK(log->compact(t0));  // first cleaning: tombstones stay
        QCOMPARE(read_records(*log), expected_with);
        QVERIFY(!log->needs_compaction(t0 + 1000));
        SLUICE_CHECK_OK(log->compact(t0 + 1000));  // exactly delete.retention.ms later: still there
        QCOMPARE(read_records(*log), expected_with);

        QVERIFY(log->needs_compaction(t0 + 1001));  // the kept tombstones' expiry schedules a pass
        auto stats = log->compact(t0 + 1001);
        SLUICE_CHECK_OK(stats);
        QVERIFY(stats->tombstones_removed > 0);
        QCOMPARE(read_records(*log), model.compacted(active, false));
        QVERIFY(!log->needs_compaction(t0 + 5000));
    }

    void tombstone_clock_starts_at_first_cleaning() {
        // Segments cleaned for the first time in a later pass get their own delete.retention.ms.
        QTemporaryDir tmp;
        auto cfg = compacted_config();
        cfg.delete_retention_ms = 1000;
        cfg.segment_bytes = 60;  // smaller than any batch: one batch per segment, no merging
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log_model model;
        model.append(*log, {{"a", "1"}, {"b", "1"}, {"c", "1"}});
        model.append(*log, {{"a", std::nullopt}});
        model.append(*log, {{"h", "1"}});
        SLUICE_CHECK_OK(log->compact(t0));  // a's tombstone is cleaned for the first time here
        model.append(*log, {{"b", std::nullopt}});
        model.append(*log, {{"k", "1"}});
        SLUICE_CHECK_OK(log->compact(t0 + 900));   // b's tombstone is cleaned for the first time here
        SLUICE_CHECK_OK(log->compact(t0 + 1500));  // a's tombstone expired, b's not yet
        auto view = latest_view(read_records(*log));
        QVERIFY(!view.count("a"));
        QVERIFY(view.count("b") && !view["b"].second);
        SLUICE_CHECK_OK(log->compact(t0 + 1901));
        QVERIFY(!latest_view(read_records(*log)).count("b"));
    }

    void compressed_batches_data() {
        QTest::addColumn<int>("codec");
        QTest::newRow("gzip") << static_cast<int>(compression_codec::gzip);
        QTest::newRow("snappy") << static_cast<int>(compression_codec::snappy);
        QTest::newRow("lz4") << static_cast<int>(compression_codec::lz4);
        QTest::newRow("zstd") << static_cast<int>(compression_codec::zstd);
    }
    void compressed_batches() {
        QFETCH(int, codec);
        const auto c = static_cast<compression_codec>(codec);
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), compacted_config(400), 0);
        log_model model;
        fill(*log, model, 20, c);
        const int64_t active = active_base(*log);
        auto stats = log->compact(t0);
        SLUICE_CHECK_OK(stats);
        QVERIFY(stats->records_removed > 0);
        QCOMPARE(read_records(*log), model.compacted(active, true));
        auto all = log->read(0, 1 << 30);
        SLUICE_CHECK_OK(all);
        for (const auto& h : headers_of(all->bytes)) QCOMPARE(h.codec(), c);
    }

    void producer_fields_and_control_batches_are_kept() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), compacted_config(60), 0);  // one batch per segment
        log_model model;
        protocol::batch_build_options idem;
        idem.producer_id = 7;
        idem.producer_epoch = 3;
        idem.base_sequence = 40;
        idem.partition_leader_epoch = 5;
        idem.codec = compression_codec::lz4;
        model.append(*log, {{"a", "1"}, {"b", "1"}, {"c", "1"}}, idem);  // offsets 0..2
        protocol::batch_build_options txn;
        txn.producer_id = 9;
        txn.producer_epoch = 1;
        txn.base_sequence = 0;
        txn.transactional = true;
        model.append(*log, {{"d", "1"}, {"a", "txn"}}, txn);  // 3..4
        // The COMMIT marker: key = version 0, type 1; value = version 0, coordinator epoch 0.
        protocol::batch_build_options marker = txn;
        marker.control = true;
        marker.base_sequence = -1;
        protocol::record commit;
        commit.key = std::vector<uint8_t>{0, 0, 0, 1};
        commit.value = std::vector<uint8_t>{0, 0, 0, 0, 0, 0};
        auto cb = protocol::build_batch(marker, std::span(&commit, 1));
        SLUICE_CHECK_OK(cb);
        SLUICE_CHECK_OK(log->append(*cb, 0, 0));  // 5
        idem.base_sequence = 43;
        model.append(*log, {{"c", "2"}, {"zz", "1"}}, idem);       // 6..7
        model.append(*log, {{"b", "2"}, {"c", "3"}, {"e", "1"}});  // 8..10
        model.append(*log, {{"f", "1"}});
        QVERIFY(log->segment_count() >= 4);

        SLUICE_CHECK_OK(log->compact(t0));
        auto all = log->read(0, 1 << 30);
        SLUICE_CHECK_OK(all);
        const auto hs = headers_of(all->bytes);
        // The first batch lost a (superseded by the committed transaction), b and c; it is not its producer's
        // last batch, so it is gone. The producer's last batch (6..7) lost c but keeps its offset range, producer
        // fields and codec. The transaction and its marker stay as they were.
        auto at = [&](int64_t base) {
            return std::find_if(hs.begin(), hs.end(), [&](const auto& h) { return h.base_offset == base; });
        };
        QVERIFY(at(0) == hs.end());
        QVERIFY(at(3) != hs.end());
        QVERIFY(at(3)->is_transactional());
        QCOMPARE(at(3)->producer_id, int64_t{9});
        QVERIFY(at(5) != hs.end());
        QVERIFY(at(5)->is_control());
        QVERIFY(at(6) != hs.end());
        QCOMPARE(at(6)->producer_id, int64_t{7});
        QCOMPARE(at(6)->producer_epoch, int16_t{3});
        QCOMPARE(at(6)->base_sequence, 43);
        QCOMPARE(at(6)->partition_leader_epoch, 0);  // append() stamped the leader epoch 0
        QCOMPARE(at(6)->last_offset_delta, 1);       // last offset kept although offset 7 is its only record
        QCOMPARE(at(6)->record_count, 1);
        QCOMPARE(at(6)->codec(), compression_codec::lz4);
        const auto recs = read_records(*log);
        QCOMPARE(latest_view(recs)["a"].second, std::optional<std::string>("txn"));
    }

    void empty_last_batch_of_a_producer_is_retained() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), compacted_config(150), 0);
        log_model model;
        protocol::batch_build_options idem;
        idem.producer_id = 11;
        idem.producer_epoch = 2;
        idem.base_sequence = 10;
        model.append(*log, {{"a", "1"}, {"b", "1"}}, idem);  // 0..1, the producer's last batch
        model.append(*log, {{"a", "2"}, {"b", "2"}});        // 2..3 supersede both
        model.append(*log, {{"c", "1"}});
        SLUICE_CHECK_OK(log->compact(t0));
        auto hs = headers_of(log->read(0, 1 << 30)->bytes);
        QVERIFY(!hs.empty());
        QCOMPARE(hs[0].base_offset, 0);
        QCOMPARE(hs[0].record_count, 0);
        QCOMPARE(hs[0].last_offset_delta, 1);
        QCOMPARE(hs[0].producer_id, int64_t{11});
        QCOMPARE(hs[0].base_sequence, 10);
        QCOMPARE(read_records(*log), model.compacted(active_base(*log), true));
    }

    void active_segment_untouched_and_appends_continue() {
        QTemporaryDir tmp;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), compacted_config(), 0);
        log_model model;
        fill(*log, model, 15);
        const int64_t active = active_base(*log);
        const auto active_file = file_of(*log, active, log_suffix);
        const auto active_bytes = read_file(active_file);
        const int64_t end = log->log_end_offset();
        SLUICE_CHECK_OK(log->compact(t0));
        QCOMPARE(read_file(active_file), active_bytes);
        QCOMPARE(active_base(*log), active);
        auto r = model.append(*log, {{"key-1", "new"}, {"key-9", "new"}});
        QCOMPARE(r.base_offset, end);
        QCOMPARE(log->log_end_offset(), end + 2);
        fill(*log, model, 10, compression_codec::none, 100);
        const int64_t active2 = active_base(*log);
        SLUICE_CHECK_OK(log->compact(t0 + 1));
        QCOMPARE(read_records(*log), model.compacted(active2, true));
    }

    void reopen_gives_same_data() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_model model;
        std::vector<stored> after;
        int64_t first_dirty = 0;
        {
            SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
            fill(*log, model, 20, compression_codec::zstd);
            SLUICE_CHECK_OK(log->compact(t0));
            after = read_records(*log);
            first_dirty = log->first_dirty_offset();
            QVERIFY(first_dirty > 0);
        }
        for (const auto& [name, bytes] : files_of(dir)) {
            QVERIFY2(name.find(".cleaned") == std::string::npos && name.find(".swap") == std::string::npos &&
                         name.find(".deleted") == std::string::npos,
                     name.c_str());
        }
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        QCOMPARE(read_records(*log), after);
        QCOMPARE(log->first_dirty_offset(), first_dirty);
        QVERIFY(!log->needs_compaction(t0));
        // Indexes of the rewritten segments were trusted as written: reopening did not rebuild them.
        const auto index_files = files_of(dir);
        SLUICE_OPEN_LOG(again, dir, compacted_config(), 0);
        for (const auto& [name, bytes] : files_of(dir))
            if (name.ends_with(".index") || name.ends_with(".timeindex"))
                QVERIFY2(index_files.at(name) == bytes, name.c_str());
    }

    void dirty_ratio_schedules_compaction() {
        QTemporaryDir tmp;
        auto cfg = compacted_config();
        cfg.min_cleanable_dirty_ratio = 0.5;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log_model model;
        QVERIFY(!log->needs_compaction(t0));
        for (int i = 0; i < 30; ++i)  // distinct keys: compaction keeps them all, the clean part stays big
            model.append(*log, {{"u" + std::to_string(i), "1"}, {"v" + std::to_string(i), "1"}});
        QCOMPARE(log->cleanable_bytes(t0).clean_bytes, int64_t{0});
        QVERIFY(log->cleanable_bytes(t0).dirty_bytes > 0);
        QVERIFY(log->needs_compaction(t0));
        SLUICE_CHECK_OK(log->compact(t0));
        QCOMPARE(log->cleanable_bytes(t0).dirty_bytes, int64_t{0});
        QVERIFY(!log->needs_compaction(t0));
        fill(*log, model, 3, compression_codec::none, 200);  // a little dirt: below the ratio
        const auto little = log->cleanable_bytes(t0);
        QVERIFY(little.dirty_bytes > 0 && little.ratio() < 0.5);
        QVERIFY(!log->needs_compaction(t0));
        fill(*log, model, 30, compression_codec::none, 300);
        QVERIFY(log->cleanable_bytes(t0).ratio() >= 0.5);
        QVERIFY(log->needs_compaction(t0));

        log->update_config(log_config{});  // cleanup.policy=delete
        QVERIFY(!log->needs_compaction(t0));
        auto none = log->compact(t0);
        SLUICE_CHECK_OK(none);
        QCOMPARE(none->segments_before, 0);
    }

    void min_compaction_lag_and_max_offset_bound() {
        QTemporaryDir tmp;
        auto cfg = compacted_config();
        cfg.min_compaction_lag_ms = 500;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log_model model;
        fill(*log, model, 20);  // batch b has timestamps around 1000 + b
        const auto before = read_records(*log);
        auto young = log->compact(1400);  // every segment's largest timestamp is within 500 ms
        SLUICE_CHECK_OK(young);
        QCOMPARE(young->segments_before, 0);
        QCOMPARE(read_records(*log), before);

        // Segments whose batches end before 1010 are old enough at 1510; the rest stays as it was.
        auto some = log->compact(1510);
        SLUICE_CHECK_OK(some);
        QVERIFY(some->segments_before > 0);
        const int64_t bound = log->first_dirty_offset();
        QVERIFY(bound > 0 && bound < active_base(*log));
        auto rest = read_records(*log);
        for (const auto& r : before)
            if (r.offset >= bound) QVERIFY(std::find(rest.begin(), rest.end(), r) != rest.end());

        // max_offset: nothing at or past it is cleaned, and nothing there supersedes older values.
        QTemporaryDir tmp2;
        SLUICE_OPEN_LOG(log2, partition_dir(tmp2), compacted_config(), 0);
        log_model m2;
        fill(*log2, m2, 10);
        const int64_t hw = log2->log_end_offset();
        fill(*log2, m2, 10, compression_codec::none, 30);  // newer values for every key, not yet "committed"
        const auto before2 = read_records(*log2);
        SLUICE_CHECK_OK(log2->compact(t0, hw));
        QVERIFY(log2->first_dirty_offset() <= hw);
        auto after2 = read_records(*log2);
        std::vector<stored> below_hw;
        std::copy_if(before2.begin(), before2.end(), std::back_inserter(below_hw),
                     [&](const stored& r) { return r.offset < hw; });
        log_model only_below{below_hw};
        std::vector<stored> expect = only_below.compacted(log2->first_dirty_offset(), true);
        for (const auto& r : before2)
            if (r.offset >= hw) expect.push_back(r);
        QCOMPARE(after2, expect);
    }

    void retention_respects_cleanup_policy() {
        QTemporaryDir tmp;
        auto cfg = compacted_config();
        cfg.retention_ms = 10;
        cfg.retention_bytes = 1;
        SLUICE_OPEN_LOG(log, partition_dir(tmp), cfg, 0);
        log_model model;
        fill(*log, model, 10);
        const auto segments = log->segment_count();
        QCOMPARE(log->apply_retention(t0), std::size_t{0});
        QCOMPARE(log->segment_count(), segments);
        cfg.delete_ = true;  // compact,delete
        log->update_config(cfg);
        QVERIFY(log->apply_retention(t0) > 0);
        QCOMPARE(log->segment_count(), std::size_t{1});
    }

    void truncation_lowers_the_cleaner_checkpoint() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        {
            SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
            log_model model;
            fill(*log, model, 20);
            SLUICE_CHECK_OK(log->compact(t0));
            const int64_t cleaned_to = log->first_dirty_offset();
            QVERIFY(cleaned_to > 10);
            SLUICE_CHECK_OK(log->truncate_to(10));
            QVERIFY(log->first_dirty_offset() <= active_base(*log));
            QVERIFY(log->first_dirty_offset() <= 10);
        }
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        QVERIFY(log->first_dirty_offset() <= 10);
        QCOMPARE(read_offset_checkpoint(dir / cleaner_checkpoint_name).value_or(-1), log->first_dirty_offset());
    }

    void crash_before_commit_leaves_old_segments() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto copy = std::filesystem::path(tmp.path().toStdString()) / "copy";
        log_model model;
        std::vector<stored> original;
        {
            SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
            fill(*log, model, 12);
            original = read_records(*log);
            copy_dir(dir, copy);
            SLUICE_CHECK_OK(log->compact(t0));
        }
        // The copy gets what a crash between writing and committing leaves: cleaned files, one index already
        // renamed to .swap, the .log not.
        write_file(copy / "00000000000000000000.log.cleaned", read_file(dir / "00000000000000000000.log"));
        write_file(copy / "00000000000000000000.timeindex.cleaned", read_file(dir / "00000000000000000000.timeindex"));
        write_file(copy / "00000000000000000000.index.swap", read_file(dir / "00000000000000000000.index"));
        SLUICE_OPEN_LOG(log, copy, compacted_config(), 0);
        QCOMPARE(read_records(*log), original);
        for (const auto& [name, bytes] : files_of(copy))
            QVERIFY2(name.find(".cleaned") == std::string::npos && name.find(".swap") == std::string::npos,
                     name.c_str());
    }

    void crash_after_commit_completes_swap_data() {
        QTest::addColumn<QString>("step");
        QTest::newRow("committed, old segments intact") << "committed";
        QTest::newRow("old segments partly deleted") << "deleting";
        QTest::newRow("log renamed, indexes not") << "finishing";
    }
    void crash_after_commit_completes_swap() {
        QFETCH(QString, step);
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        const auto copy = std::filesystem::path(tmp.path().toStdString()) / "copy";
        log_model model;
        std::vector<stored> original, compacted;
        std::vector<segment_info> old_segments, new_segments;
        {
            SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
            for (int b = 0; b < 16; ++b)  // every segment keeps a record of its own key: the swap covers them all
                model.append(
                    *log, {{"key-" + std::to_string(b % 3), std::string(100, 'v')}, {"own-" + std::to_string(b), "x"}});
            SLUICE_CHECK_OK(log->compact(t0));  // segments shrink: the next pass merges them
            fill(*log, model, 4, compression_codec::none, 100);
            original = read_records(*log);
            old_segments = log->segments();
            copy_dir(dir, copy);
            auto stats = log->compact(t0 + 1);
            SLUICE_CHECK_OK(stats);
            compacted = read_records(*log);
            new_segments = log->segments();
        }
        // The first group: the new first segment replaced the old segments below the new second one's base.
        QVERIFY(new_segments.size() >= 2);
        const int64_t group_end = new_segments[1].base_offset;
        std::vector<int64_t> replaced;
        for (const auto& s : old_segments)
            if (s.base_offset < group_end) replaced.push_back(s.base_offset);
        QVERIFY2(replaced.size() >= 2, "the pass should have merged segments");
        const std::string first = "00000000000000000000";
        const auto name = [](int64_t base, std::string_view suffix) {
            return segment_file("", base, suffix).filename().string();
        };
        if (step == "committed" || step == "deleting") {
            write_file(copy / (first + ".log.swap"), read_file(dir / (first + ".log")));
            write_file(copy / (first + ".index.swap"), read_file(dir / (first + ".index")));
            write_file(copy / (first + ".timeindex.swap"), read_file(dir / (first + ".timeindex")));
            if (step == "deleting") {  // the first replaced segment's .log is gone, its indexes are still there
                std::filesystem::rename(copy / name(replaced[0], log_suffix),
                                        copy / (name(replaced[0], log_suffix) + ".deleted"));
            }
        } else {  // finishing: every replaced segment gone, the new .log in place, its indexes still .swap
            for (int64_t b : replaced)
                for (auto sfx : {log_suffix, index_suffix, time_index_suffix})
                    std::filesystem::remove(copy / name(b, sfx));
            write_file(copy / (first + ".log"), read_file(dir / (first + ".log")));
            write_file(copy / (first + ".index.swap"), read_file(dir / (first + ".index")));
            write_file(copy / (first + ".timeindex.swap"), read_file(dir / (first + ".timeindex")));
        }
        SLUICE_OPEN_LOG(log, copy, compacted_config(), 0);
        const auto recovered = read_records(*log);
        // The swapped-in segment replaced the old ones its offsets cover (as Kafka decides at recovery, from
        // the swap's own last offset). Replaced segments past that — whose records the pass removed entirely —
        // may survive with their superseded records: nothing is lost, nothing stale wins, the next pass drops
        // them. So: compacted <= recovered <= original, and every key reads the same latest value.
        QVERIFY(strictly_increasing(recovered));
        for (const auto& r : compacted) QVERIFY(std::find(recovered.begin(), recovered.end(), r) != recovered.end());
        for (const auto& r : recovered) QVERIFY(std::find(original.begin(), original.end(), r) != original.end());
        for (const auto& r : original)
            if (r.offset >= group_end) QVERIFY(std::find(recovered.begin(), recovered.end(), r) != recovered.end());
        QCOMPARE(latest_view(recovered), latest_view(original));
        QCOMPARE(log->segments().front().base_offset, int64_t{0});
        QCOMPARE(log->segments().size(), old_segments.size() - replaced.size() + 1);
        std::vector<stored> exact;  // here every replaced segment kept something, so the swap covers them all
        for (const auto& r : compacted)
            if (r.offset < group_end) exact.push_back(r);
        for (const auto& r : original)
            if (r.offset >= group_end) exact.push_back(r);
        QCOMPARE(recovered, exact);
        SLUICE_CHECK_OK(log->compact(t0 + 2));
        QCOMPARE(read_records(*log), compacted);
        for (const auto& [file, bytes] : files_of(copy))
            QVERIFY2(file.find(".swap") == std::string::npos && file.find(".deleted") == std::string::npos,
                     file.c_str());
        QVERIFY(std::filesystem::exists(copy / (first + ".index")));
        QCOMPARE(append_batch(*log, 1).base_offset, model.records.back().offset + 1);
    }

    // The phased API: plan, then appends and reads on this thread while the build runs on another one, then
    // commit. Records appended after the plan are neither rewritten nor allowed to supersede older ones.
    void phased_build_beside_appends_and_reads() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        log_model model;
        std::vector<stored> after;
        {
            SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
            fill(*log, model, 30);
            const int64_t bound = log->log_end_offset();
            auto job = log->plan_compaction(t0);
            QVERIFY2(job.ok(), job.ok() ? "" : job.err().message.c_str());
            QVERIFY(!job->empty());
            QVERIFY(!log->plan_compaction(t0).ok());  // one job at a time per log
            QVERIFY(!log->compact(t0).ok());

            std::optional<result<void>> built;
            std::thread worker([&] { built = log_cleaner::build(*job); });
            for (int round = 0; round < 10; ++round) {
                fill(*log, model, 3, compression_codec::none, 1000 + round * 9);  // rolls segments too
                QCOMPARE(read_records(*log), model.records);
            }
            worker.join();
            QVERIFY(built && built->ok());
            QVERIFY(cleaned_files_in(dir) > 0);  // written beside the live segments, not swapped in yet
            QCOMPARE(read_records(*log), model.records);

            auto stats = log->commit_compaction(*job);
            QVERIFY2(stats.ok(), stats.ok() ? "" : stats.err().message.c_str());
            QVERIFY(!stats->discarded);
            QVERIFY(stats->segments_rewritten > 0);
            QVERIFY(stats->records_removed > 0);
            QCOMPARE(log->first_dirty_offset(), stats->first_dirty_offset);
            QVERIFY(stats->first_dirty_offset <= bound);
            QCOMPARE(cleaned_files_in(dir), 0);
            QCOMPARE(read_records(*log), compacted_up_to(model.records, stats->first_dirty_offset, bound));

            // Appends continue, and the next pass (one call) sees everything.
            fill(*log, model, 5, compression_codec::none, 2000);
            SLUICE_CHECK_OK(log->compact(t0 + 1));
            QCOMPARE(read_records(*log), model.compacted(active_base(*log), true));
            after = read_records(*log);
        }
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        QCOMPARE(read_records(*log), after);
    }

    // Segments removed or truncated between plan and commit: the commit swaps nothing, removes the cleaned
    // files, and the log keeps all its data; the next pass works.
    void phased_commit_discards_stale_job_data() {
        QTest::addColumn<int>("change");
        QTest::newRow("advance_log_start_offset") << 0;
        QTest::newRow("retention") << 1;
        QTest::newRow("truncate_to") << 2;
    }
    void phased_commit_discards_stale_job() {
        QFETCH(int, change);
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        log_model model;
        fill(*log, model, 30);
        auto job = log->plan_compaction(t0);
        QVERIFY(job.ok() && !job->empty());
        std::optional<result<void>> built;
        std::thread worker([&] { built = log_cleaner::build(*job); });
        worker.join();
        QVERIFY(built && built->ok());
        QVERIFY(cleaned_files_in(dir) > 0);

        const auto segs = log->segments();
        QVERIFY(segs.size() > 3);
        if (change == 0) {
            SLUICE_CHECK_OK(log->advance_log_start_offset(segs[1].base_offset + 1));
        } else if (change == 1) {
            auto cfg = compacted_config();
            cfg.delete_ = true;
            cfg.retention_ms = -1;
            cfg.retention_bytes = log->size_bytes() - segs[0].size_bytes;
            log->update_config(cfg);
            QVERIFY(log->apply_retention(t0) > 0);
            log->update_config(compacted_config());
        } else {
            SLUICE_CHECK_OK(log->truncate_to(log->log_end_offset() - 4));
        }
        const auto before = read_records(*log);
        QVERIFY(!before.empty());

        auto stats = log->commit_compaction(*job);
        QVERIFY2(stats.ok(), stats.ok() ? "" : stats.err().message.c_str());
        QVERIFY(stats->discarded);
        QCOMPARE(stats->segments_rewritten, int64_t{0});
        QCOMPARE(cleaned_files_in(dir), 0);
        QCOMPARE(read_records(*log), before);  // nothing lost, nothing rewritten

        SLUICE_CHECK_OK(log->compact(t0));  // the log plans again
        QCOMPARE(latest_view(read_records(*log)), latest_view(before));
    }

    // A job whose log was deleted (topic deletion) while it was built: the build reads its own descriptors and
    // writes nothing where the log was; discarding it is safe.
    void phased_job_outlives_its_log() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        log_model model;
        fill(*log, model, 30);
        auto job = log->plan_compaction(t0);
        QVERIFY(job.ok() && !job->empty());
        SLUICE_CHECK_OK(log->destroy());
        log.reset();
        (void)log_cleaner::build(*job);  // fails (the directory is gone) or not: either way nothing to commit
        log_cleaner::discard(*job);
        QVERIFY(!std::filesystem::exists(dir));
    }

    // A cancelled build stops with an error and leaves no files; abandoning the job lets the log plan again.
    void phased_build_cancelled() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        SLUICE_OPEN_LOG(log, dir, compacted_config(), 0);
        log_model model;
        fill(*log, model, 30);
        const auto before = read_records(*log);
        auto job = log->plan_compaction(t0);
        QVERIFY(job.ok() && !job->empty());
        std::atomic<bool> cancel{true};
        QVERIFY(!log_cleaner::build(*job, &cancel).ok());
        QCOMPARE(cleaned_files_in(dir), 0);
        log->abandon_compaction(*job);
        QCOMPARE(read_records(*log), before);
        SLUICE_CHECK_OK(log->compact(t0));
        QCOMPARE(read_records(*log), model.compacted(active_base(*log), true));
    }
};

QTEST_APPLESS_MAIN(test_log_cleaner)
#include "test_log_cleaner.moc"
