// engine/client's message reader and one-record producer against a real node on 127.0.0.1 (port 0), and Kafka's
// murmur2 partitioner against the Java client's own test vectors: records come back with their offsets, keys,
// headers, timestamps and batch codec (gzip, snappy, lz4, zstd); every start position; paging; bad input refused
// with Kafka's error codes.
#include <QTest>
#include <chrono>
#include <string>
#include <vector>

#include "engine/client/admin_client.h"
#include "engine/client/cluster_client.h"
#include "engine/client/message_reader.h"
#include "engine/client/partitioner.h"
#include "engine/client/record_producer.h"
#include "engine/client/record_timestamps.h"
#include "tests/client/single_node.h"

using namespace sluice;
using protocol::compression_codec;
using protocol::error_code;

namespace {

std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }
std::string text_of(const std::optional<std::vector<uint8_t>>& b) {
    return b ? std::string(b->begin(), b->end()) : "<null>";
}

protocol::record make_record(const std::string& key, const std::string& value, int64_t timestamp,
                             std::vector<protocol::record_header> headers = {}) {
    protocol::record r;
    r.key = bytes_of(key);
    r.value = bytes_of(value);
    r.timestamp = timestamp;
    r.headers = std::move(headers);
    return r;
}

}  // namespace

class test_message_reader : public QObject {
    Q_OBJECT

    testing::single_node node_;

    void create_topic(const std::string& name, int32_t partitions) {
        client::admin_client admin(node_.address(), std::chrono::seconds(5));
        auto created = admin.create_topics({{name, partitions, 1, {}, {}}});
        QVERIFY2(created.ok(), created.ok() ? "" : created.err().message.c_str());
        for (const auto& item : created.value()) QVERIFY2(item.ok(), item.message.c_str());
        // Bounded wait until every partition has a leader.
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto meta = client.topic_metadata(name);
            bool ready = meta.ok() && meta->partitions.size() == static_cast<std::size_t>(partitions);
            if (ready)
                for (const auto& p : meta->partitions) ready = ready && p.leader >= 0;
            if (ready) return;
            QTest::qWait(50);
        }
        QFAIL("the topic's partitions got no leaders");
    }

private slots:
    void initTestCase() {
        const auto failed = node_.start();
        QVERIFY2(failed.empty(), failed.c_str());
    }
    void cleanupTestCase() { node_.stop(); }

    // org.apache.kafka.common.utils.UtilsTest#testMurmur2: the values the Java client computes.
    void murmur2_matches_kafka_data() {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("expected");
        QTest::newRow("21") << QByteArray("21") << -973932308;
        QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
        QTest::newRow("long") << QByteArray("a-little-bit-long-string") << -985981536;
        QTest::newRow("longer") << QByteArray("a-little-bit-longer-string") << -1486304829;
        QTest::newRow("longest") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
        QTest::newRow("abc") << QByteArray("abc") << 479470107;
    }
    void murmur2_matches_kafka() {
        QFETCH(QByteArray, key);
        QFETCH(int, expected);
        std::vector<uint8_t> data(key.begin(), key.end());
        QCOMPARE(client::murmur2(data), expected);
    }

    void partition_for_key_is_positive_modulo() {
        // murmur2("21") is negative: the sign bit is cleared, not negated (Utils.toPositive).
        const auto key = bytes_of("21");
        const auto expected = static_cast<int32_t>((static_cast<uint32_t>(-973932308) & 0x7fffffffu) % 7u);
        QCOMPARE(client::partition_for_key(key, 7), expected);
        for (int32_t n = 1; n < 20; ++n) {
            const int32_t p = client::partition_for_key(bytes_of("key-" + std::to_string(n)), n);
            QVERIFY(p >= 0 && p < n);
        }
    }

    void reads_what_was_produced_with_headers_and_codecs() {
        create_topic("reads", 2);
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        const int64_t t0 = 1'700'000'000'000;
        // One batch per codec on partition 0, then one plain batch on partition 1.
        const compression_codec codecs[] = {compression_codec::none, compression_codec::gzip, compression_codec::snappy,
                                            compression_codec::lz4, compression_codec::zstd};
        int64_t expected_base = 0;
        for (std::size_t c = 0; c < std::size(codecs); ++c) {
            std::vector<protocol::record> batch;
            for (int i = 0; i < 3; ++i) {
                const int n = static_cast<int>(c) * 3 + i;
                batch.push_back(make_record("k" + std::to_string(n), std::string(200, static_cast<char>('a' + n)),
                                            t0 + n * 1000,
                                            {{"n", bytes_of(std::to_string(n))}, {"nullh", std::nullopt}}));
            }
            auto base = client.produce("reads", 0, batch, -1, codecs[c]);
            QVERIFY2(base.ok(), base.ok() ? "" : base.err().message.c_str());
            QCOMPARE(base.value(), expected_base);
            expected_base += 3;
        }
        std::vector<protocol::record> other{make_record("p1", "on partition one", t0)};
        QVERIFY(client.produce("reads", 1, other).ok());

        client::message_reader reader(client, "reads");
        auto positions = reader.seek({}, {client::start_from::earliest, 0});
        QVERIFY2(positions.ok(), positions.ok() ? "" : positions.err().message.c_str());
        QCOMPARE(positions->size(), std::size_t{2});
        QCOMPARE(positions.value()[0].next_offset, int64_t{0});
        QCOMPARE(positions.value()[0].high_watermark, int64_t{15});
        auto page = reader.fetch(positions.value());
        QVERIFY2(page.ok(), page.ok() ? "" : page.err().message.c_str());
        QCOMPARE(page->messages.size(), std::size_t{16});
        for (int n = 0; n < 15; ++n) {
            const auto& m = page->messages[static_cast<std::size_t>(n)];
            QCOMPARE(m.partition, 0);
            QCOMPARE(m.offset, int64_t{n});
            QCOMPARE(m.timestamp, t0 + n * 1000);
            QVERIFY(m.timestamp_kind == client::timestamp_type::create_time);
            QCOMPARE(text_of(m.key), "k" + std::to_string(n));
            QCOMPARE(text_of(m.value), std::string(200, static_cast<char>('a' + n)));
            QCOMPARE(m.headers.size(), std::size_t{2});
            QCOMPARE(m.headers[0].key, std::string("n"));
            QCOMPARE(text_of(m.headers[0].value), std::to_string(n));
            QVERIFY(!m.headers[1].value.has_value());
            QCOMPARE(static_cast<int>(m.codec), static_cast<int>(codecs[n / 3]));
            QCOMPARE(m.batch_records, 3);
            QVERIFY(m.batch_bytes > 61);
        }
        // Compression shrinks the repetitive values: a gzip batch is smaller than the plain one.
        QVERIFY(page->messages[3].batch_bytes < page->messages[0].batch_bytes);
        QCOMPARE(page->messages[15].partition, 1);
        QCOMPARE(text_of(page->messages[15].value), std::string("on partition one"));
        QCOMPARE(page->positions[0].next_offset, int64_t{15});
        QCOMPARE(page->positions[1].next_offset, int64_t{1});

        // Nothing new: an empty page that keeps the positions.
        auto again = reader.fetch(page->positions);
        QVERIFY(again.ok());
        QVERIFY(again->messages.empty());
        QCOMPARE(again->positions[0].next_offset, int64_t{15});
    }

    void every_start_position() {
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        client::message_reader reader(client, "reads");
        const int32_t zero[] = {0};
        const int64_t t0 = 1'700'000'000'000;
        auto start_of = [&](client::start_position start) -> int64_t {
            auto positions = reader.seek(zero, start);
            if (!positions.ok()) return -100;
            return positions.value()[0].next_offset;
        };
        QCOMPARE(start_of({client::start_from::earliest, 0}), int64_t{0});
        QCOMPARE(start_of({client::start_from::latest, 0}), int64_t{15});
        QCOMPARE(start_of({client::start_from::latest, 4}), int64_t{11});
        QCOMPARE(start_of({client::start_from::latest, 1000}), int64_t{0});
        QCOMPARE(start_of({client::start_from::offset, 7}), int64_t{7});
        QCOMPARE(start_of({client::start_from::offset, 99}), int64_t{15});  // clamped to the end
        QCOMPARE(start_of({client::start_from::timestamp, t0 + 5000}), int64_t{5});
        QCOMPARE(start_of({client::start_from::timestamp, t0 + 5500}), int64_t{6});
        QCOMPARE(start_of({client::start_from::timestamp, t0 + 99'000}), int64_t{15});  // none that late: the end

        // Reading from the middle of a compressed batch returns the records from that offset on.
        auto positions = reader.seek(zero, {client::start_from::offset, 4});
        QVERIFY(positions.ok());
        auto page = reader.fetch(positions.value());
        QVERIFY(page.ok());
        QVERIFY(!page->messages.empty());
        QCOMPARE(page->messages.front().offset, int64_t{4});
        QVERIFY(page->messages.front().codec == compression_codec::gzip);
    }

    void bad_input_gets_kafka_errors() {
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        client::message_reader reader(client, "reads");
        const int32_t missing[] = {5};
        auto no_partition = reader.seek(missing, {client::start_from::earliest, 0});
        QVERIFY(!no_partition.ok());
        QVERIFY(no_partition.err().code == error_code::unknown_topic_or_partition);
        auto negative = reader.seek({}, {client::start_from::offset, -3});
        QVERIFY(!negative.ok());
        QVERIFY(negative.err().code == error_code::invalid_request);
        client::message_reader nothing(client, "no-such-topic");
        auto unknown = nothing.partitions();
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.err().code == error_code::unknown_topic_or_partition);

        auto produced = client::produce_record(client, "reads", make_record("k", "v", -1), 9);
        QVERIFY(!produced.ok());
        QVERIFY(produced.err().code == error_code::unknown_topic_or_partition);
        QVERIFY(produced.err().message.find("no partition 9") != std::string::npos);
        auto no_topic = client::produce_record(client, "no-such-topic", make_record("k", "v", -1), std::nullopt);
        QVERIFY(!no_topic.ok());
    }

    void produce_record_by_key_uses_murmur2() {
        create_topic("keyed", 3);
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        for (const std::string key : {"21", "foobar", "abc", "a-little-bit-long-string"}) {
            auto produced = client::produce_record(client, "keyed", make_record(key, "v-" + key, -1), std::nullopt,
                                                   compression_codec::zstd);
            QVERIFY2(produced.ok(), produced.ok() ? "" : produced.err().message.c_str());
            QCOMPARE(produced->partition, client::partition_for_key(bytes_of(key), 3));
        }
        // The last key went to partition 2 (murmur2 -985981536 -> 2 of 3), as the Java client would put it.
        client::message_reader reader(client, "keyed");
        const int32_t two[] = {2};
        auto positions = reader.seek(two, {client::start_from::latest, 1});
        QVERIFY(positions.ok());
        auto page = reader.fetch(positions.value());
        QVERIFY(page.ok());
        QCOMPARE(page->messages.size(), std::size_t{1});
        QCOMPARE(text_of(page->messages[0].key), std::string("a-little-bit-long-string"));
        QVERIFY(page->messages[0].codec == compression_codec::zstd);
        // Stamped with the time of sending, not left at -1.
        QVERIFY(page->messages[0].timestamp > 1'600'000'000'000);
    }

    void pages_through_more_than_one_fetch() {
        create_topic("paged", 1);
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        const std::string value(64 * 1024, 'p');
        for (int batch = 0; batch < 6; ++batch) {
            std::vector<protocol::record> records;
            // 15 x 64 KiB: under Kafka's default message.max.bytes (1 MiB + 12); 16 would be MESSAGE_TOO_LARGE.
            for (int i = 0; i < 15; ++i) records.push_back(make_record("k", value, 1000));
            QVERIFY(client.produce("paged", 0, records).ok());
        }
        client::message_reader reader(client, "paged");
        auto positions = reader.seek({}, {client::start_from::earliest, 0});
        QVERIFY(positions.ok());
        client::fetch_limits limits;
        limits.partition_max_bytes = 512 << 10;  // below one batch: each fetch returns just its first batch (KIP-74)
        std::vector<client::partition_position> at = positions.value();
        int64_t next = 0;
        int pages = 0;
        for (; pages < 20 && at[0].next_offset < at[0].high_watermark; ++pages) {
            auto page = reader.fetch(at, limits);
            QVERIFY(page.ok());
            for (const auto& m : page->messages) QCOMPARE(m.offset, next++);
            at = page->positions;
        }
        QCOMPARE(next, int64_t{90});
        QVERIFY2(pages > 1, "one fetch returned everything: the limits were not applied");
    }
    // Lag in time reads the timestamp of the record at each group's committed offset: several partitions and
    // several offsets of one partition in one call; nothing there (an empty partition, past the end, an unknown
    // topic) is nullopt, not a made-up time.
    void record_timestamps_at_offsets() {
        create_topic("stamps", 2);
        client::cluster_client client(node_.address(), std::chrono::seconds(5));
        const int64_t t0 = 1'700'000'000'000;
        for (int n = 0; n < 3; ++n) {
            auto produced = client::produce_record(client, "stamps", make_record("k", "v", t0 + n * 1000), 0);
            QVERIFY2(produced.ok(), produced.ok() ? "" : produced.err().message.c_str());
        }
        auto topology = client.snapshot();
        QVERIFY2(topology.ok(), topology.ok() ? "" : topology.err().message.c_str());
        const std::vector<client::record_position> asked{{"stamps", 0, 1}, {"stamps", 0, 0}, {"stamps", 0, 2},
                                                         {"stamps", 1, 0}, {"stamps", 0, 3}, {"no-such-topic", 0, 0},
                                                         {"stamps", 0, 1}};
        const auto stamps = client::read_record_timestamps(client, topology.value(), asked);
        QCOMPARE(stamps.size(), asked.size());
        QCOMPARE(stamps[0], std::optional<int64_t>(t0 + 1000));
        QCOMPARE(stamps[1], std::optional<int64_t>(t0));
        QCOMPARE(stamps[2], std::optional<int64_t>(t0 + 2000));
        QVERIFY(!stamps[3]);  // partition 1 is empty
        QVERIFY(!stamps[4]);  // offset 3 is the end: no record there yet
        QVERIFY(!stamps[5]);
        QCOMPARE(stamps[6], stamps[0]);  // the same position twice
    }
};

QTEST_GUILESS_MAIN(test_message_reader)
#include "test_message_reader.moc"
