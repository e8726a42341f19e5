// Kafka's compression codecs: round trips, the formats other producers send, hostile input and the size cap.
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <QtTest>
#include <random>
#include <vector>

#include "engine/protocol/compression.h"

using namespace sluice;
using namespace sluice::protocol;

namespace {
std::vector<uint8_t> bytes_of(const QByteArray& a) { return {a.begin(), a.end()}; }

// Compressible but not trivial: words from a small vocabulary, deterministic.
std::vector<uint8_t> text_like(std::size_t n, unsigned seed) {
    static const char* words[] = {"kafka ", "sluice ", "batch ", "record ", "offset ", "leader ", "{\"k\":42} "};
    std::mt19937 rng(seed);
    std::vector<uint8_t> out;
    while (out.size() < n) {
        const char* w = words[rng() % 7];
        while (*w && out.size() < n) out.push_back(static_cast<uint8_t>(*w++));
    }
    return out;
}

std::vector<uint8_t> random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<uint8_t> out(n);
    for (auto& b : out) b = static_cast<uint8_t>(rng());
    return out;
}

// A zstd stream of `total` zero bytes written without a content size, fed in small pieces so the test never
// holds the whole input.
std::vector<uint8_t> zstd_stream_of_zeros(std::size_t total) {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
    const std::vector<uint8_t> zeros(1 << 20);
    std::vector<uint8_t> out;
    std::vector<uint8_t> chunk(ZSTD_CStreamOutSize());
    std::size_t fed = 0;
    for (;;) {
        const std::size_t n = std::min(zeros.size(), total - fed);
        const bool last = fed + n == total;
        ZSTD_inBuffer in{zeros.data(), n, 0};
        std::size_t remaining = 0;
        do {
            ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
            remaining = ZSTD_compressStream2(cctx, &o, &in, last ? ZSTD_e_end : ZSTD_e_continue);
            out.insert(out.end(), chunk.data(), chunk.data() + o.pos);
        } while (last ? remaining != 0 : in.pos < in.size);
        fed += n;
        if (last) break;
    }
    ZSTD_freeCCtx(cctx);
    return out;
}
}  // namespace

Q_DECLARE_METATYPE(std::vector<uint8_t>)

class test_compression : public QObject {
    Q_OBJECT
private slots:
    void round_trip_data() {
        QTest::addColumn<int>("codec");
        QTest::addColumn<std::vector<uint8_t>>("input");
        const char* names[] = {"none", "gzip", "snappy", "lz4", "zstd"};
        for (int c = 0; c <= 4; ++c) {
            QTest::addRow("%s empty", names[c]) << c << std::vector<uint8_t>{};
            QTest::addRow("%s one byte", names[c]) << c << std::vector<uint8_t>{42};
            QTest::addRow("%s text 300k", names[c]) << c << text_like(300 * 1024, 1);  // several snappy/lz4 blocks
            QTest::addRow("%s random 100k", names[c]) << c << random_bytes(100 * 1024, 2);
        }
    }
    void round_trip() {
        QFETCH(int, codec);
        QFETCH(std::vector<uint8_t>, input);
        auto packed = compress(static_cast<compression_codec>(codec), input);
        QVERIFY(packed.ok());
        auto back = decompress(static_cast<compression_codec>(codec), *packed);
        QVERIFY2(back.ok(), back.ok() ? "" : back.err().message.c_str());
        QVERIFY(*back == input);
    }

    void framing_matches_java() {
        const auto input = text_like(1000, 3);
        auto gz = compress(compression_codec::gzip, input);
        QVERIFY(gz.ok() && gz->size() > 2);
        QCOMPARE((*gz)[0], uint8_t{0x1f});  // gzip member, like GZIPOutputStream
        QCOMPARE((*gz)[1], uint8_t{0x8b});
        auto sn = compress(compression_codec::snappy, input);
        QVERIFY(sn.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(sn->data()), 16),
                 QByteArray::fromHex("82534e41505059000000000100000001"));
        auto lz = compress(compression_codec::lz4, input);
        QVERIFY(lz.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(lz->data()), 4), QByteArray::fromHex("04224d18"));
        auto zs = compress(compression_codec::zstd, input);
        QVERIFY(zs.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(zs->data()), 4), QByteArray::fromHex("28b52ffd"));
    }

    void gzip_accepts_zlib_header_and_members() {
        const auto input = text_like(5000, 4);
        std::vector<uint8_t> z(compressBound(input.size()));
        uLongf zlen = z.size();
        QCOMPARE(compress2(z.data(), &zlen, input.data(), input.size(), 6), Z_OK);
        z.resize(zlen);
        QCOMPARE(z[0], uint8_t{0x78});
        auto back = decompress(compression_codec::gzip, z);
        QVERIFY(back.ok());
        QVERIFY(*back == input);

        // Two gzip members back to back decode as one stream, as GZIPInputStream reads them.
        auto a = compress(compression_codec::gzip, input);
        QVERIFY(a.ok());
        std::vector<uint8_t> two = *a;
        two.insert(two.end(), a->begin(), a->end());
        auto both = decompress(compression_codec::gzip, two);
        QVERIFY(both.ok());
        QCOMPARE(both->size(), 2 * input.size());
    }

    // A snappy block written by hand from the format spec (varint length, literal tag), so the decoder is
    // checked against bytes no snappy library produced.
    void snappy_hand_made_raw_and_xerial() {
        const QByteArray raw = QByteArray::fromHex("0510") + "hello";
        auto r = decompress(compression_codec::snappy, bytes_of(raw));
        QVERIFY(r.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(r->data()), static_cast<qsizetype>(r->size())),
                 QByteArray("hello"));

        const QByteArray world = QByteArray::fromHex("0614") + " world";
        const QByteArray xerial = QByteArray::fromHex("82534e41505059000000000100000001") +
                                  QByteArray::fromHex("00000007") + raw + QByteArray::fromHex("00000008") + world;
        auto x = decompress(compression_codec::snappy, bytes_of(xerial));
        QVERIFY2(x.ok(), x.ok() ? "" : x.err().message.c_str());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(x->data()), static_cast<qsizetype>(x->size())),
                 QByteArray("hello world"));

        // Header alone: an empty stream.
        auto empty = decompress(compression_codec::snappy, bytes_of(xerial.left(16)));
        QVERIFY(empty.ok() && empty->empty());
        // A chunk length running past the end.
        auto bad = decompress(compression_codec::snappy, bytes_of(xerial.left(16 + 4 + 3)));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.err().code, error_code::corrupt_message);
    }

    void snappy_raw_block_from_library() {
        const auto input = text_like(70000, 5);
        std::string packed;
        snappy::Compress(reinterpret_cast<const char*>(input.data()), input.size(), &packed);
        auto back =
            decompress(compression_codec::snappy, {reinterpret_cast<const uint8_t*>(packed.data()), packed.size()});
        QVERIFY(back.ok());
        QVERIFY(*back == input);
    }

    void zstd_without_content_size() {
        auto stream = zstd_stream_of_zeros(3 << 20);
        QCOMPARE(ZSTD_getFrameContentSize(stream.data(), stream.size()), ZSTD_CONTENTSIZE_UNKNOWN);
        auto back = decompress(compression_codec::zstd, stream);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t{3} << 20);
    }

    void bomb_is_refused_data() {
        QTest::addColumn<int>("codec");
        for (int c = 0; c <= 4; ++c) QTest::addRow("codec %d", c) << c;
    }
    void bomb_is_refused() {
        QFETCH(int, codec);
        const auto c = static_cast<compression_codec>(codec);
        const std::vector<uint8_t> zeros(4 << 20);
        auto packed = compress(c, zeros);
        QVERIFY(packed.ok());
        auto capped = decompress(c, *packed, 1 << 20);
        QVERIFY(!capped.ok());
        QCOMPARE(capped.err().code, error_code::corrupt_message);
        auto exact = decompress(c, *packed, zeros.size());  // the cap is inclusive
        QVERIFY(exact.ok());
        QCOMPARE(exact->size(), zeros.size());
    }

    void default_cap() {
        // 300 MiB of zeros in a ~10 KiB zstd stream with no declared size: refused at the 256 MiB default.
        auto stream = zstd_stream_of_zeros(std::size_t{300} << 20);
        QVERIFY(stream.size() < (1 << 20));
        auto r = decompress(compression_codec::zstd, stream);
        QVERIFY(!r.ok());
        QCOMPARE(r.err().code, error_code::corrupt_message);
        // A raw snappy block claiming 4 GiB is refused before anything is allocated.
        auto s = decompress(compression_codec::snappy, bytes_of(QByteArray::fromHex("ffffffff0f00")));
        QVERIFY(!s.ok());
        QCOMPARE(s.err().code, error_code::corrupt_message);
    }

    void hostile_input_data() {
        QTest::addColumn<int>("codec");
        for (int c = 1; c <= 4; ++c) QTest::addRow("codec %d", c) << c;
    }
    // Garbage and every truncation of a valid stream must give an error or some output, never a crash.
    void hostile_input() {
        QFETCH(int, codec);
        const auto c = static_cast<compression_codec>(codec);
        auto packed = compress(c, text_like(2000, 6));
        QVERIFY(packed.ok());
        int errors = 0;
        for (std::size_t n = 0; n < packed->size(); ++n) {
            auto r = decompress(c, std::span<const uint8_t>(*packed).first(n), 1 << 20);
            errors += r.ok() ? 0 : 1;
            if (!r.ok()) QCOMPARE(r.err().code, error_code::corrupt_message);
        }
        QVERIFY(errors > 0);
        std::mt19937 rng(codec);
        for (int i = 0; i < 300; ++i) {
            auto junk = random_bytes(rng() % 300, static_cast<unsigned>(i));
            // Half the time keep a valid prefix, so the decoder gets past the header into the data.
            if (i % 2 == 0 && junk.size() > 20) std::copy_n(packed->begin(), 20, junk.begin());
            auto r = decompress(c, junk, 1 << 20);
            if (!r.ok()) QCOMPARE(r.err().code, error_code::corrupt_message);
        }
    }

    void unknown_codec() {
        const std::vector<uint8_t> x{1, 2, 3};
        auto a = compress(static_cast<compression_codec>(5), x);
        QVERIFY(!a.ok());
        QCOMPARE(a.err().code, error_code::unsupported_compression_type);
        auto b = decompress(static_cast<compression_codec>(7), x);
        QVERIFY(!b.ok());
        QCOMPARE(b.err().code, error_code::unsupported_compression_type);
    }
};

QTEST_APPLESS_MAIN(test_compression)
#include "test_compression.moc"
