// ResetOffsetsDialog: validation (refused while the group has members), the dry run before the commit, through a
// GroupsSession over a fake provider (so the calls really go off the GUI thread).
#include <QSignalSpy>
#include <QTest>

#include "ConsumerGroupsView.h"
#include "GroupsModel.h"
#include "GroupsSession.h"
#include "ResetOffsetsDialog.h"
#include "Translations.h"
#include "groups_builder.h"

using namespace testing;

class TestResetOffsetsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void refusedWhileTheGroupHasMembers()
    {
        ResetOffsetsDialog dialog(group("busy", {partitionLag("t", 0, 1, 5)}, {member("m1", "c1"), member("m2", "c2")}));
        QVERIFY(!dialog.canPreview());
        QVERIFY(!dialog.canApply());
        QVERIFY(!dialog.request());
        QCOMPARE(dialog.messageText(), QStringLiteral("The group busy has 2 active members. Kafka only lets you reset the "
                                                      "offsets of an empty group: stop its consumers first."));
        QSignalSpy preview(&dialog, &ResetOffsetsDialog::previewRequested);
        dialog.preview();
        QCOMPARE(preview.count(), 0);

        // The consumers stop: the next snapshot makes the form usable.
        dialog.setGroup(group("busy", {partitionLag("t", 0, 1, 5)}));
        QVERIFY(dialog.canPreview());
        QVERIFY(!dialog.canApply());  // not before a dry run
    }

    void validatesInput_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("offset");
        QTest::addColumn<QString>("error");
        const int all = int(ResetOffsetsDialog::Scope::AllTopics), one = int(ResetOffsetsDialog::Scope::Topic);
        QTest::newRow("earliest, all topics") << all << "" << int(OffsetResetTarget::Earliest) << "" << "";
        QTest::newRow("offset missing") << all << "" << int(OffsetResetTarget::Offset) << ""
                                        << "Enter an offset (a whole number, 0 or more).";
        QTest::newRow("offset given") << all << "" << int(OffsetResetTarget::Offset) << "42" << "";
        QTest::newRow("topic scope without a topic") << one << "" << int(OffsetResetTarget::Latest) << "" << "Choose a topic.";
        QTest::newRow("topic scope") << one << "t" << int(OffsetResetTarget::Latest) << "" << "";
    }

    void validatesInput()
    {
        QFETCH(int, scope);
        QFETCH(QString, topic);
        QFETCH(int, target);
        QFETCH(QString, offset);
        QFETCH(QString, error);
        ResetOffsetsDialog dialog(group("g", {partitionLag("t", 0, 1, 5)}));
        dialog.setScope(static_cast<ResetOffsetsDialog::Scope>(scope));
        dialog.setTopic(topic);
        dialog.setTarget(static_cast<OffsetResetTarget>(target));
        dialog.setOffsetText(offset);
        QCOMPARE(dialog.validationError(), error);
        QCOMPARE(dialog.canPreview(), error.isEmpty());
    }

    void dryRunThenApplyThroughTheSession()
    {
        auto provider = std::make_shared<FakeGroupsProvider>();
        provider->snapshot = groupsSnapshot({group("g", {partitionLag("t", 0, 40, 100), partitionLag("t", 1, 90, 100)})});
        provider->plan = {{"t", 0, 40, 10}, {"t", 1, 90, 10}};
        GroupsSession session(provider);
        session.setRefreshInterval(100);
        ConsumerGroupsView view(&session);
        session.start();
        QTRY_COMPARE(view.groupsModel()->rowCount(), 1);
        view.selectGroup(QStringLiteral("g"));
        view.openResetDialog();
        ResetOffsetsDialog *dialog = view.resetDialog();
        QVERIFY(dialog);
        dialog->setScope(ResetOffsetsDialog::Scope::Partition);
        dialog->setTopic(QStringLiteral("t"));
        dialog->setPartition(1);
        dialog->setTarget(OffsetResetTarget::Offset);
        dialog->setOffsetText(QStringLiteral("10"));
        QVERIFY(dialog->canPreview());
        dialog->preview();
        QTRY_VERIFY(dialog->canApply());
        {
            std::lock_guard lock(provider->mutex);
            QCOMPARE(provider->planned.size(), std::size_t(1));
            const OffsetResetRequest &asked = provider->planned.front();
            QCOMPARE(asked.groupId, std::string("g"));
            QCOMPARE(asked.topic, std::string("t"));
            QCOMPARE(asked.partition, 1);
            QVERIFY(asked.target == OffsetResetTarget::Offset);
            QCOMPARE(asked.value, 10);
            QVERIFY(provider->applied.empty());  // a dry run changes nothing
        }
        QCOMPARE(dialog->shownPlan(), provider->plan);
        QCOMPARE(dialog->messageText(), QStringLiteral("2 partitions will move. Nothing has changed yet."));

        // Changing the input invalidates the dry run.
        dialog->setOffsetText(QStringLiteral("11"));
        QVERIFY(!dialog->canApply());
        dialog->setOffsetText(QStringLiteral("10"));
        QVERIFY(dialog->canApply());

        dialog->apply();
        QTRY_COMPARE(dialog->messageText(), QStringLiteral("Offsets reset for 2 partitions."));
        std::lock_guard lock(provider->mutex);
        QCOMPARE(provider->applied.size(), std::size_t(1));
        QCOMPARE(provider->applied.front(), provider->plan);
    }
};

QTEST_MAIN(TestResetOffsetsDialog)
#include "test_reset_offsets_dialog.moc"
