// End to end: a real broker node, records produced and offsets committed over the Kafka protocol (one empty group,
// one live group with a member and an assignment); the consumer groups view shows the lag a user expects, lag in
// time from the records' timestamps, and resets the empty group's offsets. SLUICE_GROUPS_SCREENSHOT=/path.png saves
// a picture of the view.
#include <QDateTime>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <string>
#include <vector>

#include "engine/broker/node.h"
#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/sync_group.h"

#include "ClientGroupsProvider.h"
#include "ConsumerAssignment.h"
#include "ConsumerGroupsView.h"
#include "GroupMembersModel.h"
#include "GroupPartitionsModel.h"
#include "GroupsModel.h"
#include "GroupsSession.h"
#include "LagChart.h"
#include "LagHistory.h"
#include "units.h"
#include "Translations.h"

namespace proto = sluice::protocol;

namespace {

constexpr int RecordsP0 = 40;      // N on orders-0
constexpr int RecordsP1 = 25;      // on orders-1
constexpr int CommittedBilling = 15;  // M: the empty group "billing" committed orders-0 at 15
constexpr qint64 RecordSpacingMs = 1000;

// Produces `count` records one second apart (by timestamp) to topic-partition; returns an error or nullopt.
std::optional<QString> produce(sluice::client::cluster_client &client, const std::string &topic, int partition, int count,
                               qint64 firstTimestamp)
{
    std::vector<proto::record> records(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const std::string value = "event-" + std::to_string(i);
        records[static_cast<std::size_t>(i)].value = std::vector<uint8_t>(value.begin(), value.end());
        records[static_cast<std::size_t>(i)].timestamp = firstTimestamp + i * RecordSpacingMs;
    }
    QString lastError;
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto produced = client.produce(topic, partition, records);
        if (produced.ok())
            return std::nullopt;
        lastError = QString::fromStdString(produced.err().message);
        QTest::qWait(250);
    }
    return lastError;
}

// Commits offsets for a group: generation -1 and no member for an empty group, or a member's generation.
std::optional<QString> commit(sluice::client::connection &conn, const std::string &group,
                              std::vector<std::pair<int32_t, int64_t>> offsets, int32_t generation = -1,
                              const std::string &memberId = {})
{
    proto::offset_commit_request request;
    request.group_id = group;
    request.generation_id = generation;
    request.member_id = memberId;
    request.topics.push_back({"orders", {}});
    for (auto [partition, offset] : offsets) {
        proto::offset_commit_request::partition p;
        p.partition_index = partition;
        p.committed_offset = offset;
        request.topics.back().partitions.push_back(p);
    }
    auto version = conn.pick_version(proto::api_key::offset_commit);
    if (!version)
        return QString::fromStdString(version.err().message);
    auto response = conn.send<proto::offset_commit_api>(request, version.value());
    if (!response)
        return QString::fromStdString(response.err().message);
    for (const auto &t : response->topics)
        for (const auto &p : t.partitions)
            if (p.error_code != 0)
                return QStringLiteral("commit refused with Kafka error %1").arg(p.error_code);
    return std::nullopt;
}

struct Membership
{
    std::string memberId;
    int32_t generation = -1;
};

// Joins `group` as the only member (leader), assigns it both partitions of orders, and syncs.
sluice::result<Membership> joinAndSync(sluice::client::connection &conn, const std::string &group)
{
    auto jv = conn.pick_version(proto::api_key::join_group);
    if (!jv)
        return jv.err();
    proto::join_group_request join;
    join.group_id = group;
    join.session_timeout_ms = 60000;
    join.rebalance_timeout_ms = 10000;
    join.protocol_type = "consumer";
    // Subscription metadata: version 0, topics ["orders"], null user data.
    std::vector<uint8_t> metadata = {0, 0, 0, 0, 0, 1, 0, 6, 'o', 'r', 'd', 'e', 'r', 's', 0xff, 0xff, 0xff, 0xff};
    join.protocols.push_back({"range", metadata});
    auto joined = conn.send<proto::join_group_api>(join, jv.value());
    if (joined && joined->error_code == static_cast<int16_t>(proto::error_code::member_id_required)) {
        join.member_id = joined->member_id;
        joined = conn.send<proto::join_group_api>(join, jv.value());
    }
    if (!joined)
        return joined.err();
    if (joined->error_code != 0)
        return sluice::make_error(static_cast<proto::error_code>(joined->error_code), "join failed");
    Membership m{joined->member_id, joined->generation_id};

    auto sv = conn.pick_version(proto::api_key::sync_group);
    if (!sv)
        return sv.err();
    proto::sync_group_request sync;
    sync.group_id = group;
    sync.generation_id = m.generation;
    sync.member_id = m.memberId;
    sync.protocol_type = "consumer";
    sync.protocol_name = "range";
    ConsumerAssignment assignment;
    assignment.topics = {{"orders", {0, 1}}};
    sync.assignments.push_back({m.memberId, assignment.encode()});
    auto synced = conn.send<proto::sync_group_api>(sync, sv.value());
    if (!synced)
        return synced.err();
    if (synced->error_code != 0)
        return sluice::make_error(static_cast<proto::error_code>(synced->error_code), "sync failed");
    return m;
}

}  // namespace

class TestConsumerGroupsE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
    }

    void showsLagOfRealGroups()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        sluice::broker::node_config config;
        config.port = 0;
        config.data_dir = dataDir.filePath(QStringLiteral("node")).toStdString();
        config.properties = {{"group.initial.rebalance.delay.ms", "0"}, {"num.partitions", "2"}};
        auto started = sluice::broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto node = std::move(started).value();
        const std::string bootstrap = "127.0.0.1:" + std::to_string(node->port());

        // Records one second apart, the newest a minute ago.
        const qint64 first = QDateTime::currentMSecsSinceEpoch() - 60'000 - RecordsP0 * RecordSpacingMs;
        sluice::client::cluster_client client(bootstrap, std::chrono::seconds(5));
        if (auto failure = produce(client, "orders", 0, RecordsP0, first))
            QFAIL(qPrintable(*failure));
        if (auto failure = produce(client, "orders", 1, RecordsP1, first))
            QFAIL(qPrintable(*failure));

        auto conn = client.broker(-1);
        QVERIFY(conn.ok());
        // "billing": an empty group that stopped at 15 on orders-0 and is caught up on orders-1.
        if (auto failure = commit(*conn.value(), "billing", {{0, CommittedBilling}, {1, RecordsP1}}))
            QFAIL(qPrintable(*failure));
        // "shipping": a live member that owns both partitions and is 10 + 5 behind.
        auto member = joinAndSync(*conn.value(), "shipping");
        QVERIFY2(member.ok(), member.ok() ? "" : member.err().message.c_str());
        if (auto failure = commit(*conn.value(), "shipping", {{0, RecordsP0 - 10}, {1, RecordsP1 - 5}},
                                  member->generation, member->memberId))
            QFAIL(qPrintable(*failure));

        QTemporaryDir historyDir;
        auto history = std::make_unique<LagHistory>(historyDir.filePath(QStringLiteral("lag.sqlite")), QStringLiteral("e2e"));
        history->setMinimumInterval(0);
        GroupsSession session(std::make_shared<ClientGroupsProvider>(sluice::client::cluster_endpoint{bootstrap, {}}));
        session.setRefreshInterval(200);
        ConsumerGroupsView view(&session, history.get());
        view.resize(1100, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        session.start();

        // The groups table: both groups, billing's total lag N - M.
        GroupsModel *groups = view.groupsModel();
        QTRY_VERIFY_WITH_TIMEOUT(groups->rowOf(QStringLiteral("billing")) >= 0 && groups->rowOf(QStringLiteral("shipping")) >= 0, 15000);
        const int billing = groups->rowOf(QStringLiteral("billing"));
        QTRY_COMPARE_WITH_TIMEOUT(groups->index(billing, GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(),
                                  qint64(RecordsP0 - CommittedBilling), 15000);
        QCOMPARE(groups->index(billing, GroupsModel::Lag).data().toString(), QStringLiteral("25"));
        QCOMPARE(groups->index(billing, GroupsModel::Members).data().toString(), QStringLiteral("0"));
        const int shipping = groups->rowOf(QStringLiteral("shipping"));
        QCOMPARE(groups->index(shipping, GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(), qint64(15));
        QCOMPARE(groups->index(shipping, GroupsModel::Members).data().toString(), QStringLiteral("1"));
        QCOMPARE(groups->index(shipping, GroupsModel::State).data().toString(), QStringLiteral("Stable"));
        QCOMPARE(groups->index(shipping, GroupsModel::ProtocolType).data().toString(), QStringLiteral("consumer"));
        QCOMPARE(groups->index(shipping, GroupsModel::Protocol).data().toString(), QStringLiteral("range"));

        // Per partition for billing: committed M, end N, lag N - M, lag in time from now.
        view.selectGroup(QStringLiteral("billing"));
        GroupPartitionsModel *partitions = view.partitionsModel();
        QTRY_VERIFY(partitions->rowOf(QStringLiteral("orders"), 0) >= 0);
        const int p0 = partitions->rowOf(QStringLiteral("orders"), 0);
        QCOMPARE(partitions->index(p0, GroupPartitionsModel::Committed).data(GroupPartitionsModel::RawValueRole).toLongLong(),
                 qint64(CommittedBilling));
        QCOMPARE(partitions->index(p0, GroupPartitionsModel::EndOffset).data(GroupPartitionsModel::RawValueRole).toLongLong(),
                 qint64(RecordsP0));
        QCOMPARE(partitions->index(p0, GroupPartitionsModel::Lag).data(GroupPartitionsModel::RawValueRole).toLongLong(),
                 qint64(RecordsP0 - CommittedBilling));
        // Lag in time is how long the first unconsumed record (at the committed offset) has waited: now minus its
        // timestamp, so at least the 60 s + 25 records' spacing it was written in the past, at most that plus the
        // time the test has run since.
        const qint64 firstUnconsumed = first + qint64(CommittedBilling) * RecordSpacingMs;
        const qint64 waited =
            partitions->index(p0, GroupPartitionsModel::LagTime).data(GroupPartitionsModel::RawValueRole).toLongLong();
        QVERIFY2(waited >= 60'000 + qint64(RecordsP0 - CommittedBilling) * RecordSpacingMs, qPrintable(QString::number(waited)));
        QVERIFY2(waited <= QDateTime::currentMSecsSinceEpoch() - firstUnconsumed, qPrintable(QString::number(waited)));
        QCOMPARE(partitions->index(p0, GroupPartitionsModel::LagTime).data().toString(), Units::formatLagTime(waited));
        const int p1 = partitions->rowOf(QStringLiteral("orders"), 1);
        QCOMPARE(partitions->index(p1, GroupPartitionsModel::Lag).data().toString(), QStringLiteral("0"));

        // Members of the live group: client id, host, decoded assignment.
        view.selectGroup(QStringLiteral("shipping"));
        GroupMembersModel *members = view.membersModel();
        QTRY_COMPARE(members->rowCount(), 1);
        QCOMPARE(members->index(0, GroupMembersModel::MemberId).data().toString(), QString::fromStdString(member->memberId));
        QCOMPARE(members->index(0, GroupMembersModel::ClientId).data().toString(), QStringLiteral("sluice"));
        QVERIFY(!members->index(0, GroupMembersModel::Host).data().toString().isEmpty());
        QCOMPARE(members->index(0, GroupMembersModel::Assignment).data().toString(), QStringLiteral("orders: 0, 1"));
        QTRY_COMPARE(partitions->rowCount(), 2);
        QCOMPARE(partitions->index(partitions->rowOf(QStringLiteral("orders"), 0), GroupPartitionsModel::Consumer).data().toString(),
                 QStringLiteral("sluice"));

        // The chart got live samples and the history stored them.
        QTRY_VERIFY(view.lagChart()->points(QString()).size() >= 2);
        QVERIFY(!history->load(QStringLiteral("shipping"), 0).empty());

        if (const QByteArray path = qgetenv("SLUICE_GROUPS_SCREENSHOT"); !path.isEmpty()) {
            view.detailTabs()->setCurrentIndex(0);
            QTest::qWait(300);
            QVERIFY(view.grab().save(QString::fromLocal8Bit(path)));
            view.detailTabs()->setCurrentIndex(2);
            QTest::qWait(300);
            QVERIFY(view.grab().save(QString::fromLocal8Bit(path).replace(QLatin1String(".png"), QLatin1String("-chart.png"))));
        }

        // Resets through the real cluster: refused while shipping has a member; billing (empty) goes to earliest.
        QSignalSpy planned(&session, &GroupsSession::resetPlanned);
        session.planReset({"shipping", OffsetResetTarget::Earliest, 0, "", -1});
        QTRY_COMPARE(planned.count(), 1);
        QVERIFY(planned.first().at(2).toString().contains(QLatin1String("active member")));
        session.planReset({"billing", OffsetResetTarget::Earliest, 0, "", -1});
        QTRY_COMPARE(planned.count(), 2);
        QCOMPARE(planned.at(1).at(2).toString(), QString());
        const auto plan = planned.at(1).at(1).value<std::vector<OffsetResetChange>>();
        const std::vector<OffsetResetChange> expected = {{"orders", 0, CommittedBilling, 0}, {"orders", 1, RecordsP1, 0}};
        QCOMPARE(plan, expected);
        // The dry run changed nothing.
        QCOMPARE(groups->index(groups->rowOf(QStringLiteral("billing")), GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(),
                 qint64(RecordsP0 - CommittedBilling));
        QSignalSpy applied(&session, &GroupsSession::resetApplied);
        session.applyReset(QStringLiteral("billing"), plan);
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(applied.first().at(1).toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(
            groups->index(groups->rowOf(QStringLiteral("billing")), GroupsModel::Lag).data(GroupsModel::RawValueRole).toLongLong(),
            qint64(RecordsP0 + RecordsP1), 10000);
        // Explicit offset on one partition, clamped to the log.
        session.planReset({"billing", OffsetResetTarget::Offset, 1000, "orders", 1});
        QTRY_COMPARE(planned.count(), 3);
        const std::vector<OffsetResetChange> clamped = {{"orders", 1, 0, RecordsP1}};
        QCOMPARE(planned.at(2).at(1).value<std::vector<OffsetResetChange>>(), clamped);

        session.stop();
        node->stop();
    }
};

QTEST_MAIN(TestConsumerGroupsE2E)
#include "test_consumer_groups_e2e.moc"
