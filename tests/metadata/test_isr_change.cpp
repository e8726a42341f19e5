// The controller's AlterPartition checks (metadata/isr_change), table-driven over one partition with
// replicas 1,2,3,4,5, ISR 1,2,3, leader 1, leader epoch 4, partition epoch 7; broker 3 registered, 4 not,
// 5 registered but fenced.
#include <QtTest>

#include "engine/metadata/isr_change.h"

using namespace sluice;
using namespace sluice::metadata;

Q_DECLARE_METATYPE(std::vector<int32_t>)
Q_DECLARE_METATYPE(protocol::error_code)

namespace {
metadata_image make_image() {
    metadata_image image;
    for (int32_t id : {1, 2, 3, 5}) image.apply(register_broker_record{id, "127.0.0.1", 9091 + id, std::nullopt});
    image.apply(fence_broker_record{5});
    topic_record topic{"t", random_uuid()};
    image.apply(topic);
    partition_record p;
    p.partition_id = 0;
    p.topic_id = topic.topic_id;
    p.replicas = {1, 2, 3, 4, 5};
    p.isr = {1, 2, 3};
    p.leader = 1;
    p.leader_epoch = 4;
    p.partition_epoch = 7;
    image.apply(p);
    return image;
}
}  // namespace

class test_isr_change : public QObject {
    Q_OBJECT
private slots:
    void checks_data() {
        QTest::addColumn<int>("broker");
        QTest::addColumn<int>("leader_epoch");
        QTest::addColumn<int>("partition_epoch");
        QTest::addColumn<std::vector<int32_t>>("new_isr");
        QTest::addColumn<protocol::error_code>("expected");  // none: accepted
        QTest::addColumn<bool>("record");                    // a record to propose (false: no change)
        using E = protocol::error_code;
        QTest::newRow("shrink") << 1 << 4 << 7 << std::vector<int32_t>{1, 2} << E::none << true;
        QTest::newRow("same isr, other order") << 1 << 4 << 7 << std::vector<int32_t>{3, 1, 2} << E::none << false;
        QTest::newRow("not the leader") << 2 << 4 << 7 << std::vector<int32_t>{1, 2} << E::fenced_leader_epoch << false;
        QTest::newRow("old leader epoch") << 1 << 3 << 7 << std::vector<int32_t>{1, 2} << E::fenced_leader_epoch << false;
        QTest::newRow("future leader epoch") << 1 << 5 << 7 << std::vector<int32_t>{1, 2} << E::unknown_leader_epoch << false;
        QTest::newRow("stale partition epoch") << 1 << 4 << 6 << std::vector<int32_t>{1, 2} << E::invalid_update_version << false;
        QTest::newRow("leader left out") << 1 << 4 << 7 << std::vector<int32_t>{2, 3} << E::invalid_request << false;
        QTest::newRow("duplicate member") << 1 << 4 << 7 << std::vector<int32_t>{1, 2, 2} << E::invalid_request << false;
        QTest::newRow("not a replica") << 1 << 4 << 7 << std::vector<int32_t>{1, 9} << E::ineligible_replica << false;
        QTest::newRow("replica not registered") << 1 << 4 << 7 << std::vector<int32_t>{1, 4} << E::ineligible_replica << false;
        QTest::newRow("replica fenced") << 1 << 4 << 7 << std::vector<int32_t>{1, 2, 3, 5} << E::ineligible_replica << false;
    }
    void checks() {
        QFETCH(int, broker);
        QFETCH(int, leader_epoch);
        QFETCH(int, partition_epoch);
        QFETCH(std::vector<int32_t>, new_isr);
        QFETCH(protocol::error_code, expected);
        QFETCH(bool, record);
        auto image = make_image();
        const topic_state* topic = image.find_topic("t");
        QVERIFY(topic);
        auto checked = check_isr_change(image, *topic, 0, {broker, leader_epoch, partition_epoch, new_isr});
        if (expected != protocol::error_code::none) {
            QVERIFY(!checked.ok());
            QCOMPARE(checked.err().code, expected);
            QVERIFY(!checked.err().message.empty());
            return;
        }
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.err().message.c_str());
        QCOMPARE(checked.value().size(), std::size_t{record ? 1u : 0u});
        if (!record) return;
        // Committing the record gives the ISR asked for and bumps the partition epoch, leader unchanged.
        image.apply(checked.value().front());
        const auto& p = image.find_topic("t")->partitions.at(0);
        QCOMPARE(p.isr, new_isr);
        QCOMPARE(p.leader, 1);
        QCOMPARE(p.leader_epoch, 4);
        QCOMPARE(p.partition_epoch, 8);
    }

    void unknown_partition() {
        auto image = make_image();
        auto checked = check_isr_change(image, *image.find_topic("t"), 5, {1, 4, 7, {1}});
        QVERIFY(!checked.ok());
        QCOMPARE(checked.err().code, protocol::error_code::unknown_topic_or_partition);
    }
};

QTEST_GUILESS_MAIN(test_isr_change)
#include "test_isr_change.moc"
