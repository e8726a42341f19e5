// A real broker node on a free port, spoken to over raw TCP with hand-built frames: version negotiation,
// ordering, acks=0, long-poll fetches, fetch size limits (KIP-74), ListOffsets, produce validation, topic
// errors, auto-creation and malformed requests. Every wait is bounded (socket waits with a deadline).
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "engine/broker/handlers/handler_registry.h"
#include "engine/broker/node.h"
#include "engine/client/connection.h"
#include "engine/protocol/header.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/record_batch.h"
#include "tests/broker/raw_client.h"

using namespace sluice;
using namespace sluice::protocol;
using namespace sluice::testing;

namespace {

std::vector<uint8_t> text(std::string_view s) { return {s.begin(), s.end()}; }

bytes make_batch(int count, int64_t first_timestamp, compression_codec codec = compression_codec::none,
                 std::size_t value_size = 10) {
    std::vector<record> rs;
    for (int i = 0; i < count; ++i) {
        record r;
        r.offset = i;
        r.timestamp = first_timestamp + i * 1000;
        r.key = text("k" + std::to_string(i));
        r.value = std::vector<uint8_t>(value_size, static_cast<uint8_t>('a' + i % 26));
        rs.push_back(std::move(r));
    }
    batch_build_options o;
    o.codec = codec;
    auto built = build_batch(o, rs);
    return built ? std::move(built.value()) : bytes{};
}

produce_request produce_of(const std::string& topic, int32_t partition, bytes records, int16_t acks = -1) {
    produce_request r;
    r.acks = acks;
    r.timeout_ms = 5000;
    r.topics = {{topic, {{partition, std::move(records)}}}};
    return r;
}

fetch_request fetch_of(const std::string& topic, std::vector<int32_t> partitions, int64_t offset, int32_t max_wait_ms,
                       int32_t min_bytes, int32_t partition_max_bytes = 1 << 20, int32_t max_bytes = 50 << 20) {
    fetch_request r;
    r.max_wait_ms = max_wait_ms;
    r.min_bytes = min_bytes;
    r.max_bytes = max_bytes;
    fetch_request::topic t;
    t.name = topic;
    for (int32_t p : partitions) {
        fetch_request::partition fp;
        fp.partition_index = p;
        fp.fetch_offset = offset;
        fp.partition_max_bytes = partition_max_bytes;
        t.partitions.push_back(fp);
    }
    r.topics = {t};
    return r;
}

list_offsets_request list_offsets_of(const std::string& topic, int32_t partition, int64_t timestamp) {
    list_offsets_request r;
    list_offsets_request::partition p;
    p.partition_index = partition;
    p.timestamp = timestamp;
    r.topics = {{topic, {p}}};
    return r;
}

metadata_request metadata_of(std::vector<std::string> names) {
    metadata_request r;
    r.topics.emplace();
    for (auto& n : names) r.topics->push_back({uuid{}, std::move(n)});
    return r;
}

std::set<std::tuple<int16_t, int16_t, int16_t>> advertised() {
    std::set<std::tuple<int16_t, int16_t, int16_t>> out;
    for (const auto& e : broker::handler_table())
        out.insert({static_cast<int16_t>(e.key), e.min_version, e.max_version});
    return out;
}
std::set<std::tuple<int16_t, int16_t, int16_t>> listed(const api_versions_response& r) {
    std::set<std::tuple<int16_t, int16_t, int16_t>> out;
    for (const auto& k : r.api_keys) out.insert({k.api_key, k.min_version, k.max_version});
    return out;
}

// `count` records with distinct keys key-<first_key>.. and `value_size`-byte values.
bytes keyed_batch(int first_key, int count, std::size_t value_size) {
    std::vector<record> rs;
    for (int i = 0; i < count; ++i) {
        record r;
        r.offset = i;
        r.timestamp = 1000 + i;
        r.key = text("key-" + std::to_string(first_key + i));
        r.value = std::vector<uint8_t>(value_size, static_cast<uint8_t>('a' + i % 26));
        rs.push_back(std::move(r));
    }
    auto built = build_batch({}, rs);
    return built ? std::move(built.value()) : bytes{};
}

int64_t checkpoint_of(const std::filesystem::path& partition_dir) {
    std::ifstream in(partition_dir / "cleaner-offset-checkpoint");
    std::string line;
    int64_t last = -1;
    while (std::getline(in, line))
        if (!line.empty()) last = std::atoll(line.substr(line.find_last_of(' ') + 1).c_str());
    return last;
}

bool has_cleaned_files(const std::filesystem::path& partition_dir) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(partition_dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().ends_with(".cleaned")) return true;
    return false;
}

}  // namespace

class test_broker_protocol : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    uint16_t port_ = 0;

    // Creates `topic` through Metadata auto-creation (num.partitions=3 on this node).
    void create_topic(raw_client& c, const std::string& topic) {
        auto m = c.call<metadata_api>(metadata_of({topic}), 1);
        QVERIFY(m);
        QCOMPARE(m->topics.size(), std::size_t{1});
        QCOMPARE(m->topics[0].error_code, int16_t{0});
    }

    int64_t latest_offset(raw_client& c, const std::string& topic, int32_t partition) {
        auto r = c.call<list_offsets_api>(list_offsets_of(topic, partition, latest_timestamp), 1);
        if (!r || r->topics.empty() || r->topics[0].partitions.empty()) return -100;
        return r->topics[0].partitions[0].offset;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_.path().toStdString();
        config.properties["num.partitions"] = "3";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        port_ = node_->port();
        QVERIFY(port_ != 0);
    }
    void cleanupTestCase() {
        if (node_) node_->stop();
    }

    void api_versions_every_version_data() {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= 3; ++v) QTest::addRow("v%d", v) << v;
    }
    void api_versions_every_version() {
        QFETCH(int, version);
        raw_client c(port_);
        QVERIFY(c.connected());
        api_versions_request req;
        req.client_software_name = "sluice-test";
        req.client_software_version = "1.0.0";
        auto r = c.call<api_versions_api>(req, static_cast<int16_t>(version));
        QVERIFY(r);
        QCOMPARE(r->error_code, int16_t{0});
        QVERIFY(listed(*r) == advertised());
        QCOMPARE(r->api_keys.size(), broker::handler_table().size());
    }

    void api_versions_v3_raw_bytes() {
        raw_client c(port_);
        QVERIFY(c.connected());
        // Header v2 (int16 client id + empty tag section), compact strings, empty tag section.
        const QByteArray raw = QByteArray::fromHex(
            "0000001a"
            "0012"
            "0003"
            "00000005"
            "0003616263"
            "00"
            "07736c75696365"
            "04312e30"
            "00");
        QVERIFY(c.send_raw(bytes(raw.begin(), raw.end())));
        auto f = c.read_frame();
        QVERIFY(f);
        const QByteArray got(reinterpret_cast<const char*>(f->data()), static_cast<qsizetype>(f->size()));
        // Response header v0: the correlation id and no tag section; then ErrorCode 0 and a compact array.
        const auto entries = static_cast<uint8_t>(broker::handler_table().size() + 1);
        QVERIFY(entries < 0x80);
        QCOMPARE(got.left(7).toHex(), QByteArray("00000005"
                                                 "0000") +
                                          QByteArray(1, char(entries)).toHex());
        // 7 bytes per entry (key, min, max, tag section), throttle time, tag section.
        QCOMPARE(f->size(), std::size_t{4 + 2 + 1} + std::size_t{7} * (entries - 1u) + 4 + 1);
        QCOMPARE(got.right(5).toHex(), QByteArray("0000000000"));
    }

    void api_versions_unsupported_version() {
        raw_client c(port_);
        QVERIFY(c.connected());
        // A v99 request from a future client: header v2 (flexible), a body we cannot know.
        bytes frame = raw_client::frame<api_versions_api>(api_versions_request{}, 99, 77);
        QVERIFY(c.send_raw(frame));
        auto f = c.read_frame();
        QVERIFY(f);
        wire_reader r(*f);
        QCOMPARE(r.read_int32(), 77);  // response header v0
        api_versions_response body;
        QVERIFY(decode_message(body, r, codec_context{0, false}));  // v0-shaped body, exactly
        QCOMPARE(r.remaining(), std::size_t{0});
        QCOMPARE(body.error_code, error_of(error_code::unsupported_version));
        QVERIFY(listed(body) == advertised());
        // The connection stays usable: the client retries with a version we speak.
        auto again = c.call<api_versions_api>(api_versions_request{}, 0);
        QVERIFY(again);
        QCOMPARE(again->error_code, int16_t{0});
    }

    void client_negotiates() {
        auto conn = client::connection::open("127.0.0.1:" + std::to_string(port_), std::chrono::seconds(10));
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto v = conn.value()->pick_version(api_key::fetch);
        QVERIFY(v.ok());
        QCOMPARE(v.value(), int16_t{11});
        auto m = conn.value()->send<metadata_api>(metadata_request{}, 9);
        QVERIFY(m.ok());
        QCOMPARE(m->controller_id, 1);
    }

    void produce_acks0_no_response() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "acks0");
        QVERIFY(c.send<produce_api>(produce_of("acks0", 0, make_batch(5, 1000), 0), 3, 500));
        QVERIFY(c.send<list_offsets_api>(list_offsets_of("acks0", 0, latest_timestamp), 1, 501));
        // The first response to arrive is the ListOffsets one, and it already sees the acks=0 data.
        auto r = c.receive<list_offsets_api>(1, 501);
        QVERIFY(r);
        QCOMPARE(r->topics[0].partitions[0].offset, int64_t{5});
        QVERIFY(!c.read_frame(200));  // nothing else is coming (bounded check, not synchronisation)
    }

    void pipelined_requests_answered_in_order() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "pipeline");
        bytes all;
        std::vector<std::pair<int, int16_t>> sent;  // kind, version
        for (int i = 0; i < 20; ++i) {
            bytes f;
            const int32_t id = 1000 + i;
            switch (i % 4) {
                case 0:
                    f = raw_client::frame<api_versions_api>({}, static_cast<int16_t>(i % 3), id);
                    break;
                case 1:
                    f = raw_client::frame<metadata_api>(metadata_of({"pipeline"}), static_cast<int16_t>(i % 10), id);
                    break;
                case 2:
                    f = raw_client::frame<produce_api>(produce_of("pipeline", 0, make_batch(2, 5000)), 3 + i % 6, id);
                    break;
                case 3:
                    f = raw_client::frame<fetch_api>(fetch_of("pipeline", {0}, 0, 0, 0),
                                                     static_cast<int16_t>(4 + i % 9), id);
                    break;
            }
            all.insert(all.end(), f.begin(), f.end());
        }
        QVERIFY(c.send_raw(all));  // one write
        for (int i = 0; i < 20; ++i) {
            const int32_t id = 1000 + i;
            bool ok = false;
            switch (i % 4) {
                case 0:
                    ok = c.receive<api_versions_api>(static_cast<int16_t>(i % 3), id).has_value();
                    break;
                case 1:
                    ok = c.receive<metadata_api>(static_cast<int16_t>(i % 10), id).has_value();
                    break;
                case 2: {
                    auto r = c.receive<produce_api>(static_cast<int16_t>(3 + i % 6), id);
                    ok = r && r->responses[0].partitions[0].error_code == 0 &&
                         r->responses[0].partitions[0].base_offset == 2 * (i / 4);
                    break;
                }
                case 3:
                    ok = c.receive<fetch_api>(static_cast<int16_t>(4 + i % 9), id).has_value();
                    break;
            }
            QVERIFY2(ok, qPrintable(QStringLiteral("response %1").arg(i)));
        }
    }

    void fetch_long_poll_wakes_on_produce() {
        raw_client a(port_), b(port_);
        QVERIFY(a.connected() && b.connected());
        create_topic(b, "longpoll");
        QElapsedTimer clock;
        clock.start();
        QVERIFY(a.send<fetch_api>(fetch_of("longpoll", {1}, 0, 2000, 1), 4, 9));
        // Bounded check that the fetch is really parked (no data yet), then produce from another connection.
        QVERIFY(!a.read_frame(300));
        auto p = b.call<produce_api>(produce_of("longpoll", 1, make_batch(3, 1000)), 3);
        QVERIFY(p);
        QCOMPARE(p->responses[0].partitions[0].error_code, int16_t{0});
        auto r = a.receive<fetch_api>(4, 9);
        const auto elapsed = clock.elapsed();
        QVERIFY(r);
        QVERIFY2(elapsed < 1500, qPrintable(QStringLiteral("fetch returned after %1 ms").arg(elapsed)));
        const auto& part = r->responses[0].partitions[0];
        QCOMPARE(part.error_code, int16_t{0});
        QCOMPARE(part.high_watermark, int64_t{3});
        QVERIFY(part.records && !part.records->empty());
        auto batches = split_batches(*part.records, false);
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), std::size_t{1});
        QCOMPARE(batches->front().header.record_count, 3);
    }

    void fetch_long_poll_times_out_empty() {
        raw_client a(port_);
        QVERIFY(a.connected());
        create_topic(a, "idle");
        QElapsedTimer clock;
        clock.start();
        auto r = a.call<fetch_api>(fetch_of("idle", {0}, 0, 1000, 1), 4);
        const auto elapsed = clock.elapsed();
        QVERIFY(r);
        QVERIFY2(elapsed >= 950, qPrintable(QStringLiteral("returned after %1 ms, max_wait 1000").arg(elapsed)));
        QVERIFY2(elapsed < 5000, qPrintable(QStringLiteral("returned after %1 ms").arg(elapsed)));
        const auto& part = r->responses[0].partitions[0];
        QCOMPARE(part.error_code, int16_t{0});
        QVERIFY(!part.records || part.records->empty());
    }

    void fetch_returns_whole_first_batch_over_partition_max_bytes() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "kip74");
        const bytes batch = make_batch(4, 1000, compression_codec::none, 300);
        QVERIFY(batch.size() > 1000);
        for (int i = 0; i < 2; ++i) {
            auto p = c.call<produce_api>(produce_of("kip74", 0, batch), 3);
            QVERIFY(p);
            QCOMPARE(p->responses[0].partitions[0].error_code, int16_t{0});
        }
        // partition_max_bytes 100 < one batch: the whole first batch still comes back (KIP-74), not the second.
        auto r = c.call<fetch_api>(fetch_of("kip74", {0}, 0, 0, 1, 100), 4);
        QVERIFY(r);
        const auto& part = r->responses[0].partitions[0];
        QCOMPARE(part.error_code, int16_t{0});
        QVERIFY(part.records);
        auto batches = split_batches(*part.records, true);
        QVERIFY(batches.ok());
        QCOMPARE(batches->size(), std::size_t{1});
        QCOMPARE(batches->front().bytes.size(), batch.size());
        QVERIFY(validate_batch_for_append(batches->front()).ok());
        // Same with the response max_bytes below one batch.
        auto r2 = c.call<fetch_api>(fetch_of("kip74", {0}, 0, 0, 1, 1 << 20, 10), 4);
        QVERIFY(r2);
        auto b2 = split_batches(*r2->responses[0].partitions[0].records, true);
        QVERIFY(b2.ok());
        QCOMPARE(b2->size(), std::size_t{1});
    }

    // Fetch v12 (flexible, what the metadata quorum's followers send) serves a normal partition exactly as v11.
    void fetch_v12_of_a_partition_is_v11() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "v12");
        for (int i = 0; i < 2; ++i) QVERIFY(c.call<produce_api>(produce_of("v12", 0, make_batch(3, 1000)), 3));
        auto old = c.call<fetch_api>(fetch_of("v12", {0}, 0, 0, 1), 11);
        auto flexible = c.call<fetch_api>(fetch_of("v12", {0}, 0, 0, 1), 12);
        QVERIFY(old && flexible);
        const auto& a = old->responses.at(0).partitions.at(0);
        const auto& b = flexible->responses.at(0).partitions.at(0);
        QCOMPARE(b.error_code, a.error_code);
        QCOMPARE(b.high_watermark, a.high_watermark);
        QCOMPARE(b.log_start_offset, a.log_start_offset);
        QVERIFY(a.records && b.records && !a.records->empty());
        QVERIFY(*a.records == *b.records);
        // None of KRaft's tagged fields is set for a data partition.
        QCOMPARE(b.diverging_epoch.epoch, -1);
        QCOMPARE(b.current_leader.leader_id, -1);
        QCOMPARE(b.snapshot.end_offset, int64_t{-1});
        // Past the end: OFFSET_OUT_OF_RANGE in both.
        auto far = c.call<fetch_api>(fetch_of("v12", {0}, 1000, 0, 1), 12);
        QVERIFY(far);
        QCOMPARE(far->responses.at(0).partitions.at(0).error_code,
                 static_cast<int16_t>(sluice::protocol::error_code::offset_out_of_range));
    }

    void fetch_response_max_bytes_across_partitions() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "budget");
        const bytes batch = make_batch(2, 1000, compression_codec::none, 400);
        for (int32_t p = 0; p < 3; ++p) {
            auto r = c.call<produce_api>(produce_of("budget", p, batch), 3);
            QVERIFY(r);
            QCOMPARE(r->responses[0].partitions[0].error_code, int16_t{0});
        }
        // Room for one and a half batches: partition 0's batch, and no complete batch beyond the limit.
        const auto limit = static_cast<int32_t>(batch.size() + batch.size() / 2);
        auto r = c.call<fetch_api>(fetch_of("budget", {0, 1, 2}, 0, 0, 1, 1 << 20, limit), 4);
        QVERIFY(r);
        QCOMPARE(r->responses[0].partitions.size(), std::size_t{3});
        std::size_t total = 0;
        for (const auto& part : r->responses[0].partitions) {
            QCOMPARE(part.error_code, int16_t{0});
            if (part.records) total += part.records->size();
        }
        QVERIFY(r->responses[0].partitions[0].records);
        QCOMPARE(r->responses[0].partitions[0].records->size(), batch.size());
        QVERIFY2(total <= static_cast<std::size_t>(limit),
                 qPrintable(QStringLiteral("%1 record bytes in a response limited to %2").arg(total).arg(limit)));
        // With room for everything, all three come back.
        auto all = c.call<fetch_api>(fetch_of("budget", {0, 1, 2}, 0, 0, 1), 4);
        QVERIFY(all);
        for (const auto& part : all->responses[0].partitions) {
            QVERIFY(part.records);
            QCOMPARE(part.records->size(), batch.size());
        }
    }

    // fetch.max.bytes caps a consumer's response whatever max_bytes it asks for (probing found a 2^31-1 request
    // returning a whole 67 MiB partition).
    void fetch_capped_at_fetch_max_bytes() {
        QTemporaryDir dir;
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir.path().toStdString();
        config.properties["fetch.max.bytes"] = "4096";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto small = std::move(started.value());
        raw_client c(small->port());
        QVERIFY(c.connected());
        create_topic(c, "capped");
        const bytes batch = make_batch(4, 1000, compression_codec::none, 400);
        QVERIFY(batch.size() > 1500 && batch.size() < 2048);
        for (int i = 0; i < 4; ++i) {
            auto p = c.call<produce_api>(produce_of("capped", 0, batch), 3);
            QVERIFY(p);
            QCOMPARE(p->responses[0].partitions[0].error_code, int16_t{0});
        }
        auto r = c.call<fetch_api>(fetch_of("capped", {0}, 0, 0, 1, INT32_MAX, INT32_MAX), 4);
        QVERIFY(r);
        const auto& part = r->responses[0].partitions[0];
        QCOMPARE(part.error_code, int16_t{0});
        QVERIFY(part.records);
        QVERIFY2(!part.records->empty() && part.records->size() <= 4096,
                 qPrintable(QStringLiteral("%1 bytes under fetch.max.bytes=4096").arg(part.records->size())));
        small->stop();
    }

    // A long-poll Fetch whose client closes ends at once and frees its connection (probing: 500 closed clients
    // parked with max_wait_ms 2^31-1 held 500 descriptors).
    void closed_long_poll_frees_its_connection() {
        raw_client admin(port_);
        QVERIFY(admin.connected());
        create_topic(admin, "parked");
        const std::size_t baseline = node_->client_connection_count();
        {
            std::vector<std::unique_ptr<raw_client>> parked;
            for (int i = 0; i < 4; ++i) {
                parked.push_back(std::make_unique<raw_client>(port_));
                QVERIFY(parked.back()->connected());
                QVERIFY(parked.back()->send<fetch_api>(fetch_of("parked", {0}, 0, INT32_MAX, 1), 4, 1));
            }
            for (auto& c : parked) QVERIFY(!c->read_frame(100));  // parked: no data, no answer
            QTRY_COMPARE_WITH_TIMEOUT(node_->client_connection_count(), baseline + 4, 5000);
        }  // the clients close
        QTRY_COMPARE_WITH_TIMEOUT(node_->client_connection_count(), baseline, 5000);
        // The node still serves, and a parked fetch of a live client still wakes on data.
        QVERIFY(admin.call<produce_api>(produce_of("parked", 0, make_batch(1, 1000)), 3));
    }

    void list_offsets_earliest_latest_timestamp() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "offsets");
        // Offsets 0-2 uncompressed (ts 1000, 2000, 3000), 3-7 in one gzip batch (ts 10000 .. 14000).
        auto p1 = c.call<produce_api>(produce_of("offsets", 0, make_batch(3, 1000)), 3);
        QVERIFY(p1 && p1->responses[0].partitions[0].error_code == 0);
        auto p2 = c.call<produce_api>(produce_of("offsets", 0, make_batch(5, 10000, compression_codec::gzip)), 3);
        QVERIFY(p2 && p2->responses[0].partitions[0].error_code == 0);
        QCOMPARE(p2->responses[0].partitions[0].base_offset, int64_t{3});

        struct expectation {
            int64_t timestamp, offset, found_timestamp;
        };
        for (const auto& e :
             {expectation{earliest_timestamp, 0, -1}, expectation{latest_timestamp, 8, -1}, expectation{0, 0, 1000},
              expectation{2000, 1, 2000}, expectation{2500, 2, 3000}, expectation{3001, 3, 10000},
              expectation{11500, 5, 12000}, expectation{14000, 7, 14000}, expectation{14001, -1, -1}}) {
            for (int16_t v : {int16_t{1}, int16_t{2}, int16_t{4}, int16_t{5}}) {
                auto r = c.call<list_offsets_api>(list_offsets_of("offsets", 0, e.timestamp), v);
                QVERIFY(r);
                const auto& part = r->topics[0].partitions[0];
                QCOMPARE(part.error_code, int16_t{0});
                QVERIFY2(part.offset == e.offset, qPrintable(QStringLiteral("v%1 ts %2: offset %3, expected %4")
                                                                 .arg(v)
                                                                 .arg(e.timestamp)
                                                                 .arg(part.offset)
                                                                 .arg(e.offset)));
                if (e.timestamp >= 0) QCOMPARE(part.timestamp, e.found_timestamp);
            }
        }
        // v0: old-style offsets list.
        auto r0 = c.call<list_offsets_api>(list_offsets_of("offsets", 0, latest_timestamp), 0);
        QVERIFY(r0);
        QCOMPARE(r0->topics[0].partitions[0].old_style_offsets, std::vector<int64_t>{8});
    }

    void produce_corrupt_crc_appends_nothing() {
        raw_client c(port_);
        QVERIFY(c.connected());
        create_topic(c, "crc");
        bytes good = make_batch(2, 1000);
        QVERIFY(good.size() > batch_header_size + 2);
        bytes bad = good;
        bad.at(batch_header_size + 1) ^= 0x01;  // a byte inside the CRC-covered records
        bytes both = good;
        both.insert(both.end(), bad.begin(), bad.end());
        for (const bytes& records : {bad, both}) {
            auto r = c.call<produce_api>(produce_of("crc", 0, records), 3);
            QVERIFY(r);
            QCOMPARE(r->responses[0].partitions[0].error_code, error_of(error_code::corrupt_message));
            QCOMPARE(latest_offset(c, "crc", 0), int64_t{0});
        }
        auto ok = c.call<produce_api>(produce_of("crc", 0, good), 3);
        QVERIFY(ok);
        QCOMPARE(ok->responses[0].partitions[0].error_code, int16_t{0});
        QCOMPARE(latest_offset(c, "crc", 0), int64_t{2});
    }

    void unknown_topic_or_partition() {
        raw_client c(port_);
        QVERIFY(c.connected());
        auto p = c.call<produce_api>(produce_of("no-such-topic", 0, make_batch(1, 1000)), 3);
        QVERIFY(p);
        QCOMPARE(p->responses[0].partitions[0].error_code, error_of(error_code::unknown_topic_or_partition));
        auto f = c.call<fetch_api>(fetch_of("no-such-topic", {0}, 0, 0, 1), 4);
        QVERIFY(f);
        QCOMPARE(f->responses[0].partitions[0].error_code, error_of(error_code::unknown_topic_or_partition));
        auto l = c.call<list_offsets_api>(list_offsets_of("no-such-topic", 0, latest_timestamp), 1);
        QVERIFY(l);
        QCOMPARE(l->topics[0].partitions[0].error_code, error_of(error_code::unknown_topic_or_partition));
        // Metadata v4+ with auto-creation off: reported, not created.
        metadata_request m = metadata_of({"no-such-topic"});
        m.allow_auto_topic_creation = false;
        auto md = c.call<metadata_api>(m, 4);
        QVERIFY(md);
        QCOMPARE(md->topics[0].error_code, error_of(error_code::unknown_topic_or_partition));
        // A partition past the end of an existing topic.
        create_topic(c, "three");
        auto p2 = c.call<produce_api>(produce_of("three", 3, make_batch(1, 1000)), 3);
        QVERIFY(p2);
        QCOMPARE(p2->responses[0].partitions[0].error_code, error_of(error_code::unknown_topic_or_partition));
    }

    void metadata_auto_create_uses_num_partitions() {
        raw_client c(port_);
        QVERIFY(c.connected());
        for (int16_t v : {int16_t{0}, int16_t{1}, int16_t{4}, int16_t{9}}) {
            const std::string name = "auto-v" + std::to_string(v);
            auto r = c.call<metadata_api>(metadata_of({name}), v);
            QVERIFY(r);
            QCOMPARE(r->topics.size(), std::size_t{1});
            QCOMPARE(r->topics[0].error_code, int16_t{0});
            QCOMPARE(r->topics[0].name.value_or(""), name);
            QCOMPARE(r->topics[0].partitions.size(), std::size_t{3});
            for (const auto& p : r->topics[0].partitions) {
                QCOMPARE(p.leader_id, 1);
                QCOMPARE(p.replica_nodes, std::vector<int32_t>{1});
            }
            QCOMPARE(r->brokers.size(), std::size_t{1});
            QCOMPARE(r->brokers[0].port, int32_t{port_});
        }
        // All topics: v0 empty list, v1 null list; v1 empty list means none.
        auto all0 = c.call<metadata_api>(metadata_of({}), 0);
        QVERIFY(all0 && all0->topics.size() >= 4);
        metadata_request null_topics;
        null_topics.topics.reset();
        auto all1 = c.call<metadata_api>(null_topics, 1);
        QVERIFY(all1 && all1->topics.size() == all0->topics.size());
        auto none1 = c.call<metadata_api>(metadata_of({}), 1);
        QVERIFY(none1);
        QCOMPARE(none1->topics.size(), std::size_t{0});
    }

    void metadata_invalid_topic_name() {
        raw_client c(port_);
        QVERIFY(c.connected());
        for (const std::string& name :
             {std::string("bad name!"), std::string(".."), std::string(250, 'x'), std::string()}) {
            auto r = c.call<metadata_api>(metadata_of({name}), 1);
            QVERIFY(r);
            QCOMPARE(r->topics.size(), std::size_t{1});
            QCOMPARE(r->topics[0].error_code, error_of(error_code::invalid_topic_exception));
        }
    }

    // The log cleaner runs on its own thread: while a big compaction pass is built, produce requests to the
    // same node keep being answered (bounded by seconds, not a latency benchmark), and the node stops cleanly.
    void produce_answered_while_compaction_runs() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir.path().toStdString();
        config.properties["num.partitions"] = "1";
        config.properties["log.cleanup.policy"] = "compact";
        config.properties["log.segment.bytes"] = "1048576";
        config.properties["log.cleaner.backoff.ms"] = "50";
        config.properties["log.cleaner.min.cleanable.ratio"] = "0.01";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto node = std::move(started.value());
        raw_client c(node->port());
        QVERIFY(c.connected());
        create_topic(c, "big");
        const auto partition_dir = std::filesystem::path(config.data_dir) / "big-0";

        // ~30 MiB over 20000 keys, each written twice: half of it is superseded.
        constexpr int keys = 20000, per_batch = 1000;
        for (int round = 0; round < 2; ++round)
            for (int first = 0; first < keys; first += per_batch) {
                auto p = c.call<produce_api>(produce_of("big", 0, keyed_batch(first, per_batch, 700)), 3);
                QVERIFY(p);
                QCOMPARE(p->responses[0].partitions[0].error_code, int16_t{0});
            }

        QElapsedTimer clock;
        clock.start();
        int probes = 0, probes_during_build = 0;
        qint64 slowest = 0;
        // Every batch rolled a segment (1 MiB): the pass is complete once the checkpoint reaches the last one.
        constexpr int64_t cleaned_end = 2 * keys - per_batch;
        while (checkpoint_of(partition_dir) < cleaned_end && clock.elapsed() < 60000) {
            const bool building = has_cleaned_files(partition_dir);
            QElapsedTimer rt;
            rt.start();
            auto p = c.call<produce_api>(produce_of("big", 0, keyed_batch(keys + probes, 1, 10)), 3);
            QVERIFY(p);
            QCOMPARE(p->responses[0].partitions[0].error_code, int16_t{0});
            slowest = std::max(slowest, rt.elapsed());
            QVERIFY2(rt.elapsed() < 5000, qPrintable(QStringLiteral("produce took %1 ms").arg(rt.elapsed())));
            ++probes;
            if (building && has_cleaned_files(partition_dir)) ++probes_during_build;
        }
        QVERIFY2(checkpoint_of(partition_dir) >= cleaned_end, "the cleaner did not finish within 60 s");
        // The superseded first round is gone: reading from 0 starts with the second round's records.
        auto f = c.call<fetch_api>(fetch_of("big", {0}, 0, 0, 1, 1 << 20), 4);
        QVERIFY(f);
        QCOMPARE(f->responses[0].partitions[0].error_code, int16_t{0});
        auto batches = split_batches(*f->responses[0].partitions[0].records, false);
        QVERIFY(batches.ok() && !batches->empty());
        QVERIFY(batches->front().header.base_offset >= keys);
        qInfo("%d produce round trips during the pass (%d while cleaned files were being written), slowest %lld ms",
              probes, probes_during_build, static_cast<long long>(slowest));

        // Stopping while the cleaner may be busy (more dirty data, backoff 50 ms) neither hangs nor crashes.
        for (int first = 0; first < keys; first += per_batch) {
            auto p = c.call<produce_api>(produce_of("big", 0, keyed_batch(first, per_batch, 700)), 3);
            QVERIFY(p);
        }
        QElapsedTimer stopping;
        stopping.start();
        node->stop();
        QVERIFY2(stopping.elapsed() < 10000, "node stop took too long");
    }

    void malformed_body_closes_connection_data() {
        QTest::addColumn<QByteArray>("frame");
        // Metadata v1 claiming 5 topics with no bytes after the count.
        QTest::newRow("lying array count") << QByteArray(
            "00000011"
            "0003"
            "0001"
            "00000001"
            "0003616263"
            "00000005");
        // Produce v3 with a body cut short.
        QTest::newRow("truncated produce") << QByteArray(
            "00000013"
            "0000"
            "0003"
            "00000001"
            "0003616263"
            "ffff"
            "ffff"
            "0000");
        // ApiVersions v3 body without its tag section.
        QTest::newRow("flexible body without tags") << QByteArray(
            "00000012"
            "0012"
            "0003"
            "00000001"
            "0003616263"
            "00"
            "02"
            "61"
            "02"
            "61");
        // Header itself cut (client id longer than the frame).
        QTest::newRow("truncated header") << QByteArray(
            "0000000a"
            "0003"
            "0001"
            "00000001"
            "0009");
        // Unknown API key.
        QTest::newRow("unknown api") << QByteArray(
            "0000000a"
            "7000"
            "0000"
            "00000001"
            "ffff");
        // Version outside the advertised range for a non-ApiVersions API.
        QTest::newRow("unsupported version") << QByteArray(
            "0000000e"
            "0003"
            "0063"
            "00000001"
            "ffff"
            "ffffffff");
        // Negative frame size.
        QTest::newRow("negative size") << QByteArray(
            "ffffffff"
            "00");
    }
    void malformed_body_closes_connection() {
        QFETCH(QByteArray, frame);
        {
            raw_client c(port_);
            QVERIFY(c.connected());
            const QByteArray raw = QByteArray::fromHex(frame);
            QVERIFY(c.send_raw(bytes(raw.begin(), raw.end())));
            QVERIFY(c.wait_closed());
        }
        // The broker is fine: a new connection works.
        raw_client next(port_);
        QVERIFY(next.connected());
        auto r = next.call<api_versions_api>({}, 2);
        QVERIFY(r);
        QCOMPARE(r->error_code, int16_t{0});
    }
};

QTEST_GUILESS_MAIN(test_broker_protocol)
#include "test_broker_protocol.moc"
