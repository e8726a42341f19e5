// Partition reassignment on the controller (metadata/reassignment, KIP-455): one partition as text
// (partition_text.h), a target (or "cancel") in, the state after out; completion when the ISR catches up;
// and the records that carry it, readable in their old version-0 form.
#include <QtTest>

#include "engine/metadata/isr_change.h"
#include "engine/metadata/reassignment.h"
#include "engine/protocol/wire.h"
#include "tests/metadata/partition_text.h"

using namespace sluice;
using namespace sluice::metadata;
using namespace sluice::metadata::testing;

class test_reassignment : public QObject {
    Q_OBJECT
private slots:
    void plan_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("target");  // "cancel": a null target
        QTest::addColumn<QString>("after");   // or the error code
        QTest::newRow("move one replica") << "1,2|1,2|1" << "2,3" << "2,3,1|1,2|1|3|1";
        QTest::newRow("grow 1 to 3") << "1|1|1" << "1,2,3" << "1,2,3|1|1|2,3|";
        QTest::newRow("shrink, in isr: at once") << "1,2,3|1,2,3|1" << "2,3" << "2,3|2,3|2";
        QTest::newRow("reorder: at once") << "1,2|1,2|1" << "2,1" << "2,1|1,2|1";
        QTest::newRow("same replicas") << "1,2|1,2|1" << "1,2" << "1,2|1,2|1";
        QTest::newRow("shrink to a lagging one") << "1,2|1|1" << "2" << "2,1|1|1||1";
        // As Kafka's revert: the replicas without those being added, in their current order.
        QTest::newRow("cancel") << "2,3,1|1,2|1|3|1" << "cancel" << "2,1|1,2|1";
        QTest::newRow("cancel an added isr member") << "2,3,1|1,2,3|1|3|1" << "cancel" << "2,1|1,2|1";
        QTest::newRow("cancel none") << "1,2|1,2|1" << "cancel" << "85";
        QTest::newRow("replace one in progress") << "2,3,1|1,2|1|3|1" << "2,4" << "2,4,1|1,2|1|4|1";
    }
    void plan() {
        QFETCH(QString, before);
        QFETCH(QString, target);
        QFETCH(QString, after);
        auto image = image_of(before);
        std::optional<std::vector<int32_t>> wanted;
        if (target != "cancel") wanted = ids(target);
        auto change = plan_reassignment(*image.find_topic("t"), 0, wanted, live_of("1,2,3,4"));
        if (!change) {
            QCOMPARE(QString::number(static_cast<int>(change.err().code)), after);
            return;
        }
        std::vector<partition_change_record> records;
        if (*change) records.push_back(**change);
        QCOMPARE(state_after(image, records), after);
    }

    // The leader's AlterPartition that brings the last adding replica into the ISR completes the move.
    void isr_expansion_completes() {
        auto image = image_of("2,3,1|1,2|1|3|1");
        const auto& p = image.find_topic("t")->partitions.at(0);
        isr_change_request expand{1, p.leader_epoch, p.partition_epoch, {1, 2, 3}};
        auto records = check_isr_change(image, *image.find_topic("t"), 0, expand);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), std::size_t{1});
        auto change = std::get<partition_change_record>(records->front());
        QCOMPARE(state_after(image, {change}), QString("2,3|2,3|2"));

        // Only part of what is being added: still in progress.
        auto growing = image_of("1,2,3|1|1|2,3|");
        const auto& g = growing.find_topic("t")->partitions.at(0);
        auto partly = check_isr_change(growing, *growing.find_topic("t"), 0, {1, g.leader_epoch, g.partition_epoch, {1, 2}});
        QVERIFY(partly.ok());
        QCOMPARE(state_after(growing, {std::get<partition_change_record>(partly->front())}), QString("1,2,3|1,2|1|2,3|"));
    }

    // Version 1 records carry the reassignment; version 0 records (written before it existed) still decode.
    void records_keep_old_versions_readable() {
        partition_change_record change;
        change.topic_id = random_uuid();
        change.replicas = std::vector<int32_t>{2, 3, 1};
        change.adding_replicas = std::vector<int32_t>{3};
        change.removing_replicas = std::vector<int32_t>{1};
        auto decoded = decode_record(encode_record(change));
        QVERIFY(decoded.ok());
        QCOMPARE(std::get<partition_change_record>(decoded.value()).adding_replicas, change.adding_replicas);

        partition_record p{4, random_uuid(), {1, 2}, {1}, 1, 3, 5};
        auto v1 = encode_record(p);
        QCOMPARE(v1[3], uint8_t{1});  // the frame's record version
        // The same record as version 0 wrote it: no Adding/RemovingReplicas after PartitionEpoch.
        std::vector<uint8_t> v0(v1.begin(), v1.end() - 8);
        v0[3] = 0;
        auto old = decode_record(v0);
        QVERIFY2(old.ok(), old.ok() ? "" : old.err().message.c_str());
        const auto& back = std::get<partition_record>(old.value());
        QCOMPARE(back.replicas, p.replicas);
        QCOMPARE(back.partition_epoch, 5);
        QVERIFY(back.adding_replicas.empty());
        v0[3] = 9;
        QVERIFY(!decode_record(v0).ok());
    }
};

QTEST_GUILESS_MAIN(test_reassignment)
#include "test_reassignment.moc"
