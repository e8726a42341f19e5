// Kafka varints: exact encodings, round trips and refusal of truncated or over-long input.
#include <QtTest>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/protocol/varint.h"

using namespace sluice::protocol;

namespace {
QByteArray to_qba(const std::vector<uint8_t>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}
std::vector<uint8_t> from_qba(const QByteArray& a) { return {a.begin(), a.end()}; }
}  // namespace

class test_varint : public QObject {
    Q_OBJECT
private slots:
    void varint32_encoding_data() {
        QTest::addColumn<int>("value");
        QTest::addColumn<QByteArray>("encoded");
        // Zigzag maps 0,-1,1,-2,... to 0,1,2,3,...; then 7 bits per byte, low group first.
        QTest::newRow("0") << 0 << QByteArray::fromHex("00");
        QTest::newRow("-1") << -1 << QByteArray::fromHex("01");
        QTest::newRow("1") << 1 << QByteArray::fromHex("02");
        QTest::newRow("63") << 63 << QByteArray::fromHex("7e");
        QTest::newRow("-64") << -64 << QByteArray::fromHex("7f");
        QTest::newRow("64") << 64 << QByteArray::fromHex("8001");
        QTest::newRow("300") << 300 << QByteArray::fromHex("d804");
        QTest::newRow("int32 max") << std::numeric_limits<int32_t>::max() << QByteArray::fromHex("feffffff0f");
        QTest::newRow("int32 min") << std::numeric_limits<int32_t>::min() << QByteArray::fromHex("ffffffff0f");
    }
    void varint32_encoding() {
        QFETCH(int, value);
        QFETCH(QByteArray, encoded);
        std::vector<uint8_t> out;
        write_varint32(out, value);
        QCOMPARE(to_qba(out), encoded);
        QCOMPARE(varint32_size(value), static_cast<std::size_t>(encoded.size()));
        const auto in = from_qba(encoded);
        std::size_t pos = 0;
        int32_t back = 0;
        QVERIFY(read_varint32(in, pos, back));
        QCOMPARE(back, value);
        QCOMPARE(pos, in.size());
        // Every strict prefix is truncated input.
        for (std::size_t n = 0; n < in.size(); ++n) {
            std::size_t p = 0;
            QVERIFY(!read_varint32(std::span(in).first(n), p, back));
            QCOMPARE(p, std::size_t{0});
        }
    }

    void varint64_round_trip_data() {
        QTest::addColumn<qlonglong>("value");
        QTest::addColumn<int>("size");
        QTest::newRow("0") << 0LL << 1;
        QTest::newRow("-1") << -1LL << 1;
        QTest::newRow("2^35") << (1LL << 35) << 6;
        QTest::newRow("int64 max") << std::numeric_limits<qlonglong>::max() << 10;
        QTest::newRow("int64 min") << std::numeric_limits<qlonglong>::min() << 10;
    }
    void varint64_round_trip() {
        QFETCH(qlonglong, value);
        QFETCH(int, size);
        std::vector<uint8_t> out;
        write_varint64(out, value);
        QCOMPARE(out.size(), static_cast<std::size_t>(size));
        QCOMPARE(varint64_size(value), out.size());
        std::size_t pos = 0;
        int64_t back = 0;
        QVERIFY(read_varint64(out, pos, back));
        QCOMPARE(back, static_cast<int64_t>(value));
        QCOMPARE(pos, out.size());
    }

    void uvarint_round_trip() {
        for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 16383ull, 16384ull, 0xffffffffull}) {
            std::vector<uint8_t> out;
            write_uvarint(out, v);
            QCOMPARE(uvarint_size(v), out.size());
            std::size_t pos = 0;
            uint64_t back = 0;
            QVERIFY(read_uvarint(out, pos, back));
            QCOMPARE(back, v);
        }
    }

    void rejects_overlong_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("is64");
        QTest::newRow("6-byte uvarint") << QByteArray::fromHex("808080808000") << false;
        QTest::newRow("5th byte beyond 32 bits") << QByteArray::fromHex("ffffffff1f") << false;
        QTest::newRow("5th byte continues") << QByteArray::fromHex("ffffffff8f") << false;
        QTest::newRow("11-byte varlong") << QByteArray::fromHex("ffffffffffffffffff8001") << true;
        QTest::newRow("10th byte beyond 64 bits") << QByteArray::fromHex("ffffffffffffffffff02") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("dangling continuation") << QByteArray::fromHex("80") << true;
    }
    void rejects_overlong() {
        QFETCH(QByteArray, input);
        QFETCH(bool, is64);
        const auto in = from_qba(input);
        std::size_t pos = 0;
        if (is64) {
            int64_t v = 0;
            QVERIFY(!read_varint64(in, pos, v));
        } else {
            uint64_t u = 0;
            int32_t v = 0;
            QVERIFY(!read_uvarint(in, pos, u));
            QVERIFY(!read_varint32(in, pos, v));
        }
        QCOMPARE(pos, std::size_t{0});
    }

    void reads_from_position() {
        const std::vector<uint8_t> in{0xaa, 0xd8, 0x04, 0x01};
        std::size_t pos = 1;
        int32_t v = 0;
        QVERIFY(read_varint32(in, pos, v));
        QCOMPARE(v, 300);
        QCOMPARE(pos, std::size_t{3});
        QVERIFY(read_varint32(in, pos, v));
        QCOMPARE(v, -1);
        QVERIFY(!read_varint32(in, pos, v));
    }
};

QTEST_APPLESS_MAIN(test_varint)
#include "test_varint.moc"
