// Magic 0/1 message sets (Produce v0-v2) up-converted to a v2 batch: records, timestamps, codec, CRC checks.
#include <QTest>
#include <cstring>

#include "engine/protocol/compression.h"
#include "engine/protocol/crc32c.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"
#include "engine/protocol/wire.h"

using namespace sluice::protocol;

namespace {
bytes to_bytes(const char* s) { return bytes(s, s + std::strlen(s)); }

// One legacy message: offset, size, crc, magic, attributes, [timestamp], key, value.
void append_message(bytes& set, int8_t magic, int8_t attributes, int64_t timestamp, std::optional<bytes> key,
                    std::optional<bytes> value, int64_t offset = 0) {
    bytes body;
    wire_writer b(body);
    b.write_int8(magic);
    b.write_int8(attributes);
    if (magic == 1) b.write_int64(timestamp);
    b.write_nullable_bytes(key, false);
    b.write_nullable_bytes(value, false);
    wire_writer w(set);
    w.write_int64(offset);
    w.write_int32(static_cast<int32_t>(body.size() + 4));
    w.write_uint32(crc32_ieee(body));
    w.write_raw(body);
}

std::vector<record> decode_single_batch(const bytes& batch) {
    auto batches = split_batches(batch, false);
    if (!batches || batches->size() != 1) return {};
    if (!validate_batch_for_append(batches->front())) return {};
    auto records = decode_records(batches->front());
    return records ? *records : std::vector<record>{};
}
}  // namespace

class test_legacy_message_set : public QObject {
    Q_OBJECT
private slots:
    void uncompressedMagic1() {
        bytes set;
        append_message(set, 1, 0, 1000, to_bytes("k1"), to_bytes("v1"));
        append_message(set, 1, 0, 1005, std::nullopt, std::nullopt, 1);
        QCOMPARE(record_set_magic(set), int8_t(1));
        auto converted = convert_legacy_message_set(set);
        QVERIFY(converted.ok());
        auto records = decode_single_batch(*converted);
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[0].offset, int64_t(0));
        QCOMPARE(records[1].offset, int64_t(1));
        QCOMPARE(records[0].timestamp, int64_t(1000));
        QCOMPARE(records[1].timestamp, int64_t(1005));
        QVERIFY(records[0].key == to_bytes("k1"));
        QVERIFY(records[0].value == to_bytes("v1"));
        QVERIFY(!records[1].key && !records[1].value);
        QCOMPARE(parse_batch_header(*converted)->codec(), compression_codec::none);
    }

    void magic0HasNoTimestamp() {
        bytes set;
        append_message(set, 0, 0, 0, to_bytes("k"), to_bytes("v"));
        auto records = decode_single_batch(*convert_legacy_message_set(set));
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].timestamp, int64_t(-1));
    }

    void compressedWrapperKeepsCodec_data() {
        QTest::addColumn<int>("codec");
        QTest::newRow("gzip") << int(compression_codec::gzip);
        QTest::newRow("snappy") << int(compression_codec::snappy);
        QTest::newRow("lz4") << int(compression_codec::lz4);
    }
    void compressedWrapperKeepsCodec() {
        QFETCH(int, codec);
        bytes inner;
        for (int i = 0; i < 5; ++i)
            append_message(inner, 1, 0, 2000 + i, to_bytes("key"), bytes(100, static_cast<uint8_t>('a' + i)), i);
        auto packed = compress(static_cast<compression_codec>(codec), inner);
        QVERIFY(packed.ok());
        bytes wrapper;
        append_message(wrapper, 1, static_cast<int8_t>(codec), 2004, std::nullopt, *packed, 4);
        auto converted = convert_legacy_message_set(wrapper);
        QVERIFY2(converted.ok(), converted.ok() ? "" : converted.err().message.c_str());
        QCOMPARE(int(parse_batch_header(*converted)->codec()), codec);
        auto records = decode_single_batch(*converted);
        QCOMPARE(records.size(), std::size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(records[i].offset, int64_t(i));
            QCOMPARE(records[i].timestamp, int64_t(2000 + i));
            QVERIFY(records[i].value == bytes(100, static_cast<uint8_t>('a' + i)));
        }
    }

    void badCrcIsCorrupt() {
        bytes set;
        append_message(set, 1, 0, 1000, to_bytes("k"), to_bytes("v"));
        set.back() ^= 0x01;
        auto converted = convert_legacy_message_set(set);
        QVERIFY(!converted.ok());
        QCOMPARE(converted.err().code, error_code::corrupt_message);
    }

    void everyTruncationFailsCleanly() {
        bytes set;
        append_message(set, 1, 0, 1000, to_bytes("k1"), to_bytes("v1"));
        for (std::size_t n = 0; n < set.size(); ++n) {
            auto converted = convert_legacy_message_set(std::span<const uint8_t>(set.data(), n));
            QVERIFY(!converted.ok());
        }
    }
};

QTEST_APPLESS_MAIN(test_legacy_message_set)
#include "test_legacy_message_set.moc"
