// Wire primitives (wire.h): every type encoded to hand-written bytes, decoded back, every strict prefix of
// every encoding rejected, and hostile inputs (over-long varints, negative or lying lengths) rejected.
// A new primitive is one more row in primitive_rows().
#include <QtTest>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "engine/protocol/wire.h"

using namespace sluice::protocol;

namespace {

QByteArray hex(const bytes& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size())).toHex();
}
bytes from_hex(const QByteArray& h) {
    const QByteArray a = QByteArray::fromHex(h);
    return bytes(a.begin(), a.end());
}

template <class T>
QString show(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return QString::fromStdString("\"" + v + "\"");
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) return v ? show(*v) : QStringLiteral("null");
    else if constexpr (std::is_same_v<T, bytes>) return QString::fromLatin1(hex(v));
    else if constexpr (std::is_same_v<T, std::optional<bytes>>) return v ? show(*v) : QStringLiteral("null");
    else if constexpr (std::is_same_v<T, uuid>) return QString::fromLatin1(hex(bytes(v.value.begin(), v.value.end())));
    else if constexpr (std::is_same_v<T, double>) return QString::number(v, 'g', 17);
    else return QString::number(v);
}

template <class T>
bool same(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, double>) return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
    else return a == b;
}

// One primitive value: how to write it, and how to read it back and say what differs (empty when equal).
struct primitive_case {
    std::function<void(wire_writer&)> write;
    std::function<QString(wire_reader&)> read_and_check;
};

template <class T, class Write, class Read>
void add_row(const char* name, T value, const char* expected_hex, Write write, Read read) {
    primitive_case c;
    c.write = [=](wire_writer& w) { write(w, value); };
    c.read_and_check = [=](wire_reader& r) -> QString {
        T got = read(r);
        if (same(got, value)) return {};
        return QStringLiteral("decoded %1, expected %2").arg(show(got), show(value));
    };
    QTest::newRow(name) << c << QByteArray(expected_hex);
}

// Array lengths need elements behind them (a count larger than the bytes left is rejected), so these rows
// write `n` one-byte elements after the count and skip them on read.
void add_array_row(const char* name, int32_t n, bool compact, const char* expected_hex) {
    primitive_case c;
    c.write = [=](wire_writer& w) {
        w.write_array_length(n, compact);
        for (int32_t i = 0; i < n; ++i) w.write_int8(static_cast<int8_t>(0xa0 + i));
    };
    c.read_and_check = [=](wire_reader& r) -> QString {
        int32_t got = r.read_array_length(compact);
        for (int32_t i = 0; i < got; ++i) {
            if (r.read_int8() != static_cast<int8_t>(0xa0 + i)) return QStringLiteral("element %1 wrong").arg(i);
        }
        return got == n ? QString() : QStringLiteral("count %1, expected %2").arg(got).arg(n);
    };
    QTest::newRow(name) << c << QByteArray(expected_hex);
}

uuid sample_uuid() {
    uuid u;
    for (int i = 0; i < 16; ++i) u.value[static_cast<std::size_t>(i)] = static_cast<uint8_t>(0x10 + i);
    return u;
}

constexpr bool classic = false;
constexpr bool compact = true;

void primitive_rows() {
    QTest::addColumn<primitive_case>("value");
    QTest::addColumn<QByteArray>("expected");

    auto w8 = [](wire_writer& w, int8_t v) { w.write_int8(v); };
    auto r8 = [](wire_reader& r) { return r.read_int8(); };
    add_row("int8 0", int8_t{0}, "00", w8, r8);
    add_row("int8 -1", int8_t{-1}, "ff", w8, r8);
    add_row("int8 max", int8_t{127}, "7f", w8, r8);
    add_row("int8 min", int8_t{-128}, "80", w8, r8);
    auto wb = [](wire_writer& w, bool v) { w.write_bool(v); };
    auto rb = [](wire_reader& r) { return r.read_bool(); };
    add_row("bool true", true, "01", wb, rb);
    add_row("bool false", false, "00", wb, rb);
    auto w16 = [](wire_writer& w, int16_t v) { w.write_int16(v); };
    auto r16 = [](wire_reader& r) { return r.read_int16(); };
    add_row("int16 0x1234", int16_t{0x1234}, "1234", w16, r16);
    add_row("int16 -2", int16_t{-2}, "fffe", w16, r16);
    add_row("int16 min", std::numeric_limits<int16_t>::min(), "8000", w16, r16);
    auto w32 = [](wire_writer& w, int32_t v) { w.write_int32(v); };
    auto r32 = [](wire_reader& r) { return r.read_int32(); };
    add_row("int32 0x01020304", int32_t{0x01020304}, "01020304", w32, r32);
    add_row("int32 -1", int32_t{-1}, "ffffffff", w32, r32);
    add_row("int32 min", std::numeric_limits<int32_t>::min(), "80000000", w32, r32);
    add_row("int32 max", std::numeric_limits<int32_t>::max(), "7fffffff", w32, r32);
    auto wu32 = [](wire_writer& w, uint32_t v) { w.write_uint32(v); };
    auto ru32 = [](wire_reader& r) { return r.read_uint32(); };
    add_row("uint32 0xdeadbeef", uint32_t{0xdeadbeef}, "deadbeef", wu32, ru32);
    auto w64 = [](wire_writer& w, int64_t v) { w.write_int64(v); };
    auto r64 = [](wire_reader& r) { return r.read_int64(); };
    add_row("int64 0x0102030405060708", int64_t{0x0102030405060708}, "0102030405060708", w64, r64);
    add_row("int64 -2", int64_t{-2}, "fffffffffffffffe", w64, r64);
    add_row("int64 min", std::numeric_limits<int64_t>::min(), "8000000000000000", w64, r64);
    auto wd = [](wire_writer& w, double v) { w.write_float64(v); };
    auto rd = [](wire_reader& r) { return r.read_float64(); };
    add_row("float64 1.5", 1.5, "3ff8000000000000", wd, rd);
    add_row("float64 -0.0", -0.0, "8000000000000000", wd, rd);
    add_row("float64 -2.25", -2.25, "c002000000000000", wd, rd);
    add_row("float64 inf", std::numeric_limits<double>::infinity(), "7ff0000000000000", wd, rd);
    auto wuu = [](wire_writer& w, const uuid& v) { w.write_uuid(v); };
    auto ruu = [](wire_reader& r) { return r.read_uuid(); };
    add_row("uuid", sample_uuid(), "101112131415161718191a1b1c1d1e1f", wuu, ruu);
    add_row("uuid zero", uuid{}, "00000000000000000000000000000000", wuu, ruu);

    // Unsigned varints: 7-bit groups, least significant first, high bit = more follows.
    auto wuv = [](wire_writer& w, uint32_t v) { w.write_uvarint(v); };
    auto ruv = [](wire_reader& r) { return r.read_uvarint(); };
    add_row("uvarint 0", uint32_t{0}, "00", wuv, ruv);
    add_row("uvarint 1", uint32_t{1}, "01", wuv, ruv);
    add_row("uvarint 127", uint32_t{127}, "7f", wuv, ruv);
    add_row("uvarint 128", uint32_t{128}, "8001", wuv, ruv);
    add_row("uvarint 300", uint32_t{300}, "ac02", wuv, ruv);
    add_row("uvarint 16383", uint32_t{16383}, "ff7f", wuv, ruv);
    add_row("uvarint 16384", uint32_t{16384}, "808001", wuv, ruv);
    add_row("uvarint 2^21-1", uint32_t{(1u << 21) - 1}, "ffff7f", wuv, ruv);
    add_row("uvarint 2^21", uint32_t{1u << 21}, "80808001", wuv, ruv);
    add_row("uvarint 2^28-1", uint32_t{(1u << 28) - 1}, "ffffff7f", wuv, ruv);
    add_row("uvarint 2^28 (5 bytes)", uint32_t{1u << 28}, "8080808001", wuv, ruv);
    add_row("uvarint 2^31", uint32_t{1u << 31}, "8080808008", wuv, ruv);
    add_row("uvarint max (5 bytes)", uint32_t{0xffffffff}, "ffffffff0f", wuv, ruv);
    auto wuvl = [](wire_writer& w, uint64_t v) { w.write_uvarint(v); };
    auto ruvl = [](wire_reader& r) { return r.read_uvarlong(); };
    add_row("uvarlong 2^35", uint64_t{1} << 35, "808080808001", wuvl, ruvl);
    add_row("uvarlong max (10 bytes)", std::numeric_limits<uint64_t>::max(), "ffffffffffffffffff01", wuvl, ruvl);

    // Zig-zag: 0, -1, 1, -2, 2, ... map to 0, 1, 2, 3, 4, ...
    auto wv = [](wire_writer& w, int32_t v) { w.write_varint(v); };
    auto rv = [](wire_reader& r) { return r.read_varint(); };
    add_row("varint 0", int32_t{0}, "00", wv, rv);
    add_row("varint -1", int32_t{-1}, "01", wv, rv);
    add_row("varint 1", int32_t{1}, "02", wv, rv);
    add_row("varint -2", int32_t{-2}, "03", wv, rv);
    add_row("varint -64", int32_t{-64}, "7f", wv, rv);
    add_row("varint 64", int32_t{64}, "8001", wv, rv);
    add_row("varint -65", int32_t{-65}, "8101", wv, rv);
    add_row("varint 150", int32_t{150}, "ac02", wv, rv);
    add_row("varint max", std::numeric_limits<int32_t>::max(), "feffffff0f", wv, rv);
    add_row("varint min", std::numeric_limits<int32_t>::min(), "ffffffff0f", wv, rv);
    auto wvl = [](wire_writer& w, int64_t v) { w.write_varlong(v); };
    auto rvl = [](wire_reader& r) { return r.read_varlong(); };
    add_row("varlong 0", int64_t{0}, "00", wvl, rvl);
    add_row("varlong -1", int64_t{-1}, "01", wvl, rvl);
    add_row("varlong 2^31", int64_t{1} << 31, "8080808010", wvl, rvl);
    add_row("varlong -(2^31)-1", -(int64_t{1} << 31) - 1, "8180808010", wvl, rvl);
    add_row("varlong max", std::numeric_limits<int64_t>::max(), "feffffffffffffffff01", wvl, rvl);
    add_row("varlong min", std::numeric_limits<int64_t>::min(), "ffffffffffffffffff01", wvl, rvl);

    // Strings: classic int16 length, compact uvarint length+1 (0 = null).
    auto wsc = [](wire_writer& w, const std::string& v) { w.write_string(v, classic); };
    auto rsc = [](wire_reader& r) { return r.read_string(classic); };
    auto wsk = [](wire_writer& w, const std::string& v) { w.write_string(v, compact); };
    auto rsk = [](wire_reader& r) { return r.read_string(compact); };
    add_row("string classic empty", std::string(), "0000", wsc, rsc);
    add_row("string classic abc", std::string("abc"), "0003616263", wsc, rsc);
    add_row("string classic utf8", std::string("\xc3\xa9"), "0002c3a9", wsc, rsc);
    add_row("string compact empty", std::string(), "01", wsk, rsk);
    add_row("string compact abc", std::string("abc"), "04616263", wsk, rsk);
    static const std::string s127(127, 'x'), s300(300, 'y');
    static const QByteArray s127_hex = "80" "01" + QByteArray(127, 'x').toHex();  // length 128 needs 2 bytes
    static const QByteArray s300_classic_hex = "012c" + QByteArray(300, 'y').toHex();
    add_row("string compact 127 chars", s127, s127_hex.constData(), wsk, rsk);
    add_row("string classic 300 chars", s300, s300_classic_hex.constData(), wsc, rsc);
    auto wnc = [](wire_writer& w, const std::optional<std::string>& v) { w.write_nullable_string(v, classic); };
    auto rnc = [](wire_reader& r) { return r.read_nullable_string(classic); };
    auto wnk = [](wire_writer& w, const std::optional<std::string>& v) { w.write_nullable_string(v, compact); };
    auto rnk = [](wire_reader& r) { return r.read_nullable_string(compact); };
    add_row("nullable string classic null", std::optional<std::string>(), "ffff", wnc, rnc);
    add_row("nullable string classic empty", std::optional<std::string>(""), "0000", wnc, rnc);
    add_row("nullable string classic abc", std::optional<std::string>("abc"), "0003616263", wnc, rnc);
    add_row("nullable string compact null", std::optional<std::string>(), "00", wnk, rnk);
    add_row("nullable string compact empty", std::optional<std::string>(""), "01", wnk, rnk);
    add_row("nullable string compact abc", std::optional<std::string>("abc"), "04616263", wnk, rnk);

    // Bytes: classic int32 length, compact uvarint length+1.
    auto wbc = [](wire_writer& w, const bytes& v) { w.write_bytes(v, classic); };
    auto rbc = [](wire_reader& r) { return r.read_bytes(classic); };
    auto wbk = [](wire_writer& w, const bytes& v) { w.write_bytes(v, compact); };
    auto rbk = [](wire_reader& r) { return r.read_bytes(compact); };
    add_row("bytes classic empty", bytes{}, "00000000", wbc, rbc);
    add_row("bytes classic 010203", bytes{1, 2, 3}, "00000003010203", wbc, rbc);
    add_row("bytes compact empty", bytes{}, "01", wbk, rbk);
    add_row("bytes compact 010203", bytes{1, 2, 3}, "04010203", wbk, rbk);
    auto wnbc = [](wire_writer& w, const std::optional<bytes>& v) { w.write_nullable_bytes(v, classic); };
    auto rnbc = [](wire_reader& r) { return r.read_nullable_bytes(classic); };
    auto wnbk = [](wire_writer& w, const std::optional<bytes>& v) { w.write_nullable_bytes(v, compact); };
    auto rnbk = [](wire_reader& r) { return r.read_nullable_bytes(compact); };
    add_row("nullable bytes classic null", std::optional<bytes>(), "ffffffff", wnbc, rnbc);
    add_row("nullable bytes classic ff", std::optional<bytes>(bytes{0xff}), "00000001ff", wnbc, rnbc);
    add_row("nullable bytes classic empty", std::optional<bytes>(bytes{}), "00000000", wnbc, rnbc);
    add_row("nullable bytes compact null", std::optional<bytes>(), "00", wnbk, rnbk);
    add_row("nullable bytes compact empty", std::optional<bytes>(bytes{}), "01", wnbk, rnbk);
    add_row("nullable bytes compact ff", std::optional<bytes>(bytes{0xff}), "02ff", wnbk, rnbk);

    // Array lengths: classic int32 (-1 null), compact uvarint count+1 (0 null).
    add_array_row("array classic null", -1, classic, "ffffffff");
    add_array_row("array classic empty", 0, classic, "00000000");
    add_array_row("array classic 3", 3, classic, "00000003a0a1a2");
    add_array_row("array compact null", -1, compact, "00");
    add_array_row("array compact empty", 0, compact, "01");
    add_array_row("array compact 3", 3, compact, "04a0a1a2");
}

// A decoder fed bytes that must fail (reader.failed()).
using read_fn = std::function<void(wire_reader&)>;

}  // namespace

Q_DECLARE_METATYPE(primitive_case)
Q_DECLARE_METATYPE(read_fn)

class test_wire : public QObject {
    Q_OBJECT
private slots:
    void encode_decode_data() { primitive_rows(); }
    void encode_decode() {
        QFETCH(primitive_case, value);
        QFETCH(QByteArray, expected);
        bytes out;
        wire_writer w(out);
        value.write(w);
        QCOMPARE(hex(out), expected);
        QCOMPARE(w.size(), out.size());

        wire_reader r(out);
        const QString diff = value.read_and_check(r);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QVERIFY(!r.failed());
        QCOMPARE(r.position(), out.size());
        QCOMPARE(r.remaining(), std::size_t{0});
    }

    // Every strict prefix of every encoding is a truncated input: the reader must fail, not return a value.
    void truncated_data() { primitive_rows(); }
    void truncated() {
        QFETCH(primitive_case, value);
        QFETCH(QByteArray, expected);
        const bytes full = from_hex(expected);
        for (std::size_t n = 0; n < full.size(); ++n) {
            wire_reader r(std::span<const uint8_t>(full).first(n));
            (void)value.read_and_check(r);
            QVERIFY2(r.failed(), qPrintable(QStringLiteral("prefix of %1 bytes accepted").arg(n)));
            QCOMPARE(r.remaining(), std::size_t{0});
        }
    }

    // The same value twice in a row, then a third read past the end: the first two succeed, the third fails.
    void consecutive_values_data() { primitive_rows(); }
    void consecutive_values() {
        QFETCH(primitive_case, value);
        bytes out;
        wire_writer w(out);
        value.write(w);
        value.write(w);
        wire_reader r(out);
        QVERIFY(value.read_and_check(r).isEmpty());
        QVERIFY(value.read_and_check(r).isEmpty());
        QVERIFY(!r.failed());
        (void)value.read_and_check(r);
        QVERIFY(r.failed());
    }

    void rejected_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<read_fn>("read");
        auto uv = read_fn([](wire_reader& r) { (void)r.read_uvarint(); });
        auto uvl = read_fn([](wire_reader& r) { (void)r.read_uvarlong(); });
        auto vi = read_fn([](wire_reader& r) { (void)r.read_varint(); });
        auto vl = read_fn([](wire_reader& r) { (void)r.read_varlong(); });
        QTest::newRow("uvarint 6 bytes") << QByteArray("808080808000") << uv;
        QTest::newRow("uvarint 5th byte continues") << QByteArray("ffffffffff01") << uv;
        QTest::newRow("uvarint all continuation") << QByteArray("ffffffffffffffffffffff") << uv;
        QTest::newRow("varint 6 bytes") << QByteArray("818080808000") << vi;
        QTest::newRow("uvarlong 11 bytes") << QByteArray("8080808080808080808000") << uvl;
        QTest::newRow("varlong 11 bytes") << QByteArray("ffffffffffffffffffff01") << vl;
        QTest::newRow("empty int8") << QByteArray("") << read_fn([](wire_reader& r) { (void)r.read_int8(); });
        QTest::newRow("short uuid") << QByteArray("000102030405060708090a0b0c0d0e") << read_fn([](wire_reader& r) { (void)r.read_uuid(); });

        // Lengths: negative (other than the null marker), null where not allowed, or longer than the input.
        QTest::newRow("string classic null") << QByteArray("ffff") << read_fn([](wire_reader& r) { (void)r.read_string(false); });
        QTest::newRow("string compact null") << QByteArray("00") << read_fn([](wire_reader& r) { (void)r.read_string(true); });
        QTest::newRow("nullable string classic -2") << QByteArray("fffe") << read_fn([](wire_reader& r) { (void)r.read_nullable_string(false); });
        QTest::newRow("nullable string classic min") << QByteArray("8000") << read_fn([](wire_reader& r) { (void)r.read_nullable_string(false); });
        QTest::newRow("string classic too long") << QByteArray("0005616263") << read_fn([](wire_reader& r) { (void)r.read_string(false); });
        QTest::newRow("string compact too long") << QByteArray("06616263") << read_fn([](wire_reader& r) { (void)r.read_string(true); });
        QTest::newRow("string compact huge") << QByteArray("ffffffff07616263") << read_fn([](wire_reader& r) { (void)r.read_string(true); });
        QTest::newRow("string compact 2^31") << QByteArray("8080808008616263") << read_fn([](wire_reader& r) { (void)r.read_nullable_string(true); });
        QTest::newRow("string compact max uvarint") << QByteArray("ffffffff0f616263") << read_fn([](wire_reader& r) { (void)r.read_nullable_string(true); });
        QTest::newRow("bytes classic null") << QByteArray("ffffffff") << read_fn([](wire_reader& r) { (void)r.read_bytes(false); });
        QTest::newRow("bytes compact null") << QByteArray("00") << read_fn([](wire_reader& r) { (void)r.read_bytes(true); });
        QTest::newRow("nullable bytes classic -2") << QByteArray("fffffffe") << read_fn([](wire_reader& r) { (void)r.read_nullable_bytes(false); });
        QTest::newRow("nullable bytes classic min") << QByteArray("80000000") << read_fn([](wire_reader& r) { (void)r.read_nullable_bytes(false); });
        QTest::newRow("bytes classic too long") << QByteArray("7fffffff01") << read_fn([](wire_reader& r) { (void)r.read_bytes(false); });
        QTest::newRow("bytes compact 2^31") << QByteArray("808080800801") << read_fn([](wire_reader& r) { (void)r.read_nullable_bytes(true); });

        // Array counts: every element takes at least one byte, so a count above the bytes left is a lie.
        auto ac = read_fn([](wire_reader& r) { (void)r.read_array_length(false); });
        auto ak = read_fn([](wire_reader& r) { (void)r.read_array_length(true); });
        QTest::newRow("array classic -2") << QByteArray("fffffffe") << ac;
        QTest::newRow("array classic min") << QByteArray("80000000") << ac;
        QTest::newRow("array classic count 5, 4 bytes") << QByteArray("0000000501020304") << ac;
        QTest::newRow("array classic count max") << QByteArray("7fffffff0102") << ac;
        QTest::newRow("array classic count 1, nothing") << QByteArray("00000001") << ac;
        QTest::newRow("array compact count 5, 4 bytes") << QByteArray("0601020304") << ak;
        QTest::newRow("array compact count 2^31") << QByteArray("80808080080102") << ak;
        QTest::newRow("array compact max uvarint") << QByteArray("ffffffff0f0102") << ak;
        QTest::newRow("array compact over-long count") << QByteArray("818080808000") << ak;
    }
    void rejected() {
        QFETCH(QByteArray, input);
        QFETCH(read_fn, read);
        const bytes data = from_hex(input);
        wire_reader r(data);
        read(r);
        QVERIFY(r.failed());
        QCOMPARE(r.remaining(), std::size_t{0});
        // A failed reader stays failed and yields defaults.
        QCOMPARE(r.read_int32(), 0);
        QVERIFY(!r.read_nullable_string(false).has_value());
        QVERIFY(r.failed());
    }

    void lying_count_is_not_allocated() {
        // Counts that fit in the remaining bytes are accepted as such (elements may still fail later).
        const bytes data = from_hex("0000000401020304");
        wire_reader r(data);
        QCOMPARE(r.read_array_length(false), 4);
        QVERIFY(!r.failed());
        QCOMPARE(r.read_int64(), int64_t{0});
        QVERIFY(r.failed());
    }

    void reserve_and_patch() {
        bytes out;
        wire_writer w(out);
        const auto at = w.reserve_int32();
        w.write_int16(7);
        w.patch_int32(at, static_cast<int32_t>(w.size() - at - 4));
        QCOMPARE(hex(out), QByteArray("000000020007"));
        w.patch_int32(at, -2);
        QCOMPARE(hex(out), QByteArray("fffffffe0007"));
    }

    void raw_reads() {
        const bytes data = from_hex("0102030405");
        wire_reader r(data);
        auto s = r.read_raw(2);
        QCOMPARE(s.size(), std::size_t{2});
        QCOMPARE(s[1], uint8_t{2});
        r.skip(2);
        QCOMPARE(r.position(), std::size_t{4});
        QCOMPARE(r.remaining(), std::size_t{1});
        QVERIFY(r.read_raw(2).empty());
        QVERIFY(r.failed());
    }
};

QTEST_GUILESS_MAIN(test_wire)
#include "test_wire.moc"
