// Metadata snapshots: an image turned into records and snapshot bytes and loaded again is the same image
// (brokers with racks and fencing, broker and topic overrides, partitions with moved leaders and epochs, a
// deleted topic gone); a damaged or torn snapshot is refused with corrupt_message, never read as less state;
// the controller's load replaces its image and tells listeners which topics went; producer id blocks never
// overlap and survive a snapshot, as SCRAM users do.
#include <QtTest>

#include "engine/metadata/controller.h"
#include "engine/metadata/metadata_snapshot.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/record_batch.h"

using namespace sluice;
using namespace sluice::metadata;

namespace {

// A cluster after a history: registrations, a fence, overrides set and removed, topics created, leaders
// moved, ISR shrunk, a replica set reassigned, one topic deleted.
metadata_image rich_image() {
    metadata_image image;
    std::vector<metadata_record> log;
    log.push_back(register_broker_record{1, "10.0.0.1", 9092, "rack-a"});
    log.push_back(register_broker_record{2, "10.0.0.2", 9092, "rack-b"});
    log.push_back(register_broker_record{3, "10.0.0.3", 9093, std::nullopt});
    log.push_back(register_broker_record{2,
                                         "10.0.0.22",
                                         9094,
                                         "rack-b",  // re-registered elsewhere, 2 listeners
                                         {{"PLAINTEXT", "10.0.0.22", 9094, 0}, {"SASL_SSL", "b2.example", 9095, 3}}});
    log.push_back(fence_broker_record{3});
    log.push_back(config_record{protocol::resource_type_broker, "", "log.retention.ms", "1000"});
    log.push_back(config_record{protocol::resource_type_broker, "1", "log.cleaner.threads", "2"});
    log.push_back(config_record{protocol::resource_type_broker, "2", "log.cleaner.threads", "3"});
    log.push_back(config_record{protocol::resource_type_broker, "2", "log.cleaner.threads", std::nullopt});
    for (int t = 0; t < 4; ++t) {
        auto id = random_uuid();
        std::string name = "topic-" + std::to_string(t);
        log.push_back(topic_record{name, id});
        for (int32_t p = 0; p < 3; ++p) log.push_back(partition_record{p, id, {1, 2, 3}, {1, 2, 3}, 1 + p % 3, 0, 0});
        log.push_back(partition_change_record{1, id, 3, std::vector<int32_t>{3, 1}, std::nullopt});
        log.push_back(partition_change_record{2, id, partition_change_record::no_leader_change, std::nullopt,
                                              std::vector<int32_t>{3, 1, 2}});
        log.push_back(config_record{protocol::resource_type_topic, name, "cleanup.policy", "compact"});
        log.push_back(config_record{protocol::resource_type_topic, name, "retention.ms", "5"});
        log.push_back(config_record{protocol::resource_type_topic, name, "retention.ms", std::nullopt});
        if (t == 2)  // a reassignment of partition 0 from {1,2,3} to {2,3,4} in progress: 4 added, 1 leaving
            log.push_back(partition_change_record{0, id, partition_change_record::no_leader_change, std::nullopt,
                                                  std::vector<int32_t>{2, 3, 4, 1}, std::vector<int32_t>{4},
                                                  std::vector<int32_t>{1}});
        if (t == 3) log.push_back(remove_topic_record{id});
    }
    // Two producer id blocks went out; a stale record never moves the taken range back.
    log.push_back(producer_ids_record{1, 0, 1000});
    log.push_back(producer_ids_record{2, 0, 2000});
    log.push_back(producer_ids_record{3, 0, 1000});
    // SCRAM users: alice with both mechanisms, then her SHA-512 one replaced; bob added and removed again.
    log.push_back(user_scram_credential_record{"alice", 1, {1, 2}, {3, 4}, {5, 6}, 4096});
    log.push_back(user_scram_credential_record{"alice", 2, {7}, {8}, {9}, 4096});
    log.push_back(user_scram_credential_record{"alice", 2, {10}, {11}, {12}, 8192});
    log.push_back(user_scram_credential_record{"bob", 1, {13}, {14}, {15}, 4096});
    log.push_back(remove_user_scram_credential_record{"bob", 1});
    for (const auto& r : log) image.apply(r);
    return image;
}

metadata_image from_records(const std::vector<metadata_record>& records) {
    metadata_image image;
    for (const auto& r : records) image.apply(r);
    return image;
}

}  // namespace

class test_metadata_snapshot : public QObject {
    Q_OBJECT
private slots:
    void rich_image_is_rich() {
        // The test image really has what a snapshot must carry, so the round trips below prove something.
        auto image = rich_image();
        QCOMPARE(image.topics().size(), std::size_t{3});
        QVERIFY(!image.find_topic("topic-3"));
        QVERIFY(image.brokers().at(3).fenced);
        QCOMPARE(image.brokers().at(2).host, std::string("10.0.0.22"));
        QCOMPARE(image.brokers().at(1).rack, std::optional<std::string>("rack-a"));
        const auto& p1 = image.find_topic("topic-0")->partitions.at(1);
        QCOMPARE(p1.leader, 3);
        QCOMPARE(p1.leader_epoch, 1);
        QCOMPARE(p1.partition_epoch, 1);
        QCOMPARE(image.find_topic("topic-0")->partitions.at(2).replicas, (std::vector<int32_t>{3, 1, 2}));
        QCOMPARE(image.find_topic("topic-1")->configs.size(), std::size_t{1});
        const auto& moving = image.find_topic("topic-2")->partitions.at(0);
        QVERIFY(moving.reassigning());
        QCOMPARE(moving.adding_replicas, (std::vector<int32_t>{4}));
        QCOMPARE(moving.removing_replicas, (std::vector<int32_t>{1}));
        QCOMPARE(image.broker_configs().size(), std::size_t{2});  // "" and "1"; "2" lost its only override
        QCOMPARE(image.next_producer_id(), int64_t{2000});
        QCOMPARE(image.scram_users().size(), std::size_t{1});  // bob is gone with his only credential
        QCOMPARE(image.scram_users().at("alice").size(), std::size_t{2});
        QCOMPARE(image.find_scram_credential("alice", 2)->iterations, 8192);
        QVERIFY(!image.same_state(metadata_image{}));
    }

    // Version 1 registrations carry every client listener; version 0 ones (written before) still decode.
    void broker_endpoints_round_trip_and_old_registrations_read() {
        register_broker_record r{
            7, "h7", 9092, "r", {{"PLAINTEXT", "h7", 9092, 0}, {"EXTERNAL", "pub.example", 19092, 1}}};
        auto decoded = decode_record(encode_record(r));
        QVERIFY(decoded.ok());
        QVERIFY(std::get<register_broker_record>(decoded.value()).endpoints == r.endpoints);
        metadata_image image;
        image.apply(decoded.value());
        QCOMPARE(image.brokers().at(7).endpoints.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(image.brokers().at(7).endpoints[1].host), QString("pub.example"));

        auto v1 = encode_record(register_broker_record{8, "h8", 9093, std::nullopt});
        QCOMPARE(v1[3], uint8_t{1});                        // the frame's record version
        std::vector<uint8_t> v0(v1.begin(), v1.end() - 4);  // without the empty EndPoints array's length
        v0[3] = 0;
        auto old = decode_record(v0);
        QVERIFY2(old.ok(), old.ok() ? "" : old.err().message.c_str());
        const auto& back = std::get<register_broker_record>(old.value());
        QCOMPARE(back.port, 9093);
        QVERIFY(back.endpoints.empty());
    }

    void producer_id_blocks_follow_each_other() {
        // The controller's next block starts where the image says the last one ended; replaying its record
        // moves the image on, so no two blocks overlap.
        config_values values;
        controller c(1, values);
        auto first = c.allocate_producer_ids(1, 1000);
        QVERIFY(first.ok());
        c.apply(first.value());
        QCOMPARE(c.image().next_producer_id(), int64_t{1000});
        auto second = c.allocate_producer_ids(2, 1000);
        QVERIFY(second.ok());
        const auto& record = std::get<producer_ids_record>(second.value().front());
        QCOMPARE(record.broker_id, 2);
        QCOMPARE(record.next_producer_id, int64_t{2000});
        QVERIFY(!c.allocate_producer_ids(1, 0).ok());
    }

    void records_rebuild_the_image() {
        auto image = rich_image();
        auto rebuilt = from_records(image_records(image));
        QVERIFY(rebuilt.same_state(image));
        QVERIFY(rebuilt.find_topic(image.find_topic("topic-2")->id) != nullptr);
    }

    void snapshot_bytes_rebuild_the_image() {
        auto image = rich_image();
        auto data = encode_snapshot(image, 1234);
        auto records = decode_snapshot(data);
        QVERIFY2(records.ok(), records.ok() ? "" : records.err().message.c_str());
        QVERIFY(from_records(records.value()).same_state(image));
    }

    void many_records_span_batches() {
        metadata_image image;
        for (int t = 0; t < 300; ++t) {
            auto id = random_uuid();
            image.apply(topic_record{"t" + std::to_string(t), id});
            image.apply(partition_record{0, id, {1}, {1}, 1, 0, 0});
        }
        auto records = decode_snapshot(encode_snapshot(image, 0));
        QVERIFY(records.ok());
        QCOMPARE(records->size(), std::size_t{600});
        QVERIFY(from_records(records.value()).same_state(image));
    }

    void empty_image_round_trips() {
        auto records = decode_snapshot(encode_snapshot(metadata_image{}, 0));
        QVERIFY(records.ok());
        QVERIFY(records->empty());
    }

    void damaged_snapshot_is_refused_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("flipped byte") << "flip"
                                      << "CRC";
        QTest::newRow("torn tail") << "truncate"
                                   << "corrupt metadata snapshot";
        QTest::newRow("no footer") << "drop-footer"
                                   << "footer";
        QTest::newRow("empty file") << "empty"
                                    << "corrupt metadata snapshot";
    }
    void damaged_snapshot_is_refused() {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        auto data = encode_snapshot(rich_image(), 0);
        auto batches = protocol::split_batches(data, false);
        QVERIFY(batches.ok());
        auto footer_size = batches->back().bytes.size();
        if (damage == "flip") data[data.size() / 2] ^= 0x5a;
        if (damage == "truncate") data.resize(data.size() - 7);
        if (damage == "drop-footer") data.resize(data.size() - footer_size);
        if (damage == "empty") data.clear();
        auto records = decode_snapshot(data);
        QVERIFY(!records.ok());
        QCOMPARE(records.err().code, protocol::error_code::corrupt_message);
        QVERIFY2(QString::fromStdString(records.err().message).contains(message, Qt::CaseInsensitive),
                 records.err().message.c_str());
    }

    void controller_load_replaces_the_image() {
        config_values config;
        controller c(1, config);
        std::vector<metadata_record> seen;
        c.subscribe([&](const metadata_image&, std::span<const metadata_record> records) {
            seen.assign(records.begin(), records.end());
        });
        auto gone = random_uuid();
        std::vector<metadata_record> before{topic_record{"old", gone}, partition_record{0, gone, {1}, {1}, 1, 0, 0}};
        c.apply(before);
        auto image = rich_image();
        auto snapshot = image_records(image);
        c.load_snapshot(snapshot);
        QVERIFY(c.image().same_state(image));
        QVERIFY(!c.image().find_topic("old"));
        QVERIFY(!seen.empty());
        const auto* removed = std::get_if<remove_topic_record>(&seen.front());
        QVERIFY(removed && removed->topic_id == gone);
        QCOMPARE(seen.size(), snapshot.size() + 1);
    }
};

QTEST_GUILESS_MAIN(test_metadata_snapshot)
#include "test_metadata_snapshot.moc"
