// Test helper for compaction: appends keyed records (built with the protocol module's builder, any codec),
// keeps a model of everything appended, reads a log back as records and computes the compacted view.
#pragma once
#include <QTest>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/record_batch.h"
#include "tests/storage/log_fixture.h"

namespace sluice::storage::test {

struct kv {
    std::optional<std::string> key;    // nullopt: null key
    std::optional<std::string> value;  // nullopt: tombstone
};

// A record as the tests compare it.
struct stored {
    int64_t offset = 0;
    int64_t timestamp = 0;
    std::optional<std::string> key, value;
    bool operator==(const stored&) const = default;
    bool operator<(const stored& o) const { return offset < o.offset; }
};

inline std::optional<std::vector<uint8_t>> bytes_of(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    return std::vector<uint8_t>(s->begin(), s->end());
}
inline std::optional<std::string> string_of(const std::optional<std::vector<uint8_t>>& b) {
    if (!b) return std::nullopt;
    return std::string(b->begin(), b->end());
}

// A v2 batch of `kvs` (offsets 0..n-1, record i at timestamp `timestamp` + i).
inline std::vector<uint8_t> keyed_batch(const std::vector<kv>& kvs, protocol::batch_build_options options = {},
                                        int64_t timestamp = 1000) {
    std::vector<protocol::record> recs;
    for (std::size_t i = 0; i < kvs.size(); ++i) {
        protocol::record r;
        r.offset = options.base_offset + static_cast<int64_t>(i);
        r.timestamp = timestamp + static_cast<int64_t>(i);
        r.key = bytes_of(kvs[i].key);
        r.value = bytes_of(kvs[i].value);
        if (i % 2 == 1) r.headers.push_back({"h", bytes_of(std::string("x"))});
        recs.push_back(std::move(r));
    }
    auto b = protocol::build_batch(options, recs);
    if (!b) QTest::qFail(("build_batch failed: " + b.err().message).c_str(), __FILE__, __LINE__);
    return b ? std::move(b).value() : std::vector<uint8_t>{};
}

// Every record appended so far, by offset.
struct log_model {
    std::vector<stored> records;

    append_result append(partition_log& log, const std::vector<kv>& kvs, protocol::batch_build_options options = {},
                         int64_t timestamp = 1000, int64_t now_ms = 0) {
        auto b = keyed_batch(kvs, options, timestamp);
        auto r = log.append(b, 0, now_ms);
        if (!r) {
            QTest::qFail(("append failed: " + r.err().message).c_str(), __FILE__, __LINE__);
            return {};
        }
        for (std::size_t i = 0; i < kvs.size(); ++i) {
            const auto off = r->base_offset + static_cast<int64_t>(i);
            records.push_back(stored{off, timestamp + static_cast<int64_t>(i), kvs[i].key, kvs[i].value});
        }
        return *r;
    }

    // What compaction must leave: records from `active_base` on untouched; before it, only the latest record
    // of each key, tombstones only when `keep_tombstones`, no null keys.
    std::vector<stored> compacted(int64_t active_base, bool keep_tombstones) const {
        std::map<std::string, int64_t> latest;
        for (const auto& r : records)
            if (r.key) latest[*r.key] = r.offset;
        std::vector<stored> out;
        for (const auto& r : records) {
            if (r.offset >= active_base) {
                out.push_back(r);
                continue;
            }
            if (!r.key || latest[*r.key] != r.offset) continue;
            if (!r.value && !keep_tombstones) continue;
            out.push_back(r);
        }
        return out;
    }
};

// Reads the whole log back as records (control batches skipped); fails the test on a bad batch.
inline std::vector<stored> read_records(const partition_log& log) {
    std::vector<stored> out;
    auto slice = log.read(log.log_start_offset(), 1 << 30);
    if (!slice) {
        QTest::qFail(("read failed: " + slice.err().message).c_str(), __FILE__, __LINE__);
        return out;
    }
    auto batches = protocol::split_batches(slice->bytes, false);
    if (!batches) {
        QTest::qFail(("split failed: " + batches.err().message).c_str(), __FILE__, __LINE__);
        return out;
    }
    for (const auto& b : *batches) {
        if (!crc_ok(b.bytes)) QTest::qFail("bad CRC", __FILE__, __LINE__);
        if (b.header.is_control()) continue;
        auto recs = protocol::decode_records(b);
        if (!recs) {
            QTest::qFail(("decode failed: " + recs.err().message).c_str(), __FILE__, __LINE__);
            return out;
        }
        if (static_cast<int32_t>(recs->size()) != b.header.record_count)
            QTest::qFail("record count mismatch", __FILE__, __LINE__);
        for (const auto& r : *recs) {
            if (r.offset < b.header.base_offset || r.offset > b.header.last_offset())
                QTest::qFail("record outside its batch's offsets", __FILE__, __LINE__);
            out.push_back(stored{r.offset, r.timestamp, string_of(r.key), string_of(r.value)});
        }
    }
    return out;
}

// key -> (offset, value) of the latest record per key: what a consumer of a compacted topic ends up with.
inline std::map<std::string, std::pair<int64_t, std::optional<std::string>>> latest_view(
    const std::vector<stored>& records) {
    std::map<std::string, std::pair<int64_t, std::optional<std::string>>> view;
    for (const auto& r : records)
        if (r.key) view[*r.key] = {r.offset, r.value};
    return view;
}

inline bool strictly_increasing(const std::vector<stored>& records) {
    for (std::size_t i = 1; i < records.size(); ++i)
        if (records[i].offset <= records[i - 1].offset) return false;
    return true;
}

inline int64_t active_base(const partition_log& log) { return log.segments().back().base_offset; }

}  // namespace sluice::storage::test
