// Request headers v1 (classic) and v2 (flexible: a tag section after the client id, which keeps its int16
// length), and response headers v0 / v1, including ApiVersions' always-v0 response header.
#include <QtTest>

#include "engine/protocol/header.h"

using namespace sluice::protocol;

namespace {
QByteArray hex(const bytes& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size())).toHex();
}
bytes from_hex(const QByteArray& h) {
    const QByteArray a = QByteArray::fromHex(h);
    return bytes(a.begin(), a.end());
}
constexpr int16_t key(api_key k) { return static_cast<int16_t>(k); }
}  // namespace

class test_headers : public QObject {
    Q_OBJECT
private slots:
    void request_header_layout_data() {
        QTest::addColumn<int>("api");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("client_id");
        QTest::addColumn<bool>("null_client");
        QTest::addColumn<QByteArray>("expected");
        // v1: api key, version, correlation id, int16-length client id.
        QTest::newRow("Metadata v1 (header v1)") << int(key(api_key::metadata)) << 1 << "abc" << false
                                                 << QByteArray("0003" "0001" "0000002a" "0003616263");
        QTest::newRow("Metadata v8 (header v1)") << int(key(api_key::metadata)) << 8 << "abc" << false
                                                 << QByteArray("0003" "0008" "0000002a" "0003616263");
        // v2: same, then a tag section; the client id is NOT a compact string.
        QTest::newRow("Metadata v9 (header v2)") << int(key(api_key::metadata)) << 9 << "abc" << false
                                                 << QByteArray("0003" "0009" "0000002a" "0003616263" "00");
        QTest::newRow("ApiVersions v2 (header v1)") << int(key(api_key::api_versions)) << 2 << "abc" << false
                                                    << QByteArray("0012" "0002" "0000002a" "0003616263");
        QTest::newRow("ApiVersions v3 (header v2)") << int(key(api_key::api_versions)) << 3 << "abc" << false
                                                    << QByteArray("0012" "0003" "0000002a" "0003616263" "00");
        QTest::newRow("ApiVersions v3 null client id") << int(key(api_key::api_versions)) << 3 << "" << true
                                                       << QByteArray("0012" "0003" "0000002a" "ffff" "00");
        QTest::newRow("Produce v3 (header v1)") << int(key(api_key::produce)) << 3 << "abc" << false
                                               << QByteArray("0000" "0003" "0000002a" "0003616263");
        QTest::newRow("Produce v8 null client id") << int(key(api_key::produce)) << 8 << "" << true
                                                   << QByteArray("0000" "0008" "0000002a" "ffff");
        QTest::newRow("Produce v9 (header v2)") << int(key(api_key::produce)) << 9 << "" << false
                                                << QByteArray("0000" "0009" "0000002a" "0000" "00");
        QTest::newRow("Fetch v11 (header v1)") << int(key(api_key::fetch)) << 11 << "c" << false
                                               << QByteArray("0001" "000b" "0000002a" "000163");
        QTest::newRow("Fetch v12 (header v2)") << int(key(api_key::fetch)) << 12 << "c" << false
                                               << QByteArray("0001" "000c" "0000002a" "000163" "00");
        QTest::newRow("ListOffsets v6 (header v2)") << int(key(api_key::list_offsets)) << 6 << "c" << false
                                                    << QByteArray("0002" "0006" "0000002a" "000163" "00");
    }
    void request_header_layout() {
        QFETCH(int, api);
        QFETCH(int, version);
        QFETCH(QString, client_id);
        QFETCH(bool, null_client);
        QFETCH(QByteArray, expected);
        request_header h;
        h.api_key = static_cast<int16_t>(api);
        h.api_version = static_cast<int16_t>(version);
        h.correlation_id = 42;
        if (!null_client) h.client_id = client_id.toStdString();
        bytes out;
        wire_writer w(out);
        write_request_header(w, h);
        QCOMPARE(hex(out), expected);

        // Read back, with a body byte after it that must not be consumed.
        out.push_back(0x77);
        wire_reader r(out);
        request_header got;
        QVERIFY(read_request_header(r, got));
        QCOMPARE(got.api_key, h.api_key);
        QCOMPARE(got.api_version, h.api_version);
        QCOMPARE(got.correlation_id, 42);
        QCOMPARE(got.client_id, h.client_id);
        QCOMPARE(r.position(), out.size() - 1);

        // Every strict prefix fails.
        out.pop_back();
        for (std::size_t n = 0; n < out.size(); ++n) {
            wire_reader pr(std::span<const uint8_t>(out).first(n));
            request_header ignored;
            QVERIFY2(!read_request_header(pr, ignored), qPrintable(QStringLiteral("prefix of %1 accepted").arg(n)));
        }
    }

    void request_header_v2_skips_tags() {
        // ApiVersions v3 with two tagged fields in the header (e.g. a future client): skipped, body follows.
        const bytes data = from_hex("0012" "0003" "00000007" "0003616263" "02" "00" "02" "abcd" "05" "00" "ee");
        wire_reader r(data);
        request_header h;
        QVERIFY(read_request_header(r, h));
        QCOMPARE(h.correlation_id, 7);
        QCOMPARE(h.client_id.value_or(""), std::string("abc"));
        QCOMPARE(r.read_int8(), int8_t(0xee - 256));
        QVERIFY(!r.failed());
    }

    void request_header_v2_truncated_tags_fail() {
        for (const char* h : {"0012000300000007" "0003616263",            // no tag section at all
                              "0012000300000007" "0003616263" "01",       // one tag promised, none there
                              "0012000300000007" "0003616263" "0100",     // tag without size
                              "0012000300000007" "0003616263" "010005ab"}) {  // size past the end
            const bytes data = from_hex(h);
            wire_reader r(data);
            request_header ignored;
            QVERIFY2(!read_request_header(r, ignored), h);
        }
    }

    void unknown_api_header_keeps_fixed_part() {
        // An API the broker does not know: no tag section is assumed, the fixed part is still read.
        const bytes data = from_hex("7000" "0005" "00000009" "0001" "78" "aa");
        wire_reader r(data);
        request_header h;
        QVERIFY(read_request_header(r, h));
        QCOMPARE(h.api_key, int16_t{0x7000});
        QCOMPARE(h.api_version, int16_t{5});
        QCOMPARE(h.correlation_id, 9);
        QCOMPARE(r.position(), data.size() - 1);
    }

    void response_header_layout_data() {
        QTest::addColumn<int>("api");
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("flexible");
        QTest::addColumn<QByteArray>("expected");
        // ApiVersions: always v0, even for the flexible v3 body, so that any client can read the error code.
        QTest::newRow("ApiVersions v0") << int(key(api_key::api_versions)) << 0 << false << QByteArray("0000002a");
        QTest::newRow("ApiVersions v3 (header v0)") << int(key(api_key::api_versions)) << 3 << false << QByteArray("0000002a");
        QTest::newRow("ApiVersions v99 (header v0)") << int(key(api_key::api_versions)) << 99 << false << QByteArray("0000002a");
        QTest::newRow("Metadata v8 (header v0)") << int(key(api_key::metadata)) << 8 << false << QByteArray("0000002a");
        QTest::newRow("Metadata v9 (header v1)") << int(key(api_key::metadata)) << 9 << true << QByteArray("0000002a" "00");
        QTest::newRow("Produce v8 (header v0)") << int(key(api_key::produce)) << 8 << false << QByteArray("0000002a");
        QTest::newRow("Produce v9 (header v1)") << int(key(api_key::produce)) << 9 << true << QByteArray("0000002a" "00");
        QTest::newRow("Fetch v11 (header v0)") << int(key(api_key::fetch)) << 11 << false << QByteArray("0000002a");
        QTest::newRow("Fetch v12 (header v1)") << int(key(api_key::fetch)) << 12 << true << QByteArray("0000002a" "00");
        QTest::newRow("ListOffsets v5 (header v0)") << int(key(api_key::list_offsets)) << 5 << false << QByteArray("0000002a");
        QTest::newRow("ListOffsets v6 (header v1)") << int(key(api_key::list_offsets)) << 6 << true << QByteArray("0000002a" "00");
        QTest::newRow("OffsetFetch v6 (header v1)") << int(key(api_key::offset_fetch)) << 6 << true << QByteArray("0000002a" "00");
        QTest::newRow("SaslHandshake v1 (header v0)") << int(key(api_key::sasl_handshake)) << 1 << false << QByteArray("0000002a");
        // KRaft APIs: flexible from v0, except BeginQuorumEpoch/EndQuorumEpoch whose v0 is classic (Kafka 3.7).
        QTest::newRow("Vote v0 (header v1)") << int(key(api_key::vote)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("BeginQuorumEpoch v0 (header v0)") << int(key(api_key::begin_quorum_epoch)) << 0 << false << QByteArray("0000002a");
        QTest::newRow("EndQuorumEpoch v0 (header v0)") << int(key(api_key::end_quorum_epoch)) << 0 << false << QByteArray("0000002a");
        QTest::newRow("BeginQuorumEpoch v1 (header v1)") << int(key(api_key::begin_quorum_epoch)) << 1 << true << QByteArray("0000002a" "00");
        QTest::newRow("DescribeQuorum v0 (header v1)") << int(key(api_key::describe_quorum)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("FetchSnapshot v0 (header v1)") << int(key(api_key::fetch_snapshot)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("BrokerHeartbeat v0 (header v1)") << int(key(api_key::broker_heartbeat)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("UnregisterBroker v0 (header v1)") << int(key(api_key::unregister_broker)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("AlterPartitionReassignments v0 (header v1)") << int(key(api_key::alter_partition_reassignments)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("ListPartitionReassignments v0 (header v1)") << int(key(api_key::list_partition_reassignments)) << 0 << true << QByteArray("0000002a" "00");
        QTest::newRow("OffsetForLeaderEpoch v3 (header v0)") << int(key(api_key::offset_for_leader_epoch)) << 3 << false << QByteArray("0000002a");
        QTest::newRow("OffsetForLeaderEpoch v4 (header v1)") << int(key(api_key::offset_for_leader_epoch)) << 4 << true << QByteArray("0000002a" "00");
        QTest::newRow("ElectLeaders v1 (header v0)") << int(key(api_key::elect_leaders)) << 1 << false << QByteArray("0000002a");
        QTest::newRow("ElectLeaders v2 (header v1)") << int(key(api_key::elect_leaders)) << 2 << true << QByteArray("0000002a" "00");
    }
    void response_header_layout() {
        QFETCH(int, api);
        QFETCH(int, version);
        QFETCH(bool, flexible);
        QFETCH(QByteArray, expected);
        QCOMPARE(response_header_is_flexible(static_cast<int16_t>(api), static_cast<int16_t>(version)), flexible);
        bytes out;
        wire_writer w(out);
        write_response_header(w, static_cast<int16_t>(api), static_cast<int16_t>(version), 42);
        QCOMPARE(hex(out), expected);
        out.push_back(0x55);
        wire_reader r(out);
        QCOMPARE(read_response_header(r, static_cast<int16_t>(api), static_cast<int16_t>(version)), 42);
        QVERIFY(!r.failed());
        QCOMPARE(r.position(), out.size() - 1);
        out.pop_back();
        for (std::size_t n = 0; n < out.size(); ++n) {
            wire_reader pr(std::span<const uint8_t>(out).first(n));
            (void)read_response_header(pr, static_cast<int16_t>(api), static_cast<int16_t>(version));
            QVERIFY(pr.failed());
        }
    }

    void response_header_v1_skips_tags() {
        const bytes data = from_hex("0000002a" "01" "03" "02" "abcd" "99");
        wire_reader r(data);
        QCOMPARE(read_response_header(r, key(api_key::metadata), 9), 42);
        QVERIFY(!r.failed());
        QCOMPARE(r.position(), data.size() - 1);
        wire_reader bad(std::span<const uint8_t>(data).first(6));
        (void)read_response_header(bad, key(api_key::metadata), 9);
        QVERIFY(bad.failed());
    }
};

QTEST_GUILESS_MAIN(test_headers)
#include "test_headers.moc"
