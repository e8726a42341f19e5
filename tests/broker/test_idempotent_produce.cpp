// The idempotent producer against a real node over the wire: InitProducerId at every version (fresh ids,
// epoch 0, Kafka's INVALID_REQUEST cases), then Produce with producer ids: a retried batch is answered with
// NONE and its first offset and appends nothing, a gap is OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch is
// INVALID_PRODUCER_EPOCH. After a clean restart the node still knows the producer (its snapshot), after a
// crash too (the log replayed after the last snapshot), and it never hands out an id again.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <memory>
#include <set>

#include "engine/broker/node.h"
#include "engine/client/connection.h"
#include "engine/protocol/messages/init_producer_id.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/producer_snapshot.h"

using namespace sluice;
using namespace sluice::protocol;

namespace {

constexpr auto timeout = std::chrono::seconds(10);
const std::string topic = "idempotent";

int16_t code(error_code e) { return static_cast<int16_t>(e); }

// `count` records of producer `pid` at `epoch` from sequence `seq`.
bytes idempotent_batch(int64_t pid, int16_t epoch, int32_t seq, int count) {
    std::vector<record> rs;
    for (int i = 0; i < count; ++i) {
        record r;
        r.offset = i;
        r.timestamp = 1000 + i;
        r.value = std::vector<uint8_t>{'v', static_cast<uint8_t>('0' + (seq + i) % 10)};
        rs.push_back(std::move(r));
    }
    batch_build_options o;
    o.producer_id = pid;
    o.producer_epoch = epoch;
    o.base_sequence = seq;
    auto built = build_batch(o, rs);
    return built ? std::move(built.value()) : bytes{};
}

struct produced {
    int16_t error = -1;
    int64_t base_offset = -2;
};

}  // namespace

class test_idempotent_produce : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    std::unique_ptr<client::connection> conn_;

    void start() {
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_.path().toStdString();
        config.properties["num.partitions"] = "1";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        auto opened = client::connection::open("127.0.0.1:" + std::to_string(node_->port()), timeout);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.err().message.c_str());
        conn_ = std::move(opened.value());
    }

    void stop(bool graceful = true) {
        conn_.reset();
        if (node_) {
            if (graceful) node_->stop();
            else node_->crash();
        }
        node_.reset();
    }

    std::optional<init_producer_id_response> init(int16_t version, init_producer_id_request request = {}) {
        auto r = conn_->send<init_producer_id_api>(request, version);
        if (!r) return std::nullopt;
        return r.value();
    }

    produced produce(bytes records) {
        produce_request r;
        r.acks = -1;
        r.timeout_ms = 5000;
        r.topics = {{topic, {{0, std::move(records)}}}};
        auto answer = conn_->send<produce_api>(r, 7);
        if (!answer || answer->responses.empty() || answer->responses[0].partitions.empty()) return {};
        const auto& p = answer->responses[0].partitions[0];
        return {p.error_code, p.base_offset};
    }

    int64_t log_end() {
        list_offsets_request r;
        list_offsets_request::partition p;
        p.partition_index = 0;
        p.timestamp = latest_timestamp;
        r.topics = {{topic, {p}}};
        auto answer = conn_->send<list_offsets_api>(r, 1);
        if (!answer || answer->topics.empty() || answer->topics[0].partitions.empty()) return -100;
        return answer->topics[0].partitions[0].offset;
    }

    std::set<int64_t> ids_;
    int64_t pid_ = -1;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        start();
        metadata_request m;
        m.topics.emplace();
        m.topics->push_back({uuid{}, topic});
        auto created = conn_->send<metadata_api>(m, 4);
        QVERIFY(created.ok());
        QTRY_COMPARE_WITH_TIMEOUT(log_end(), int64_t{0}, 10000);
    }
    void cleanupTestCase() { stop(); }

    void init_producer_id_every_version() {
        for (int16_t v = 0; v <= 4; ++v) {
            auto r = init(v);
            QVERIFY(r);
            QCOMPARE(r->error_code, int16_t{0});
            QCOMPARE(r->producer_epoch, int16_t{0});
            QVERIFY(r->producer_id >= 0);
            QVERIFY2(ids_.insert(r->producer_id).second, "a producer id was handed out twice");
        }
        // KIP-360 (v3+): naming the current id and epoch still gets a fresh id without a transactional id.
        init_producer_id_request again;
        again.producer_id = *ids_.begin();
        again.producer_epoch = 0;
        auto bumped = init(4, again);
        QVERIFY(bumped && bumped->error_code == 0);
        QVERIFY(ids_.insert(bumped->producer_id).second);
        pid_ = bumped->producer_id;
    }

    void init_producer_id_refusals() {
        init_producer_id_request half;
        half.producer_id = 5;  // an id without an epoch
        auto r = init(3, half);
        QVERIFY(r);
        QCOMPARE(r->error_code, code(error_code::invalid_request));
        init_producer_id_request transactional;
        transactional.transactional_id = "txn";
        r = init(4, transactional);
        QVERIFY(r);
        QCOMPARE(r->error_code, code(error_code::invalid_request));  // transactions: not yet
        QCOMPARE(r->producer_id, int64_t{-1});
    }

    void retries_are_answered_with_their_first_offset() {
        QVERIFY(pid_ >= 0);
        const int64_t start = log_end();
        auto first = produce(idempotent_batch(pid_, 0, 0, 3));
        QCOMPARE(first.error, int16_t{0});
        QCOMPARE(first.base_offset, start);
        auto second = produce(idempotent_batch(pid_, 0, 3, 2));
        QCOMPARE(second.error, int16_t{0});
        QCOMPARE(second.base_offset, start + 3);
        for (int64_t seq : {0, 3}) {
            auto retry = produce(idempotent_batch(pid_, 0, static_cast<int32_t>(seq), seq == 0 ? 3 : 2));
            QCOMPARE(retry.error, int16_t{0});
            QCOMPARE(retry.base_offset, start + seq);
        }
        QCOMPARE(log_end(), start + 5);
    }

    void gaps_and_old_epochs_are_refused() {
        const int64_t end = log_end();
        QCOMPARE(produce(idempotent_batch(pid_, 0, 9, 1)).error, code(error_code::out_of_order_sequence_number));
        QCOMPARE(produce(idempotent_batch(pid_, 1, 4, 1)).error, code(error_code::out_of_order_sequence_number));
        QCOMPARE(produce(idempotent_batch(pid_, 1, 0, 1)).error, int16_t{0});  // a new epoch from 0
        QCOMPARE(produce(idempotent_batch(pid_, 0, 5, 1)).error, code(error_code::invalid_producer_epoch));
        QCOMPARE(log_end(), end + 1);
    }

    void a_restart_keeps_the_producers_and_the_ids() {
        const int64_t end = log_end();
        stop();
        // The clean shutdown snapshotted the producer state at the log end.
        const auto partition_dir = std::filesystem::path(dir_.path().toStdString()) / (topic + "-0");
        QCOMPARE(storage::list_producer_snapshots(partition_dir), (std::vector<int64_t>{end}));
        start();
        QTRY_COMPARE_WITH_TIMEOUT(log_end(), end, 10000);
        auto retry = produce(idempotent_batch(pid_, 1, 0, 1));
        QCOMPARE(retry.error, int16_t{0});
        QCOMPARE(retry.base_offset, end - 1);
        QCOMPARE(produce(idempotent_batch(pid_, 1, 2, 1)).error, code(error_code::out_of_order_sequence_number));
        QCOMPARE(produce(idempotent_batch(pid_, 1, 1, 1)).base_offset, end);
        // Ids of the block taken before the restart are never handed out again.
        auto fresh = init(4);
        QVERIFY(fresh && fresh->error_code == 0);
        QVERIFY(fresh->producer_id > *ids_.rbegin());
    }

    void a_crash_rebuilds_the_producers_from_the_log() {
        const int64_t end = log_end();
        QCOMPARE(produce(idempotent_batch(pid_, 1, 2, 4)).base_offset, end);
        stop(false);  // no flush and no snapshot: the batches after the last snapshot are replayed
        const auto partition_dir = std::filesystem::path(dir_.path().toStdString()) / (topic + "-0");
        QVERIFY(storage::list_producer_snapshots(partition_dir).back() < end + 4);
        start();
        QTRY_COMPARE_WITH_TIMEOUT(log_end(), end + 4, 10000);
        auto retry = produce(idempotent_batch(pid_, 1, 2, 4));
        QCOMPARE(retry.error, int16_t{0});
        QCOMPARE(retry.base_offset, end);
        QCOMPARE(log_end(), end + 4);
        QCOMPARE(produce(idempotent_batch(pid_, 1, 6, 1)).base_offset, end + 4);
    }
};

QTEST_GUILESS_MAIN(test_idempotent_produce)
#include "test_idempotent_produce.moc"
