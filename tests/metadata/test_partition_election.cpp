// Controller leader election (metadata/partition_election): one partition at a time, described as
// "replicas|isr|leader", the live brokers and the unclean setting in, the state after the records out.
#include <QtTest>

#include "engine/metadata/partition_election.h"
#include "tests/metadata/partition_text.h"

using namespace sluice;
using namespace sluice::metadata;

using namespace sluice::metadata::testing;

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

    // ElectLeaders of one partition: the state after, or the error code.
    void elect_leader_data() {
        QTest::addColumn<QString>("before");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("live");
        QTest::addColumn<QString>("after");
        QTest::addColumn<int>("error");
        const int preferred = 0, unclean = 1, ok = 0;
        QTest::newRow("preferred back") << "1,2,3|1,2,3|2" << preferred << "1,2,3" << "1,2,3|1,2,3|1" << ok;
        QTest::newRow("preferred leads") << "1,2,3|1,2,3|1" << preferred << "1,2,3" << "" << 84;
        QTest::newRow("preferred out of isr") << "1,2,3|2,3|2" << preferred << "1,2,3" << "" << 80;
        QTest::newRow("preferred fenced") << "1,2,3|1,2,3|2" << preferred << "2,3" << "" << 80;
        QTest::newRow("unclean with a leader") << "1,2|1,2|1" << unclean << "1,2" << "" << 84;
        QTest::newRow("unclean, live isr member") << "1,2,3|2,3|-1" << unclean << "1,3" << "1,2,3|3|3" << ok;
        QTest::newRow("unclean, outside the isr") << "1,2,3|2|-1" << unclean << "1,3" << "1,2,3|1|1" << ok;
        QTest::newRow("unclean, none live") << "1,2|1|-1" << unclean << "3" << "" << 83;
    }
    void elect_leader() {
        QFETCH(QString, before);
        QFETCH(int, type);
        QFETCH(QString, live);
        QFETCH(QString, after);
        QFETCH(int, error);
        auto image = image_of(before);
        auto change = metadata::elect_leader(*image.find_topic("t"), 0, static_cast<election_type>(type), live_of(live));
        QCOMPARE(change ? 0 : static_cast<int>(change.err().code), error);
        if (change) QCOMPARE(state_after(image, {change.value()}), after);
    }
};

QTEST_GUILESS_MAIN(test_partition_election)
#include "test_partition_election.moc"
