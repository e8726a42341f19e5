// The admin APIs end to end: a sluice node on a free port, driven by client::admin_client as the GUI does.
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <thread>

#include "engine/broker/node.h"
#include "engine/client/admin_client.h"
#include "engine/client/connection.h"
#include "engine/client/group_client.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/common/error_code.h"

using namespace sluice;
using client::config_op;
using client::config_resource;
using client::resource_type;
using protocol::error_code;

namespace {
constexpr auto timeout = std::chrono::seconds(10);

int16_t code(error_code c) { return static_cast<int16_t>(c); }

std::vector<protocol::record> records(int n, std::size_t value_size = 20) {
    std::vector<protocol::record> out;
    for (int i = 0; i < n; ++i) {
        protocol::record r;
        r.timestamp = 1'700'000'000'000 + i;
        r.value = std::vector<uint8_t>(value_size, static_cast<uint8_t>('a' + i % 26));
        out.push_back(std::move(r));
    }
    return out;
}

std::size_t segment_files(const std::filesystem::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".log") ++n;
    return n;
}
}  // namespace

#define CHECK_OK(expr)                                                                  \
    [&] {                                                                               \
        auto r_ = (expr);                                                               \
        if (!r_) QTest::qFail(r_.err().message.c_str(), __FILE__, __LINE__);             \
        return r_;                                                                      \
    }()

class test_admin : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<broker::node> node_;
    std::string address_;

    void start_node() {
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_->path().toStdString();
        config.properties["log.retention.check.interval.ms"] = "100";
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        address_ = "127.0.0.1:" + std::to_string(node_->port());
    }
    std::filesystem::path data_dir() const { return dir_->path().toStdString(); }

    const client::topic_info* find_topic(const client::cluster_snapshot& snap, const std::string& name) {
        for (const auto& t : snap.topics)
            if (t.name == name) return &t;
        return nullptr;
    }

private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        start_node();
    }
    void cleanup() {
        node_.reset();
        dir_.reset();
    }

    void createTopicsAndReadBack() {
        client::admin_client admin(address_, timeout);
        auto created = CHECK_OK(admin.create_topics({{"orders", 3, 1, {}, {{"retention.ms", "3600000"}, {"cleanup.policy", "compact,delete"}}}}));
        QCOMPARE(created->size(), 1u);
        QVERIFY2(created->front().ok(), created->front().message.c_str());

        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        const auto* topic = find_topic(*snap, "orders");
        QVERIFY(topic);
        QCOMPARE(topic->partitions.size(), 3u);
        QCOMPARE(topic->partitions[0].replicas, std::vector<int32_t>{1});
        QCOMPARE(topic->partitions[0].isr, std::vector<int32_t>{1});
        QVERIFY(std::filesystem::is_directory(data_dir() / "orders-2"));

        auto configs = CHECK_OK(admin.describe_configs({{resource_type::topic, "orders"}}));
        QCOMPARE(configs->size(), 1u);
        const auto& topic_configs = configs->front();
        QCOMPARE(topic_configs.error, int16_t(0));
        const auto* retention = topic_configs.find("retention.ms");
        QVERIFY(retention);
        QCOMPARE(retention->value.value_or(""), std::string("3600000"));
        QCOMPARE(retention->source, int8_t(1));  // TOPIC_CONFIG
        QVERIFY(retention->synonyms.size() >= 2);
        QCOMPARE(retention->synonyms.back().name, std::string("log.retention.hours"));
        QCOMPARE(retention->synonyms.back().value.value_or(""), std::string("168"));
        const auto* segment = topic_configs.find("segment.bytes");
        QVERIFY(segment);
        QCOMPARE(segment->value.value_or(""), std::string("1073741824"));
        QVERIFY(segment->is_default);
        QCOMPARE(topic_configs.find("cleanup.policy")->value.value_or(""), std::string("compact,delete"));
    }

    void validateOnlyCreatesNothing() {
        client::admin_client admin(address_, timeout);
        auto created = CHECK_OK(admin.create_topics({{"dry", 2, 1, {}, {}}}, true));
        QVERIFY(created->front().ok());
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QVERIFY(!find_topic(*snap, "dry"));
        // A validate-only request still reports what would fail.
        auto bad = CHECK_OK(admin.create_topics({{"dry", 0, 1, {}, {}}}, true));
        QCOMPARE(bad->front().error, code(error_code::invalid_partitions));
    }

    void createErrors_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replication");
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("message");
        QTest::newRow("illegal name") << "a/b" << 1 << 1 << "" << int(error_code::invalid_topic_exception) << "illegal";
        QTest::newRow("dot") << "." << 1 << 1 << "" << int(error_code::invalid_topic_exception) << "";
        QTest::newRow("zero partitions") << "t" << 0 << 1 << "" << int(error_code::invalid_partitions) << "";
        QTest::newRow("replication 3") << "t" << 1 << 3 << "" << int(error_code::invalid_replication_factor)
                                       << "Replication factor: 3 larger than available brokers: 1.";
        QTest::newRow("replication 0") << "t" << 1 << 0 << "" << int(error_code::invalid_replication_factor) << "";
        QTest::newRow("bad value") << "t" << 1 << 1 << "retention.ms=soon" << int(error_code::invalid_config) << "retention.ms";
        QTest::newRow("below min") << "t" << 1 << 1 << "min.insync.replicas=0" << int(error_code::invalid_config)
                                   << "min.insync.replicas";
        QTest::newRow("bad choice") << "t" << 1 << 1 << "cleanup.policy=shred" << int(error_code::invalid_config)
                                    << "cleanup.policy";
        QTest::newRow("unknown key") << "t" << 1 << 1 << "retention.weeks=1" << int(error_code::invalid_config)
                                     << "retention.weeks";
    }
    void createErrors() {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(int, replication);
        QFETCH(QString, config);
        QFETCH(int, expected);
        QFETCH(QString, message);
        client::admin_client admin(address_, timeout);
        client::new_topic_spec spec{name.toStdString(), partitions, static_cast<int16_t>(replication), {}, {}};
        if (!config.isEmpty()) {
            auto kv = config.split('=');
            spec.configs[kv[0].toStdString()] = kv[1].toStdString();
        }
        auto created = CHECK_OK(admin.create_topics({spec}));
        QCOMPARE(int(created->front().error), expected);
        QVERIFY2(created->front().message.find(message.toStdString()) != std::string::npos, created->front().message.c_str());
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QVERIFY(!find_topic(*snap, name.toStdString()));
    }

    void duplicatesAndAssignments() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"dup", 1, 1, {}, {}}}))->front().ok());
        QCOMPARE(CHECK_OK(admin.create_topics({{"dup", 1, 1, {}, {}}}))->front().error, code(error_code::topic_already_exists));
        QCOMPARE(CHECK_OK(admin.create_topics({{"dup_x", 1, 1, {}, {}}, {"dup_x", 1, 1, {}, {}}}))->front().error,
                 code(error_code::invalid_request));
        // Explicit assignments: only registered brokers, consecutive partitions, no repeats.
        QVERIFY(CHECK_OK(admin.create_topics({{"assigned", -1, -1, {{0, {1}}, {1, {1}}}, {}}}))->front().ok());
        QCOMPARE(CHECK_OK(admin.create_topics({{"a2", -1, -1, {{0, {7}}}, {}}}))->front().error,
                 code(error_code::invalid_replica_assignment));
        QCOMPARE(CHECK_OK(admin.create_topics({{"a3", -1, -1, {{0, {1}}, {2, {1}}}, {}}}))->front().error,
                 code(error_code::invalid_replica_assignment));
        QCOMPARE(CHECK_OK(admin.create_topics({{"a4", -1, -1, {{0, {1, 1}}}, {}}}))->front().error,
                 code(error_code::invalid_replica_assignment));
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "assigned")->partitions.size(), 2u);
    }

    void createPartitionsAndDeleteTopics() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"grow", 1, 1, {}, {}}}))->front().ok());
        QVERIFY(CHECK_OK(admin.create_partitions({{"grow", 4}}, true))->front().ok());
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "grow")->partitions.size(), 1u);
        QVERIFY(CHECK_OK(admin.create_partitions({{"grow", 4}}))->front().ok());
        snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "grow")->partitions.size(), 4u);
        QCOMPARE(CHECK_OK(admin.create_partitions({{"grow", 2}}))->front().error, code(error_code::invalid_partitions));
        QCOMPARE(CHECK_OK(admin.create_partitions({{"nope", 2}}))->front().error, code(error_code::unknown_topic_or_partition));
        client::cluster_client producer(address_, timeout);
        QVERIFY(producer.produce("grow", 3, records(2)).ok());

        auto deleted = CHECK_OK(admin.delete_topics({"grow", "nope"}));
        QCOMPARE(deleted->size(), 2u);
        QVERIFY((*deleted)[0].ok());
        QCOMPARE((*deleted)[1].error, code(error_code::unknown_topic_or_partition));
        QVERIFY(!std::filesystem::exists(data_dir() / "grow-3"));
        snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QVERIFY(!find_topic(*snap, "grow"));
        QCOMPARE(CHECK_OK(admin.describe_configs({{resource_type::topic, "grow"}}))->front().error,
                 code(error_code::unknown_topic_or_partition));
        // Re-created under the same name, the topic starts empty.
        QVERIFY(CHECK_OK(admin.create_topics({{"grow", 4, 1, {}, {}}}))->front().ok());
        snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "grow")->partitions[3].end_offset, int64_t(0));
    }

    void incrementalAlterConfigs() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"cfg", 1, 1, {}, {{"retention.bytes", "1000000"}}}}))->front().ok());
        config_resource topic{resource_type::topic, "cfg"};
        auto altered = CHECK_OK(admin.incremental_alter_configs(
            {{topic, {{"retention.ms", config_op::set, "60000"}, {"retention.bytes", config_op::remove, std::nullopt},
                      {"cleanup.policy", config_op::append, "compact"}}}}));
        QVERIFY2(altered->front().ok(), altered->front().message.c_str());
        auto described = CHECK_OK(admin.describe_configs({topic}));
        const auto& c = described->front();
        QCOMPARE(c.find("retention.ms")->value.value_or(""), std::string("60000"));
        QCOMPARE(c.find("retention.bytes")->value.value_or(""), std::string("-1"));
        QCOMPARE(c.find("retention.bytes")->source, int8_t(5));
        QCOMPARE(c.find("cleanup.policy")->value.value_or(""), std::string("delete,compact"));
        auto sub = CHECK_OK(admin.incremental_alter_configs({{topic, {{"cleanup.policy", config_op::subtract, "delete"}}}}));
        QVERIFY(sub->front().ok());
        QCOMPARE(CHECK_OK(admin.describe_configs({topic}))->front().find("cleanup.policy")->value.value_or(""),
                 std::string("compact"));

        // Invalid changes name the key; validate_only changes nothing; APPEND needs a list.
        auto bad = CHECK_OK(admin.incremental_alter_configs({{topic, {{"segment.bytes", config_op::set, "10"}}}}));
        QCOMPARE(bad->front().error, code(error_code::invalid_config));
        QVERIFY(bad->front().message.find("segment.bytes") != std::string::npos);
        QCOMPARE(CHECK_OK(admin.incremental_alter_configs({{topic, {{"retention.ms", config_op::append, "1"}}}}))->front().error,
                 code(error_code::invalid_config));
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{topic, {{"retention.ms", config_op::set, "5"}}}}, true))->front().ok());
        QCOMPARE(CHECK_OK(admin.describe_configs({topic}))->front().find("retention.ms")->value.value_or(""),
                 std::string("60000"));

        // Legacy AlterConfigs replaces the whole set of overrides.
        QVERIFY(CHECK_OK(admin.alter_configs({{topic, {{"max.message.bytes", "2000"}}}}))->front().ok());
        auto after = CHECK_OK(admin.describe_configs({topic}));
        QCOMPARE(after->front().find("retention.ms")->source, int8_t(5));
        QCOMPARE(after->front().find("max.message.bytes")->value.value_or(""), std::string("2000"));
    }

    void brokerConfigs() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"b", 1, 1, {}, {}}}))->front().ok());
        config_resource broker{resource_type::broker, "1"};
        auto described = CHECK_OK(admin.describe_configs({broker}));
        const auto& c = described->front();
        QCOMPARE(c.error, int16_t(0));
        QVERIFY(c.find("log.dirs")->read_only);
        QCOMPARE(c.find("log.retention.check.interval.ms")->source, int8_t(4));  // set at start: STATIC_BROKER_CONFIG
        QVERIFY(!c.find("num.partitions")->read_only);

        // A cluster-wide dynamic default reaches every topic without an override.
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{{resource_type::broker, ""}, {{"log.retention.ms", config_op::set, "120000"}}}}))
                    ->front()
                    .ok());
        auto topic = CHECK_OK(admin.describe_configs({{resource_type::topic, "b"}}));
        const auto* retention = topic->front().find("retention.ms");
        QCOMPARE(retention->value.value_or(""), std::string("120000"));
        QCOMPARE(retention->source, int8_t(3));  // DYNAMIC_DEFAULT_BROKER_CONFIG
        // Per-broker beats the cluster default.
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{broker, {{"log.retention.minutes", config_op::set, "5"}}}}))->front().ok());
        QCOMPARE(CHECK_OK(admin.describe_configs({{resource_type::topic, "b"}}))->front().find("retention.ms")->value.value_or(""),
                 std::string("120000"));  // log.retention.ms still wins over minutes
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{{resource_type::broker, ""}, {{"log.retention.ms", config_op::remove, std::nullopt}}}}))
                    ->front()
                    .ok());
        QCOMPARE(CHECK_OK(admin.describe_configs({{resource_type::topic, "b"}}))->front().find("retention.ms")->value.value_or(""),
                 std::string("300000"));

        auto read_only = CHECK_OK(admin.incremental_alter_configs({{broker, {{"log.dirs", config_op::set, "/x"}}}}));
        QCOMPARE(read_only->front().error, code(error_code::invalid_config));
        auto other = CHECK_OK(admin.incremental_alter_configs({{{resource_type::broker, "7"}, {{"num.partitions", config_op::set, "2"}}}}));
        QCOMPARE(other->front().error, code(error_code::invalid_request));
    }

    void dynamicConfigReachesPartitionLog() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"roll", 1, 1, {}, {}}}))->front().ok());
        client::cluster_client producer(address_, timeout);
        for (int i = 0; i < 3; ++i) QVERIFY(producer.produce("roll", 0, records(5)).ok());
        QCOMPARE(segment_files(data_dir() / "roll-0"), 1u);
        // Small segments from now on: every batch rolls a new segment.
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{{resource_type::topic, "roll"}, {{"segment.bytes", config_op::set, "100"}}}}))
                    ->front()
                    .ok());
        for (int i = 0; i < 3; ++i) QVERIFY(producer.produce("roll", 0, records(5)).ok());
        QVERIFY(segment_files(data_dir() / "roll-0") >= 3u);
        // And a short retention deletes the closed segments (the retention check runs every 100 ms).
        QVERIFY(CHECK_OK(admin.incremental_alter_configs({{{resource_type::topic, "roll"}, {{"retention.ms", config_op::set, "1"}}}}))
                    ->front()
                    .ok());
        int64_t start = 0;
        for (int i = 0; i < 100 && start == 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            auto snap = client::read_cluster_snapshot(address_, timeout);
            if (snap) start = find_topic(*snap, "roll")->partitions[0].start_offset;
        }
        QVERIFY2(start > 0, "retention.ms set dynamically did not advance the log start");
    }

    void deleteRecords() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"dr", 2, 1, {}, {}}}))->front().ok());
        client::cluster_client producer(address_, timeout);
        for (int i = 0; i < 10; ++i) QVERIFY(producer.produce("dr", 0, records(1)).ok());
        auto deleted = CHECK_OK(admin.delete_records("dr", {{0, 4}}));
        QCOMPARE(deleted->size(), 1u);
        QCOMPARE(deleted->front().error, int16_t(0));
        QCOMPARE(deleted->front().low_watermark, int64_t(4));
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "dr")->partitions[0].start_offset, int64_t(4));
        QCOMPARE(CHECK_OK(admin.delete_records("dr", {{0, 11}}))->front().error, code(error_code::offset_out_of_range));
        QCOMPARE(CHECK_OK(admin.delete_records("dr", {{0, -1}}))->front().low_watermark, int64_t(10));
        QCOMPARE(CHECK_OK(admin.delete_records("dr", {{1, -1}}))->front().low_watermark, int64_t(0));
    }

    // DeleteRecords can move the log start into the middle of a batch; a lookup by timestamp must then
    // answer with the first record that still exists, never one below the log start.
    void timestampLookupAfterDeleteInsideBatch() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"dr-mid", 1, 1, {}, {}}}))->front().ok());
        client::cluster_client producer(address_, timeout);
        auto batch = records(10);  // one batch, timestamps 1'700'000'000'000 + i
        QVERIFY(producer.produce("dr-mid", 0, batch).ok());
        QCOMPARE(CHECK_OK(admin.delete_records("dr-mid", {{0, 5}}))->front().low_watermark, int64_t(5));
        auto conn = CHECK_OK(client::connection::open(address_, timeout));
        protocol::list_offsets_request request;
        request.topics.push_back({"dr-mid", {{0, -1, batch.front().timestamp, 1}}});
        auto response = CHECK_OK(conn.value()->send<protocol::list_offsets_api>(request, 1));
        const auto& answer = response->topics.at(0).partitions.at(0);
        QCOMPARE(answer.error_code, int16_t(0));
        QCOMPARE(answer.offset, int64_t(5));
        QCOMPARE(answer.timestamp, batch[5].timestamp);
    }

    void producePolicies() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"isr", 1, 1, {}, {{"min.insync.replicas", "2"}}},
                                              {"small", 1, 1, {}, {{"max.message.bytes", "200"}}}}))
                    ->front()
                    .ok());
        client::cluster_client producer(address_, timeout);
        auto all = producer.produce("isr", 0, records(1), -1);
        QVERIFY(!all);
        QCOMPARE(all.err().code, error_code::not_enough_replicas);
        QVERIFY(producer.produce("isr", 0, records(1), 1).ok());
        auto big = producer.produce("small", 0, records(10, 100), 1);
        QVERIFY(!big);
        QCOMPARE(big.err().code, error_code::message_too_large);
        QVERIFY(producer.produce("small", 0, records(1, 10), 1).ok());
    }

    void describeCluster() {
        client::admin_client admin(address_, timeout);
        auto cluster = CHECK_OK(admin.describe_cluster());
        QCOMPARE(cluster->cluster_id, node_->cluster_id());
        QCOMPARE(cluster->controller_id, 1);
        QCOMPARE(cluster->brokers.size(), 1u);
        QCOMPARE(cluster->brokers[0].port, int32_t(node_->port()));
    }

    void describeLogDirs() {
        client::admin_client admin(address_, timeout);
        QVERIFY(CHECK_OK(admin.create_topics({{"sized", 2, 1, {}, {}}, {"other", 1, 1, {}, {}}}))->front().ok());
        client::cluster_client producer(address_, timeout);
        QVERIFY(producer.produce("sized", 1, records(10, 100)).ok());
        auto all = CHECK_OK(admin.describe_log_dirs(1));
        QCOMPARE(all->size(), 3u);
        auto only = CHECK_OK(admin.describe_log_dirs(1, {"sized"}));
        QCOMPARE(only->size(), 2u);
        for (const auto& p : *only) {
            QCOMPARE(p.topic, std::string("sized"));
            QCOMPARE(std::filesystem::path(p.log_dir), std::filesystem::absolute(data_dir()));
            if (p.partition == 1) QVERIFY(p.size_bytes > 1000);
            else QCOMPARE(p.size_bytes, int64_t(0));
        }
    }

    // Deleting __consumer_offsets would silently lose every group's committed offsets: the broker refuses it
    // (and __cluster_metadata, the quorum's log), and refuses DeleteRecords below its start, as Kafka does.
    void internalTopicsAreNotDeleted() {
        client::cluster_client cluster(address_, timeout);
        client::group_client groups(cluster);
        (void)groups.describe_groups({"g1"});  // finding the group's coordinator creates __consumer_offsets
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        for (int i = 0; i < 100 && !find_topic(*snap, "__consumer_offsets"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        }
        QVERIFY(find_topic(*snap, "__consumer_offsets"));

        client::admin_client admin(address_, timeout);
        auto deleted = CHECK_OK(admin.delete_topics({"__consumer_offsets", "__cluster_metadata"}));
        QCOMPARE(deleted->size(), 2u);
        for (const auto& result : *deleted) {
            QCOMPARE(result.error, code(error_code::invalid_topic_exception));
            QVERIFY2(result.message.find("internal topic") != std::string::npos, result.message.c_str());
        }
        QCOMPARE(CHECK_OK(admin.delete_records("__consumer_offsets", {{0, -1}}))->front().error,
                 code(error_code::invalid_topic_exception));
        snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QVERIFY(find_topic(*snap, "__consumer_offsets"));
        QVERIFY(std::filesystem::is_directory(data_dir() / "__consumer_offsets-0"));
        QVERIFY(std::filesystem::is_directory(data_dir() / "__cluster_metadata-0"));
    }

    void metadataSurvivesRestart() {
        {
            client::admin_client admin(address_, timeout);
            QVERIFY(CHECK_OK(admin.create_topics({{"keep", 3, 1, {}, {{"retention.ms", "7777"}}}, {"gone", 1, 1, {}, {}}}))
                        ->front()
                        .ok());
            QVERIFY(CHECK_OK(admin.delete_topics({"gone"}))->front().ok());
            QVERIFY(CHECK_OK(admin.create_partitions({{"keep", 5}}))->front().ok());
            QVERIFY(CHECK_OK(admin.incremental_alter_configs({{{resource_type::broker, "1"}, {{"num.partitions", config_op::set, "2"}}}}))
                        ->front()
                        .ok());
            client::cluster_client producer(address_, timeout);
            QVERIFY(producer.produce("keep", 4, records(3)).ok());
        }
        node_.reset();
        start_node();
        QVERIFY(node_);
        QVERIFY(std::filesystem::is_directory(data_dir() / "__cluster_metadata-0"));
        client::admin_client admin(address_, timeout);
        auto snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QVERIFY(!find_topic(*snap, "gone"));
        const auto* keep = find_topic(*snap, "keep");
        QVERIFY(keep);
        QCOMPARE(keep->partitions.size(), 5u);
        QCOMPARE(keep->partitions[4].end_offset, int64_t(3));
        QCOMPARE(CHECK_OK(admin.describe_configs({{resource_type::topic, "keep"}}))->front().find("retention.ms")->value.value_or(""),
                 std::string("7777"));
        // The dynamic num.partitions survived too: an auto-created topic gets 2 partitions.
        client::cluster_client producer(address_, timeout);
        QVERIFY(producer.produce("auto", 0, records(1)).ok());
        snap = CHECK_OK(client::read_cluster_snapshot(address_, timeout));
        QCOMPARE(find_topic(*snap, "auto")->partitions.size(), 2u);
    }
};

QTEST_GUILESS_MAIN(test_admin)
#include "test_admin.moc"
