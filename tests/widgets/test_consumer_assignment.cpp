// ConsumerAssignment: the consumer protocol's assignment bytes, as Java, librdkafka and kafka-python send them.
#include <QTest>

#include "ConsumerAssignment.h"
#include "GroupMembersModel.h"

Q_DECLARE_METATYPE(std::vector<uint8_t>)

namespace {
std::vector<uint8_t> bytes(std::initializer_list<int> values)
{
    std::vector<uint8_t> out;
    for (int v : values)
        out.push_back(static_cast<uint8_t>(v));
    return out;
}
}  // namespace

class TestConsumerAssignment : public QObject
{
    Q_OBJECT

private slots:
    void decodes_data()
    {
        QTest::addColumn<std::vector<uint8_t>>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("formatted");

        // version 0, 1 topic "t" with partitions [0, 2], null user data
        QTest::newRow("one topic, null user data")
            << bytes({0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff}) << true
            << "t: 0, 2";
        QTest::newRow("two topics, user data")
            << bytes({0, 1, 0, 0, 0, 2, 0, 1, 'a', 0, 0, 0, 1, 0, 0, 0, 5, 0, 2, 'b', 'c', 0, 0, 0, 0, 0, 0, 0, 2, 9, 9})
            << true << "a: 5  ·  bc: ";
        QTest::newRow("no user data field at all") << bytes({0, 0, 0, 0, 0, 1, 0, 1, 'x', 0, 0, 0, 1, 0, 0, 0, 3}) << true
                                                    << "x: 3";
        QTest::newRow("empty bytes: nothing assigned yet") << std::vector<uint8_t>{} << true << "none";
        QTest::newRow("no topics") << bytes({0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}) << true << "none";
        QTest::newRow("truncated partitions") << bytes({0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 2, 0, 0, 0, 0}) << false << "";
        QTest::newRow("name longer than the bytes") << bytes({0, 0, 0, 0, 0, 1, 0, 9, 't'}) << false << "";
        QTest::newRow("absurd topic count") << bytes({0, 0, 0x7f, 0xff, 0xff, 0xff}) << false << "";
        QTest::newRow("negative version") << bytes({0xff, 0xff, 0, 0, 0, 0}) << false << "";
    }

    void decodes()
    {
        QFETCH(std::vector<uint8_t>, input);
        QFETCH(bool, valid);
        QFETCH(QString, formatted);
        const auto decoded = ConsumerAssignment::decode(input);
        QCOMPARE(decoded.has_value(), valid);
        if (decoded)
            QCOMPARE(GroupMembersModel::formatAssignment(decoded->topics), formatted);
    }

    void roundTrips()
    {
        ConsumerAssignment a;
        a.topics = {{"orders", {0, 1, 2}}, {"audit", {7}}};
        a.userData = {1, 2, 3};
        const auto decoded = ConsumerAssignment::decode(a.encode());
        QVERIFY(decoded);
        QCOMPARE(decoded->topics, a.topics);
        QCOMPARE(decoded->userData, a.userData);
    }
};

QTEST_MAIN(TestConsumerAssignment)
#include "test_consumer_assignment.moc"
