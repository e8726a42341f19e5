// Controller leader election (metadata/partition_election): one partition at a time, described as
// "replicas|isr|leader", the live brokers and the unclean setting in, the state after the records out.
#include <QtTest>

#include "engine/metadata/partition_election.h"

using namespace sluice;
using namespace sluice::metadata;

namespace {

std::vector<int32_t> ids(const QString& text) {
    std::vector<int32_t> out;
    for (const auto& part : text.split(',', Qt::SkipEmptyParts)) out.push_back(part.toInt());
    return out;
}

QString text(const std::vector<int32_t>& v) {
    QStringList parts;
    for (int32_t id : v) parts << QString::number(id);
    return parts.join(',');
}

// One topic "t" with one partition in the state "replicas|isr|leader", brokers 1-4 registered.
metadata_image image_of(const QString& state) {
    metadata_image image;
    for (int32_t id : {1, 2, 3, 4}) image.apply(register_broker_record{id, "h", 9000 + id, std::nullopt});
    topic_record topic{"t", random_uuid()};
    image.apply(topic);
    auto parts = state.split('|');
    partition_record p;
    p.topic_id = topic.topic_id;
    p.replicas = ids(parts[0]);
    p.isr = ids(parts[1]);
    p.leader = parts[2].toInt();
    image.apply(p);
    return image;
}

QString state_after(metadata_image image, const std::vector<partition_change_record>& records) {
    for (const auto& r : records) image.apply(r);
    const auto& p = image.find_topic("t")->partitions.at(0);
    return text(p.replicas) + "|" + text(p.isr) + "|" + QString::number(p.leader);
}

broker_set live_of(const QString& s) {
    auto v = ids(s);
    return {v.begin(), v.end()};
}

}  // namespace

class test_partition_election : public QObject {
    Q_OBJECT
private slots:
    void remove_broker_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<int>("gone");
        QTest::addColumn<QString>("live");
        QTest::addColumn<bool>("unclean");
        QTest::addColumn<QString>("after");
        QTest::newRow("leader fails over in replica order") << "1,2,3|1,2,3|1" << 1 << "2,3" << false << "1,2,3|2,3|2";
        QTest::newRow("follower leaves the isr") << "1,2,3|1,2,3|1" << 3 << "1,2" << false << "1,2,3|1,2|1";
        QTest::newRow("not involved") << "1,2,3|1,2|1" << 3 << "1,2" << false << "1,2,3|1,2|1";
        QTest::newRow("skips a dead isr member") << "1,2,3|1,2,3|1" << 1 << "3" << false << "1,2,3|2,3|3";
        QTest::newRow("last isr member stays, leaderless") << "1,2,3|1|1" << 1 << "2,3" << false << "1,2,3|1|-1";
        QTest::newRow("unclean picks a live replica") << "1,2,3|1|1" << 1 << "2,3" << true << "1,2,3|2|2";
        QTest::newRow("unclean unused while the isr has a live member") << "1,2,3|1,3|1" << 1 << "2,3" << true << "1,2,3|3|3";
    }
    void remove_broker() {
        QFETCH(QString, before);
        QFETCH(int, gone);
        QFETCH(QString, live);
        QFETCH(bool, unclean);
        QFETCH(QString, after);
        auto image = image_of(before);
        auto records = metadata::remove_broker(image, gone, live_of(live), [unclean](const std::string&) { return unclean; });
        QCOMPARE(state_after(image, records), after);
    }

    void leader_epoch_moves_only_with_the_leader() {
        auto image = image_of("1,2,3|1,2,3|1");
        auto records = metadata::remove_broker(image, 3, live_of("1,2"), nullptr);
        for (const auto& r : records) image.apply(r);
        QCOMPARE(image.find_topic("t")->partitions.at(0).leader_epoch, 0);
        records = metadata::remove_broker(image, 1, live_of("2"), nullptr);
        for (const auto& r : records) image.apply(r);
        QCOMPARE(image.find_topic("t")->partitions.at(0).leader_epoch, 1);
    }

    void elect_leaderless_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("live");
        QTest::addColumn<bool>("unclean");
        QTest::addColumn<QString>("after");
        QTest::newRow("isr member back") << "1,2,3|1|-1" << "1,2" << false << "1,2,3|1|1";
        QTest::newRow("isr member still away") << "1,2,3|1|-1" << "2,3" << false << "1,2,3|1|-1";
        QTest::newRow("unclean") << "1,2,3|1|-1" << "3" << true << "1,2,3|3|3";
        QTest::newRow("dead leader replaced, isr trimmed") << "1,2,3|1,2,3|1" << "2,3" << false << "1,2,3|2,3|2";
        QTest::newRow("live leader untouched") << "1,2,3|1,2|2" << "1,2,3" << false << "1,2,3|1,2|2";
    }
    void elect_leaderless() {
        QFETCH(QString, before);
        QFETCH(QString, live);
        QFETCH(bool, unclean);
        QFETCH(QString, after);
        auto image = image_of(before);
        auto records = metadata::elect_leaderless(image, live_of(live), [unclean](const std::string&) { return unclean; });
        QCOMPARE(state_after(image, records), after);
    }

    void elect_preferred_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("live");
        QTest::addColumn<QString>("after");
        QTest::newRow("back to the first replica") << "1,2,3|1,2,3|2" << "1,2,3" << "1,2,3|1,2,3|1";
        QTest::newRow("preferred not in isr") << "1,2,3|2,3|2" << "1,2,3" << "1,2,3|2,3|2";
        QTest::newRow("preferred not live") << "1,2,3|1,2,3|2" << "2,3" << "1,2,3|1,2,3|2";
        QTest::newRow("already preferred") << "1,2,3|1,2,3|1" << "1,2,3" << "1,2,3|1,2,3|1";
    }
    void elect_preferred() {
        QFETCH(QString, before);
        QFETCH(QString, live);
        QFETCH(QString, after);
        auto image = image_of(before);
        QCOMPARE(state_after(image, metadata::elect_preferred(image, live_of(live))), after);
    }
};

QTEST_GUILESS_MAIN(test_partition_election)
#include "test_partition_election.moc"
