// producer_state: the idempotent producer's sequence and epoch rules on append (duplicates inside the last-five
// window, gaps, fenced epochs), expiry, and its snapshots: the bytes round-trip, and rebuilding from the
// snapshots and the log gives the state of the batches that remain, also after a truncation.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "engine/storage/producer_snapshot.h"
#include "engine/storage/producer_state.h"
#include "tests/storage/log_fixture.h"

using namespace sluice;
using namespace sluice::storage;
using namespace sluice::storage::test;
using protocol::error_code;

namespace {

// A batch header as an idempotent producer sends it: `records` records from sequence `seq`.
protocol::batch_header idempotent(int64_t pid, int16_t epoch, int32_t seq, int32_t records, int64_t base_offset = 0,
                                  int64_t timestamp = 1000) {
    protocol::batch_header h;
    h.base_offset = base_offset;
    h.last_offset_delta = records - 1;
    h.record_count = records;
    h.producer_id = pid;
    h.producer_epoch = epoch;
    h.base_sequence = seq;
    h.base_timestamp = timestamp;
    h.max_timestamp = timestamp;
    return h;
}

// The same as bytes, for a real log: a made-up batch with the producer fields set and its CRC redone.
std::vector<uint8_t> idempotent_batch(int64_t pid, int16_t epoch, int32_t seq, int32_t records,
                                      int64_t timestamp = 1000) {
    using protocol::detail::store_be;
    auto b = make_batch(records, timestamp);
    store_be(b.data() + 43, static_cast<uint64_t>(pid), 8);
    store_be(b.data() + 51, static_cast<uint16_t>(epoch), 2);
    store_be(b.data() + 53, static_cast<uint32_t>(seq), 4);
    const uint32_t crc = protocol::crc32c(std::span<const uint8_t>(b).subspan(protocol::batch_crc_covered_from));
    store_be(b.data() + 17, crc, 4);
    return b;
}

// Checks and then records the batch, as the leader does; returns the check's outcome.
result<std::optional<producer_batch>> offer(producer_state& state, protocol::batch_header h, int64_t& next_offset) {
    h.base_offset = next_offset;
    auto checked = state.check(h);
    if (checked && !checked.value()) {
        state.update(h);
        next_offset = h.last_offset() + 1;
    }
    return checked;
}

error_code code_of(const result<std::optional<producer_batch>>& r) { return r ? error_code::none : r.err().code; }

// Appends each batch to the log and to `state`, as partition::append does.
void append_all(partition_log& log, producer_state& state, const std::vector<std::vector<uint8_t>>& batches) {
    for (auto b : batches) {
        auto appended = log.append(b, 0, 0);
        QVERIFY2(appended.ok(), appended.ok() ? "" : appended.err().message.c_str());
        state.update(*protocol::parse_batch_header(b));
    }
}

}  // namespace

class test_producer_state : public QObject {
    Q_OBJECT
private slots:
    void batches_in_sequence_are_appended() {
        producer_state state;
        int64_t next = 0;
        for (int i = 0; i < 10; ++i) QVERIFY(!offer(state, idempotent(7, 0, i * 3, 3), next).value());
        QCOMPARE(next, int64_t{30});
        const auto* entry = state.find(producer_id(7));
        QVERIFY(entry);
        QCOMPARE(entry->batches.size(), producer_batches_retained);
        QCOMPARE(entry->batches.back().last_seq, sequence(29));
        QCOMPARE(entry->batches.front().first_offset, int64_t{15});
    }

    void a_retry_of_the_last_five_gets_its_original_offsets() {
        producer_state state;
        int64_t next = 100;
        for (int i = 0; i < 6; ++i) QVERIFY(!offer(state, idempotent(7, 0, i * 2, 2), next).value());
        // Batches 1..5 are in the window: each retry answers with where it went.
        for (int i = 1; i < 6; ++i) {
            auto dup = offer(state, idempotent(7, 0, i * 2, 2), next);
            QVERIFY(dup.ok());
            QVERIFY(dup.value().has_value());
            QCOMPARE(dup.value()->first_offset, int64_t{100 + i * 2});
            QCOMPARE(dup.value()->last_offset, int64_t{101 + i * 2});
        }
        QCOMPARE(next, int64_t{112});  // nothing was appended again
        // Batch 0 fell out of the window: it is neither a known duplicate nor in sequence.
        QCOMPARE(code_of(offer(state, idempotent(7, 0, 0, 2), next)), error_code::out_of_order_sequence_number);
        // A retry with another sequence range is no duplicate either.
        QCOMPARE(code_of(offer(state, idempotent(7, 0, 8, 1), next)), error_code::out_of_order_sequence_number);
    }

    void a_gap_is_out_of_order() {
        producer_state state;
        int64_t next = 0;
        QVERIFY(offer(state, idempotent(7, 0, 0, 5), next).ok());
        QCOMPARE(code_of(offer(state, idempotent(7, 0, 6, 1), next)), error_code::out_of_order_sequence_number);
        QCOMPARE(next, int64_t{5});
        QVERIFY(!offer(state, idempotent(7, 0, 5, 1), next).value());
        // Other producers count on their own.
        QVERIFY(!offer(state, idempotent(8, 0, 0, 1), next).value());
    }

    void sequences_wrap_past_int32_max() {
        producer_state state;
        int64_t next = 0;
        QVERIFY(!offer(state, idempotent(7, 0, INT32_MAX - 1, 2), next).value());
        QCOMPARE(state.find(producer_id(7))->batches.back().last_seq, sequence(INT32_MAX));
        QVERIFY(!offer(state, idempotent(7, 0, 0, 1), next).value());
    }

    void an_unknown_producer_is_accepted_at_any_sequence() {
        // Kafka since KIP-360: no state (new, expired, or records deleted) means no sequence to check against.
        producer_state state;
        int64_t next = 0;
        QVERIFY(!offer(state, idempotent(9, 3, 4711, 1), next).value());
        QVERIFY(!offer(state, idempotent(9, 3, 4712, 1), next).value());
    }

    void epochs_fence_older_batches() {
        producer_state state;
        int64_t next = 0;
        QVERIFY(!offer(state, idempotent(7, 1, 0, 2), next).value());
        QCOMPARE(code_of(offer(state, idempotent(7, 0, 2, 1), next)), error_code::invalid_producer_epoch);
        // The first batch of a newer epoch starts at 0.
        QCOMPARE(code_of(offer(state, idempotent(7, 2, 5, 1), next)), error_code::out_of_order_sequence_number);
        QVERIFY(!offer(state, idempotent(7, 2, 0, 1), next).value());
        QCOMPARE(state.find(producer_id(7))->epoch, producer_epoch(2));
        QCOMPARE(state.find(producer_id(7))->batches.size(), std::size_t{1});
        // The old epoch's batches are no duplicates now: their epoch is fenced.
        QCOMPARE(code_of(offer(state, idempotent(7, 1, 0, 2), next)), error_code::invalid_producer_epoch);
    }

    void batches_without_a_producer_pass() {
        producer_state state;
        protocol::batch_header plain;
        QVERIFY(!state.check(plain).value());
        state.update(plain);
        QCOMPARE(state.size(), std::size_t{0});
    }

    void idle_producers_expire() {
        producer_state state;
        int64_t next = 0;
        QVERIFY(offer(state, idempotent(1, 0, 0, 1, 0, 1000), next).ok());
        QVERIFY(offer(state, idempotent(2, 0, 0, 1, 0, 5000), next).ok());
        QCOMPARE(state.expire(5999, 5000), std::size_t{0});
        QCOMPARE(state.expire(6000, 5000), std::size_t{1});
        QVERIFY(!state.find(producer_id(1)));
        QVERIFY(state.find(producer_id(2)));
        // An expired producer is unknown again: any sequence goes.
        QVERIFY(!offer(state, idempotent(1, 0, 77, 1), next).value());
    }

    void snapshot_bytes_round_trip() {
        producer_state state;
        int64_t next = 0;
        for (int i = 0; i < 7; ++i) QVERIFY(offer(state, idempotent(1, 0, i, 1, 0, 1000 + i), next).ok());
        QVERIFY(offer(state, idempotent(2, 4, 0, 10), next).ok());
        const auto bytes = state.encode();
        auto decoded = producer_state::decode(bytes);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.err().message.c_str());
        QVERIFY(decoded.value() == state);
        QVERIFY(producer_state::decode(producer_state().encode()).value() == producer_state());

        auto flipped = bytes;
        flipped[flipped.size() - 3] ^= 0x40;
        QCOMPARE(producer_state::decode(flipped).err().code, error_code::corrupt_message);
        auto cut = bytes;
        cut.resize(cut.size() - 8);
        QVERIFY(!producer_state::decode(cut).ok());
        // A huge count in a body whose CRC matches must not be trusted either.
        std::vector<uint8_t> liar{0, 1, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff};
        const uint32_t crc = protocol::crc32c(std::span<const uint8_t>(liar).subspan(6));
        protocol::detail::store_be(liar.data() + 2, crc, 4);
        QVERIFY(!producer_state::decode(liar).ok());
    }

    void snapshot_files_are_kept_down_to_the_log_start() {
        QTemporaryDir tmp;
        const std::filesystem::path dir(tmp.path().toStdString());
        producer_state state;
        int64_t next = 0;
        QVERIFY(offer(state, idempotent(3, 0, 0, 4), next).ok());
        for (int64_t at : {10, 20, 30}) SLUICE_CHECK_OK(write_producer_snapshot(dir, at, state, 0));
        QCOMPARE(list_producer_snapshots(dir), (std::vector<int64_t>{10, 20, 30}));
        QVERIFY(std::filesystem::exists(dir / "00000000000000000030.snapshot"));
        // Retention moved the log start to 25: a rebuild starts at most from 20, so 10 can go.
        SLUICE_CHECK_OK(write_producer_snapshot(dir, 40, producer_state(), 25));
        QCOMPARE(list_producer_snapshots(dir), (std::vector<int64_t>{20, 30, 40}));
    }

    void rebuild_replays_the_log_after_the_newest_snapshot() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        producer_state expected;
        {
            SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
            append_all(*log, expected, {idempotent_batch(5, 0, 0, 2), idempotent_batch(6, 0, 0, 1)});
            SLUICE_CHECK_OK(write_producer_snapshot(dir, log->log_end_offset(), expected));
            append_all(*log, expected, {idempotent_batch(5, 0, 2, 3), make_batch(2), idempotent_batch(6, 0, 1, 1)});
        }
        SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
        auto rebuilt = rebuild_producer_state(*log);
        QVERIFY2(rebuilt.ok(), rebuilt.ok() ? "" : rebuilt.err().message.c_str());
        QVERIFY(rebuilt.value() == expected);
        QCOMPARE(rebuilt.value().find(producer_id(5))->batches.back().last_seq, sequence(4));
        QCOMPARE(rebuilt.value().find(producer_id(5))->batches.back().first_offset, int64_t{3});

        // A damaged snapshot is dropped and the state comes from the whole log instead.
        const auto snap = producer_snapshot_path(dir, 3);
        { std::ofstream(snap, std::ios::binary | std::ios::trunc) << "garbage"; }
        auto again = rebuild_producer_state(*log);
        QVERIFY(again.ok());
        QVERIFY(again.value() == expected);
        QVERIFY(!std::filesystem::exists(snap));
    }

    void truncation_rebuilds_the_state_of_what_remains() {
        QTemporaryDir tmp;
        const auto dir = partition_dir(tmp);
        SLUICE_OPEN_LOG(log, dir, log_config{}, 0);
        producer_state kept;
        append_all(*log, kept, {idempotent_batch(5, 0, 0, 2), idempotent_batch(5, 0, 2, 2)});
        const int64_t cut_at = log->log_end_offset();
        producer_state diverged = kept;
        append_all(*log, diverged, {idempotent_batch(5, 0, 4, 2), idempotent_batch(5, 1, 0, 1)});
        // A snapshot above the cut (taken before the divergence was found) must not be believed.
        SLUICE_CHECK_OK(write_producer_snapshot(dir, log->log_end_offset(), diverged));
        SLUICE_CHECK_OK(log->truncate_to(cut_at));
        auto rebuilt = rebuild_producer_state(*log);
        QVERIFY(rebuilt.ok());
        QVERIFY(rebuilt.value() == kept);
        QVERIFY(list_producer_snapshots(dir).empty());
        // The producer's retry of the dropped batch is in sequence again, at epoch 0.
        int64_t next = log->log_end_offset();
        QVERIFY(!offer(rebuilt.value(), idempotent(5, 0, 4, 2), next).value());
    }
};

QTEST_APPLESS_MAIN(test_producer_state)
#include "test_producer_state.moc"
