// Consumer-group models: snapshots diffed into inserts/removes/dataChanged (never a reset per tick), values, owners.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "GroupMembersModel.h"
#include "GroupPartitionsModel.h"
#include "GroupsModel.h"
#include "Translations.h"
#include "groups_builder.h"

using namespace testing;

namespace {

std::vector<GroupInfo> groupsNamed(const QStringList &ids)
{
    std::vector<GroupInfo> groups;
    for (const QString &id : ids)
        groups.push_back(group(id.toStdString(), {partitionLag("t", 0, 5, 10)}));
    return groups;
}

QStringList idsIn(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data().toString();
    return ids;
}

}  // namespace

class TestGroupsModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void groupsDiff_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<int>("inserts");
        QTest::addColumn<int>("removes");
        QTest::newRow("first snapshot") << QStringList{} << QStringList{"b", "a", "c"} << 1 << 0;
        QTest::newRow("one group deleted") << QStringList{"a", "b", "c"} << QStringList{"a", "c"} << 0 << 1;
        QTest::newRow("one group created") << QStringList{"a", "c"} << QStringList{"a", "b", "c"} << 1 << 0;
        QTest::newRow("interleaved") << QStringList{"a", "c", "e"} << QStringList{"b", "c", "d"} << 2 << 2;
        QTest::newRow("same groups") << QStringList{"a", "b"} << QStringList{"a", "b"} << 0 << 0;
    }

    void groupsDiff()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(int, inserts);
        QFETCH(int, removes);
        GroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(groupsSnapshot(groupsNamed(before)));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.applySnapshot(groupsSnapshot(groupsNamed(after)));
        QStringList expected = after;
        expected.sort();
        QCOMPARE(idsIn(model), expected);
        QCOMPARE(inserted.count(), inserts);
        QCOMPARE(removed.count(), removes);
        QCOMPARE(reset.count(), 0);
    }

    void groupValuesAndUpdates()
    {
        GroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto g = group("orders-app", {partitionLag("orders", 0, 90, 100, 4000), partitionLag("orders", 1, 1000, 1250, 65000)},
                       {member("m1", "c1", {{"orders", {0, 1}}})});
        model.applySnapshot(groupsSnapshot({g, group("idle")}));
        const int row = model.rowOf(QStringLiteral("orders-app"));
        QCOMPARE(row, 1);  // sorted: idle, orders-app
        QCOMPARE(model.index(row, GroupsModel::State).data().toString(), QStringLiteral("Stable"));
        QCOMPARE(model.index(row, GroupsModel::ProtocolType).data().toString(), QStringLiteral("consumer"));
        QCOMPARE(model.index(row, GroupsModel::Protocol).data().toString(), QStringLiteral("range"));
        QCOMPARE(model.index(row, GroupsModel::Members).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(row, GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(), 260);
        QCOMPARE(model.index(row, GroupsModel::Lag).data().toString(), QStringLiteral("260"));
        QCOMPARE(model.index(row, GroupsModel::LagTime).data().toString(), QStringLiteral("1.1 minutes"));
        // A group with no committed offsets has an unknown lag, not zero.
        QCOMPARE(model.index(model.rowOf(QStringLiteral("idle")), GroupsModel::Lag).data().toString(), QStringLiteral("—"));

        // Lag changes on one group: one dataChanged for that row only.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        g.partitions[0] = partitionLag("orders", 0, 100, 100, 0);
        model.applySnapshot(groupsSnapshot({g, group("idle")}));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.index(row, GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(), 250);
        // Identical snapshot: nothing at all.
        changed.clear();
        model.applySnapshot(groupsSnapshot({g, group("idle")}));
        QCOMPARE(changed.count(), 0);
    }

    void ignoresOlderVersions()
    {
        GroupsModel model;
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot(groupsNamed({"new"}))), 5);
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot(groupsNamed({"old"}))), 4);
        QCOMPARE(idsIn(model), QStringList{"new"});
    }

    void partitionsOfSelectedGroup()
    {
        GroupPartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto g = group("app", {partitionLag("orders", 1, 7, 10, 1500), partitionLag("orders", 0, 3, 10)},
                       {member("m-a", "consumer-a", {{"orders", {0}}}), member("m-b", "consumer-b", {{"orders", {1, 2}}})});
        auto snapshot = std::make_shared<GroupsSnapshot>(groupsSnapshot({g, group("other", {partitionLag("x", 0, 1, 2)})}));
        model.onGroupsReady(snapshot, 1);
        QCOMPARE(model.rowCount(), 0);  // no group selected
        model.setGroupId(QStringLiteral("app"));
        QCOMPARE(model.rowCount(), 3);  // two committed + orders-2 assigned without a commit
        const int p0 = model.rowOf(QStringLiteral("orders"), 0);
        QCOMPARE(p0, 0);
        QCOMPARE(model.index(p0, GroupPartitionsModel::Committed).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(p0, GroupPartitionsModel::EndOffset).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(p0, GroupPartitionsModel::Lag).data().toString(), QStringLiteral("7"));
        QCOMPARE(model.index(p0, GroupPartitionsModel::LagTime).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(p0, GroupPartitionsModel::Consumer).data().toString(), QStringLiteral("consumer-a"));
        const int p1 = model.rowOf(QStringLiteral("orders"), 1);
        QCOMPARE(model.index(p1, GroupPartitionsModel::LagTime).data().toString(), QStringLiteral("2 seconds"));
        const int p2 = model.rowOf(QStringLiteral("orders"), 2);
        QCOMPARE(model.index(p2, GroupPartitionsModel::Committed).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(p2, GroupPartitionsModel::Consumer).data().toString(), QStringLiteral("consumer-b"));

        // Next tick: a commit on partition 0 only → one dataChanged, no reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        g.partitions[1] = partitionLag("orders", 0, 10, 10, 0);
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot({g})), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(p0, GroupPartitionsModel::Lag).data().toString(), QStringLiteral("0"));
        // The group disappears: its rows are removed.
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot({})), 3);
        QCOMPARE(model.rowCount(), 0);
    }

    void membersOfSelectedGroup()
    {
        GroupMembersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto g = group("app", {}, {member("m-b", "consumer-b", {{"orders", {2, 1}}}), member("m-a", "consumer-a", {{"orders", {0}}, {"audit", {3}}})});
        model.setGroupId(QStringLiteral("app"));
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot({g})), 1);
        QCOMPARE(model.rowCount(), 2);
        const int a = model.rowOf(QStringLiteral("m-a"));
        QCOMPARE(a, 0);
        QCOMPARE(model.index(a, GroupMembersModel::ClientId).data().toString(), QStringLiteral("consumer-a"));
        QCOMPARE(model.index(a, GroupMembersModel::Host).data().toString(), QStringLiteral("/127.0.0.1"));
        QCOMPARE(model.index(a, GroupMembersModel::Assignment).data().toString(), QStringLiteral("orders: 0  ·  audit: 3"));
        QCOMPARE(model.index(model.rowOf(QStringLiteral("m-b")), GroupMembersModel::Assignment).data().toString(),
                 QStringLiteral("orders: 1, 2"));
        QCOMPARE(model.index(a, 0).data(GroupMembersModel::PartitionCountRole).toInt(), 2);

        // A member leaves: one removal, no reset.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        g.members.pop_back();
        model.onGroupsReady(std::make_shared<GroupsSnapshot>(groupsSnapshot({g})), 2);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestGroupsModels)
#include "test_groups_models.moc"
