// Record batch v2: exact bytes from the spec, round trips under every codec, and hostile input.
#include <QtTest>
#include <random>
#include <string_view>
#include <vector>

#include "engine/protocol/crc32c.h"
#include "engine/protocol/record_batch.h"

using namespace sluice;
using namespace sluice::protocol;

namespace {
std::vector<uint8_t> b(std::string_view s) { return {s.begin(), s.end()}; }
std::vector<uint8_t> from_hex(const char* hex) {
    const QByteArray a = QByteArray::fromHex(hex);
    return {a.begin(), a.end()};
}
QByteArray hex(std::span<const uint8_t> v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size())).toHex();
}

// A mixed set: keys, null keys, empty keys, null values (tombstones), headers with null values, a large value
// (spans several compression blocks), offsets with gaps as after compaction, timestamps out of order.
std::vector<record> sample_records(int64_t base_offset) {
    std::vector<record> rs;
    for (int i = 0; i < 40; ++i) {
        record r;
        r.offset = base_offset + i * 2;
        r.timestamp = 1'700'000'000'000 + (i % 5) * 1000 - (i == 3 ? 5000 : 0);
        if (i % 7 != 0) r.key = b("key-" + std::to_string(i));
        if (i == 1) r.key = std::vector<uint8_t>{};
        if (i % 4 != 0) r.value = b("value " + std::string(static_cast<std::size_t>(i) * 3, 'x'));
        if (i % 3 == 0) r.headers.push_back({"trace", b("abc")});
        if (i % 6 == 0) r.headers.push_back({"null-header", std::nullopt});
        if (i == 5) r.headers.push_back({"", std::vector<uint8_t>{}});
        rs.push_back(std::move(r));
    }
    std::vector<uint8_t> big(150 * 1024);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>((i * 31) ^ (i >> 7));
    rs.push_back(record{base_offset + 100, 1'700'000'009'000, b("big"), big, {}});
    return rs;
}

batch_view view_of(std::span<const uint8_t> bytes) {
    auto h = parse_batch_header(bytes);
    return batch_view{bytes, h.value_or(batch_header{})};
}

void store_be(std::vector<uint8_t>& v, std::size_t at, uint64_t x, int n) { detail::store_be(v.data() + at, x, n); }

// One record, key "k", value "v", no headers, offset 0, timestamp 1000, no producer: every byte written out
// from Kafka's RecordBatch and Record layouts; the CRC-32C was computed separately.
const char* const one_record_batch_hex =
    "0000000000000000"  // baseOffset 0
    "0000003a"          // batchLength 58 = 49 + 9 bytes of records
    "ffffffff"          // partitionLeaderEpoch -1
    "02"                // magic 2
    "716a6189"          // crc (CRC-32C of attributes..end)
    "0000"              // attributes: no compression, CreateTime
    "00000000"          // lastOffsetDelta 0
    "00000000000003e8"  // baseTimestamp 1000
    "00000000000003e8"  // maxTimestamp 1000
    "ffffffffffffffff"  // producerId -1
    "ffff"              // producerEpoch -1
    "ffffffff"          // baseSequence -1
    "00000001"          // 1 record
    "10"                // record length 8 (zigzag 16)
    "00"                // record attributes
    "00"                // timestampDelta 0
    "00"                // offsetDelta 0
    "026b"              // key length 1, "k"
    "0276"              // value length 1, "v"
    "00";               // 0 headers
}  // namespace

Q_DECLARE_METATYPE(sluice::protocol::compression_codec)

class test_record_batch : public QObject {
    Q_OBJECT
private slots:
    void exact_bytes_of_one_record() {
        const std::vector<record> rs{record{0, 1000, b("k"), b("v"), {}}};
        auto built = build_batch({}, rs);
        QVERIFY(built.ok());
        QCOMPARE(hex(*built), QByteArray(one_record_batch_hex));

        const auto expected = from_hex(one_record_batch_hex);
        auto batches = split_batches(expected, false);
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), std::size_t{1});
        QVERIFY(validate_batch_for_append(batches->front()).ok());
        auto decoded = decode_records(batches->front());
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == rs);
    }

    void header_fields() {
        batch_build_options o;
        o.base_offset = 500;
        o.producer_id = 77;
        o.producer_epoch = 3;
        o.base_sequence = 10;
        o.partition_leader_epoch = 9;
        o.transactional = true;
        const std::vector<record> rs{record{500, 2000, {}, b("a"), {}}, record{503, 1500, {}, b("b"), {}},
                                     record{504, 2500, {}, std::nullopt, {}}};
        auto built = build_batch(o, rs);
        QVERIFY(built.ok());
        const auto h = *parse_batch_header(*built);
        QCOMPARE(h.base_offset, int64_t{500});
        QCOMPARE(h.last_offset_delta, 4);
        QCOMPARE(h.last_offset(), int64_t{504});
        QCOMPARE(h.record_count, 3);
        QCOMPARE(h.base_timestamp, int64_t{2000});  // the first record's, not the smallest
        QCOMPARE(h.max_timestamp, int64_t{2500});
        QCOMPARE(h.producer_id, int64_t{77});
        QCOMPARE(h.producer_epoch, int16_t{3});
        QCOMPARE(h.base_sequence, 10);
        QCOMPARE(h.partition_leader_epoch, 9);
        QVERIFY(h.is_transactional());
        QVERIFY(!h.is_control());
        QCOMPARE(h.total_size(), built->size());
        QCOMPARE(h.crc, crc32c(std::span<const uint8_t>(*built).subspan(batch_crc_covered_from)));
        auto decoded = decode_records(view_of(*built));
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == rs);  // negative timestamp delta survives
    }

    void round_trip_data() {
        QTest::addColumn<compression_codec>("codec");
        QTest::newRow("none") << compression_codec::none;
        QTest::newRow("gzip") << compression_codec::gzip;
        QTest::newRow("snappy") << compression_codec::snappy;
        QTest::newRow("lz4") << compression_codec::lz4;
        QTest::newRow("zstd") << compression_codec::zstd;
    }
    // build -> concatenate -> split -> validate -> decode, with a truncated third batch as a fetch may return.
    void round_trip() {
        QFETCH(compression_codec, codec);
        const auto first = sample_records(1000);
        const auto second = sample_records(2000);
        auto a = build_batch({.base_offset = 1000, .codec = codec}, first);
        auto c = build_batch({.base_offset = 2000, .codec = codec}, second);
        QVERIFY(a.ok() && c.ok());
        QCOMPARE(parse_batch_header(*a)->codec(), codec);
        if (codec != compression_codec::none) QVERIFY(a->size() < 100 * 1024);

        std::vector<uint8_t> log = *a;
        log.insert(log.end(), c->begin(), c->end());
        const std::size_t whole = log.size();
        log.insert(log.end(), a->begin(), a->begin() + static_cast<std::ptrdiff_t>(a->size() / 2));

        auto strict = split_batches(log, false);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.err().code, error_code::corrupt_message);
        auto batches = split_batches(log, true);
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), std::size_t{2});
        QCOMPARE((*batches)[0].bytes.size() + (*batches)[1].bytes.size(), whole);

        for (std::size_t i = 0; i < 2; ++i) {
            const auto& bv = (*batches)[i];
            const auto& expected = i == 0 ? first : second;
            QVERIFY(validate_batch_for_append(bv).ok());
            QCOMPARE(bv.header.record_count, static_cast<int32_t>(expected.size()));
            QCOMPARE(bv.header.last_offset(), expected.back().offset);
            QCOMPARE(bv.header.max_timestamp, int64_t{1'700'000'009'000});
            auto decoded = decode_records(bv);
            QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.err().message.c_str());
            QCOMPARE(decoded->size(), expected.size());
            QVERIFY(*decoded == expected);
        }
    }

    void log_append_time() {
        auto built = build_batch({.base_offset = 0, .codec = compression_codec::lz4}, sample_records(0));
        QVERIFY(built.ok());
        set_log_append_time(*built, 1'800'000'000'000);
        const auto bv = view_of(*built);
        QVERIFY(bv.header.log_append_time());
        QCOMPARE(bv.header.codec(), compression_codec::lz4);
        QVERIFY(validate_batch_for_append(bv).ok());
        auto decoded = decode_records(bv);
        QVERIFY(decoded.ok());
        for (const auto& r : *decoded) QCOMPARE(r.timestamp, int64_t{1'800'000'000'000});

        // Built directly with LogAppendTime: every record takes the base timestamp.
        auto direct = build_batch({.base_timestamp = 42, .log_append_time = true}, sample_records(0));
        QVERIFY(direct.ok());
        const auto h = *parse_batch_header(*direct);
        QCOMPARE(h.max_timestamp, int64_t{42});
        auto d = decode_records(view_of(*direct));
        QVERIFY(d.ok());
        for (const auto& r : *d) QCOMPARE(r.timestamp, int64_t{42});
    }

    void empty_batch() {
        auto built = build_batch({.base_offset = 7}, {});
        QVERIFY(built.ok());
        QCOMPARE(built->size(), batch_header_size);
        QVERIFY(validate_batch_for_append(view_of(*built)).ok());
        auto d = decode_records(view_of(*built));
        QVERIFY(d.ok() && d->empty());
    }

    void build_rejects_bad_offsets() {
        const std::vector<record> same{record{5, 0, {}, {}, {}}, record{5, 0, {}, {}, {}}};
        auto r = build_batch({.base_offset = 5}, same);
        QVERIFY(!r.ok());
        QCOMPARE(r.err().code, error_code::invalid_record);
        const std::vector<record> below{record{4, 0, {}, {}, {}}};
        QVERIFY(!build_batch({.base_offset = 5}, below).ok());
        const std::vector<record> far{record{5 + (int64_t{1} << 31), 0, {}, {}, {}}};
        QVERIFY(!build_batch({.base_offset = 5}, far).ok());
    }

    void crc_mismatch_detected() {
        auto built = build_batch({.base_offset = 0, .codec = compression_codec::gzip}, sample_records(0));
        QVERIFY(built.ok());
        for (std::size_t at :
             {std::size_t{21}, std::size_t{40}, std::size_t{60}, built->size() / 2, built->size() - 1}) {
            auto bad = *built;
            bad[at] ^= 0x01;
            auto r = validate_batch_for_append(view_of(bad));
            QVERIFY(!r.ok());
            QCOMPARE(r.err().code, error_code::corrupt_message);
            QCOMPARE(QString::fromStdString(r.err().message), QString("record batch CRC mismatch"));
        }
        // Base offset and leader epoch lie outside the checksum: the broker patches them freely.
        auto patched = *built;
        patch_base_offset(patched, 123456);
        patch_partition_leader_epoch(patched, 17);
        QVERIFY(validate_batch_for_append(view_of(patched)).ok());
    }

    void validate_rejects_data() {
        QTest::addColumn<int>("field_at");
        QTest::addColumn<qlonglong>("value");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("expected");
        QTest::newRow("magic 1") << 16 << 1LL << 1 << int(error_code::unsupported_for_message_format);
        QTest::newRow("codec 5") << 21 << 5LL << 2 << int(error_code::unsupported_compression_type);
        QTest::newRow("codec 7") << 21 << 7LL << 2 << int(error_code::unsupported_compression_type);
        QTest::newRow("negative last offset delta") << 23 << -1LL << 4 << int(error_code::corrupt_message);
        QTest::newRow("negative record count") << 57 << -1LL << 4 << int(error_code::corrupt_message);
        QTest::newRow("length too small") << 8 << 48LL << 4 << int(error_code::corrupt_message);
        QTest::newRow("length too large") << 8 << 5000LL << 4 << int(error_code::corrupt_message);
    }
    // Each field is patched and the CRC recomputed, so only the field's own check can fail.
    void validate_rejects() {
        QFETCH(int, field_at);
        QFETCH(qlonglong, value);
        QFETCH(int, width);
        QFETCH(int, expected);
        auto built = build_batch({}, std::vector<record>{record{0, 1, b("k"), b("v"), {}}});
        QVERIFY(built.ok());
        store_be(*built, static_cast<std::size_t>(field_at), static_cast<uint64_t>(value), width);
        if (field_at != 8) recompute_crc(*built);
        auto r = validate_batch_for_append(view_of(*built));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.err().code), expected);
    }

    void split_framing_errors() {
        auto built = build_batch({}, std::vector<record>{record{0, 1, b("k"), b("v"), {}}});
        QVERIFY(built.ok());
        auto legacy = *built;
        legacy[16] = 1;
        for (bool partial : {false, true}) {
            auto r = split_batches(legacy, partial);
            QVERIFY(!r.ok());
            QCOMPARE(r.err().code, error_code::unsupported_for_message_format);
        }
        auto short_len = *built;
        store_be(short_len, 8, 10, 4);
        QVERIFY(!split_batches(short_len, true).ok());
        auto empty = split_batches({}, false);
        QVERIFY(empty.ok() && empty->empty());
    }

    void truncations_data() {
        QTest::addColumn<compression_codec>("codec");
        QTest::newRow("none") << compression_codec::none;
        QTest::newRow("gzip") << compression_codec::gzip;
        QTest::newRow("snappy") << compression_codec::snappy;
        QTest::newRow("lz4") << compression_codec::lz4;
        QTest::newRow("zstd") << compression_codec::zstd;
    }
    // Every prefix of a valid batch: split refuses it (or drops it as a partial tail); decoding the prefix
    // as if it were whole, or with its length field made to agree (CRC recomputed), fails cleanly.
    void truncations() {
        QFETCH(compression_codec, codec);
        std::vector<record> rs;
        for (int i = 0; i < 6; ++i)
            rs.push_back(record{i,
                                100 + i,
                                b("key" + std::to_string(i)),
                                b(std::string(20, char('a' + i))),
                                {{"h", b("x")}, {"n", std::nullopt}}});
        auto built = build_batch({.codec = codec}, rs);
        QVERIFY(built.ok());
        const std::span<const uint8_t> whole(*built);
        for (std::size_t n = 0; n < whole.size(); ++n) {
            const auto prefix = whole.first(n);
            auto strict = split_batches(prefix, false);
            QCOMPARE(strict.ok(), n == 0);
            auto lenient = split_batches(prefix, true);
            QVERIFY(lenient.ok() && lenient->empty());
            if (n >= batch_header_size) {
                QVERIFY(!validate_batch_for_append(view_of(prefix)).ok());
                QVERIFY(!decode_records(view_of(prefix)).ok());
                std::vector<uint8_t> shrunk(prefix.begin(), prefix.end());
                store_be(shrunk, 8, n - batch_length_field_end, 4);
                recompute_crc(shrunk);
                QVERIFY(validate_batch_for_append(view_of(shrunk)).ok());
                auto d = decode_records(view_of(shrunk));
                QVERIFY(!d.ok());
                QCOMPARE(d.err().code, error_code::corrupt_message);
            }
        }
    }

    void lying_record_count() {
        auto built = build_batch({}, std::vector<record>{record{0, 1, b("k"), b("v"), {}}});
        QVERIFY(built.ok());
        for (int32_t count : {0, 2, 1 << 30, std::numeric_limits<int32_t>::max()}) {
            auto bad = *built;
            store_be(bad, 57, static_cast<uint32_t>(count), 4);
            recompute_crc(bad);
            auto d = decode_records(view_of(bad));
            QVERIFY(!d.ok());
            QCOMPARE(d.err().code, error_code::corrupt_message);
        }
    }

    void fuzz_data() {
        QTest::addColumn<compression_codec>("codec");
        QTest::newRow("none") << compression_codec::none;
        QTest::newRow("gzip") << compression_codec::gzip;
        QTest::newRow("snappy") << compression_codec::snappy;
        QTest::newRow("lz4") << compression_codec::lz4;
        QTest::newRow("zstd") << compression_codec::zstd;
    }
    // Random bytes, random single-byte mutations with a fixed-up CRC, and random record bodies behind a valid
    // header: any outcome is fine except a crash (run under ASan/UBSan to mean it).
    void fuzz() {
        QFETCH(compression_codec, codec);
        std::mt19937 rng(static_cast<unsigned>(codec) + 11);
        std::vector<record> rs;
        for (int i = 0; i < 5; ++i) rs.push_back(record{i, i, b("k"), b("value"), {{"h", b("x")}}});
        auto built = build_batch({.codec = codec}, rs);
        QVERIFY(built.ok());
        for (int iter = 0; iter < 1500; ++iter) {
            std::vector<uint8_t> buf;
            switch (iter % 3) {
                case 0:
                    buf.resize(rng() % 200);
                    for (auto& x : buf) x = static_cast<uint8_t>(rng());
                    if (buf.size() > 17) buf[16] = 2;
                    break;
                case 1:
                    buf = *built;
                    buf[batch_crc_covered_from + rng() % (buf.size() - batch_crc_covered_from)] =
                        static_cast<uint8_t>(rng());
                    recompute_crc(buf);
                    break;
                default: {
                    buf.assign(built->begin(), built->begin() + batch_header_size);
                    const std::size_t body = rng() % 120;
                    for (std::size_t i = 0; i < body; ++i)
                        buf.push_back(static_cast<uint8_t>(rng() % 4 == 0 ? 0 : rng()));
                    store_be(buf, 8, buf.size() - batch_length_field_end, 4);
                    store_be(buf, 57, rng() % 8, 4);
                    recompute_crc(buf);
                }
            }
            auto split = split_batches(buf, iter % 2 == 0);
            if (!split.ok()) continue;
            for (const auto& bv : *split) {
                (void)validate_batch_for_append(bv);
                auto d = decode_records(bv);
                if (!d.ok())
                    QVERIFY(d.err().code == error_code::corrupt_message ||
                            d.err().code == error_code::unsupported_compression_type);
            }
        }
    }
};

QTEST_APPLESS_MAIN(test_record_batch)
#include "test_record_batch.moc"
