// CRC-32C and CRC-32 against published check values, and piecewise computation.
#include <QtTest>
#include <random>
#include <string_view>
#include <vector>

#include "engine/protocol/crc32c.h"

using namespace sluice::protocol;

namespace {
std::span<const uint8_t> as_bytes(const QByteArray& a) {
    return {reinterpret_cast<const uint8_t*>(a.constData()), static_cast<std::size_t>(a.size())};
}
}  // namespace

class test_crc32c : public QObject {
    Q_OBJECT
private slots:
    void known_vectors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<uint>("expected");
        // Check values from RFC 3720 (iSCSI) appendix B.4 and the CRC catalogue.
        QTest::newRow("empty") << QByteArray() << 0x00000000u;
        QTest::newRow("123456789") << QByteArray("123456789") << 0xE3069283u;
        QTest::newRow("32 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
        QTest::newRow("32 0xff") << QByteArray(32, '\xff') << 0x62A8AB43u;
        QByteArray ascending(32, '\0');
        for (int i = 0; i < 32; ++i) ascending[i] = static_cast<char>(i);
        QTest::newRow("0..31") << ascending << 0x46DD794Eu;
    }
    void known_vectors() {
        QFETCH(QByteArray, input);
        QFETCH(uint, expected);
        QCOMPARE(crc32c(as_bytes(input)), expected);
    }

    // Any split, at any alignment, must give the one-shot value (exercises the 8-byte and tail paths).
    void piecewise_equals_one_shot() {
        std::mt19937 rng(7);
        std::vector<uint8_t> data(1000);
        for (auto& b : data) b = static_cast<uint8_t>(rng());
        const std::span<const uint8_t> all(data);
        const uint32_t whole = crc32c(all);
        for (std::size_t cut = 0; cut <= 40; ++cut) {
            const uint32_t first = crc32c(all.first(cut));
            QCOMPARE(crc32c(all.subspan(cut), first), whole);
        }
        // Unaligned start.
        QCOMPARE(crc32c(all.subspan(3, 17), crc32c(all.first(3))), crc32c(all.first(20)));
    }

    void ieee_check_value() {
        QCOMPARE(crc32_ieee(as_bytes(QByteArray("123456789"))), 0xCBF43926u);
        QCOMPARE(crc32_ieee({}), 0u);
    }
};

QTEST_APPLESS_MAIN(test_crc32c)
#include "test_crc32c.moc"
