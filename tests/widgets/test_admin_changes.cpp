// The other change forms and their one source of command lines: KafkaCommands' exact text, the dry-run diff, delete
// topic (typed confirmation), delete records, the retention editor (IncrementalAlterConfigs), the retention and
// broker-config models, and config values in human units. A fake AdminService answers.
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <QAction>
#include <QSpinBox>
#include <QTableView>

#include "BrokerConfigDialog.h"
#include "ClusterSession.h"
#include "TopicActions.h"
#include "TopicForm.h"
#include "TopicsModel.h"
#include "TopicsSortFilterModel.h"
#include "TopicsView.h"
#include "snapshot_builder.h"
#include "BrokerConfigsModel.h"
#include "ChangePreview.h"
#include "ConfigValueEditor.h"
#include "DeleteRecordsDialog.h"
#include "DeleteTopicDialog.h"
#include "KafkaCommands.h"
#include "RetentionEditor.h"
#include "RetentionModel.h"
#include "Translations.h"
#include "fake_admin_service.h"
#include "units.h"

namespace {
const QString Bootstrap = QStringLiteral("broker1:9092");

ConfigEntry entry(const QString &name, const QString &value, ConfigSource source, QList<ConfigSynonym> synonyms = {})
{
    ConfigEntry e;
    e.name = name;
    e.value = value;
    e.source = source;
    e.synonyms = synonyms;
    return e;
}
}  // namespace

class TestAdminChanges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void commands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");

        NewTopicRequest create{QStringLiteral("orders"), 3, 2, {{QStringLiteral("retention.ms"), QStringLiteral("86400000")}}, false};
        QTest::newRow("create") << KafkaCommands::createTopic(Bootstrap, create)
                                << "kafka-topics.sh --bootstrap-server broker1:9092 --create --topic orders --partitions 3 "
                                   "--replication-factor 2 --config retention.ms=86400000";
        QTest::newRow("delete") << KafkaCommands::deleteTopic(Bootstrap, QStringLiteral("orders"))
                                << "kafka-topics.sh --bootstrap-server broker1:9092 --delete --topic orders";
        QTest::newRow("partitions") << KafkaCommands::createPartitions(Bootstrap, {QStringLiteral("orders"), 12, false})
                                    << "kafka-topics.sh --bootstrap-server broker1:9092 --alter --topic orders --partitions 12";
        AlterConfigsRequest alter{ConfigResourceType::Topic, QStringLiteral("orders"),
                                  {{QStringLiteral("retention.ms"), ConfigAlteration::Operation::Set, QStringLiteral("3600000")},
                                   {QStringLiteral("cleanup.policy"), ConfigAlteration::Operation::Set, QStringLiteral("compact,delete")},
                                   {QStringLiteral("retention.bytes"), ConfigAlteration::Operation::Delete, {}}},
                                  false};
        QTest::newRow("alter topic, list value in brackets, quoted")
            << KafkaCommands::alterConfigs(Bootstrap, alter)
            << "kafka-configs.sh --bootstrap-server broker1:9092 --alter --entity-type topics --entity-name orders "
               "--add-config 'retention.ms=3600000,cleanup.policy=[compact,delete]' --delete-config retention.bytes";
        AlterConfigsRequest broker{ConfigResourceType::Broker, QStringLiteral("1"),
                                   {{QStringLiteral("log.retention.ms"), ConfigAlteration::Operation::Set, QStringLiteral("1000")}},
                                   false};
        QTest::newRow("alter broker") << KafkaCommands::alterConfigs(Bootstrap, broker)
                                      << "kafka-configs.sh --bootstrap-server broker1:9092 --alter --entity-type brokers "
                                         "--entity-name 1 --add-config log.retention.ms=1000";
        DeleteRecordsRequest records{QStringLiteral("orders"), {{0, 100}, {2, -1}}};
        QTest::newRow("delete records")
            << KafkaCommands::deleteRecords(Bootstrap, records)
            << "echo '{\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"offset\":100},"
               "{\"topic\":\"orders\",\"partition\":2,\"offset\":-1}],\"version\":1}' > delete-records.json && "
               "kafka-delete-records.sh --bootstrap-server broker1:9092 --offset-json-file delete-records.json";
        QTest::newRow("describe") << KafkaCommands::describeConfigs(Bootstrap, ConfigResourceType::Broker, QStringLiteral("1"))
                                  << "kafka-configs.sh --bootstrap-server broker1:9092 --describe --entity-type brokers "
                                     "--entity-name 1 --all";
        QTest::newRow("reassign execute")
            << KafkaCommands::reassignPartitions(Bootstrap, QStringLiteral("reassignment.json"),
                                                 KafkaCommands::ReassignAction::Execute)
            << "kafka-reassign-partitions.sh --bootstrap-server broker1:9092 --reassignment-json-file reassignment.json "
               "--execute";
        QTest::newRow("reassign verify")
            << KafkaCommands::reassignPartitions(Bootstrap, QStringLiteral("reassignment.json"),
                                                 KafkaCommands::ReassignAction::Verify)
            << "kafka-reassign-partitions.sh --bootstrap-server broker1:9092 --reassignment-json-file reassignment.json "
               "--verify";
        QTest::newRow("reassign cancel, quoted file")
            << KafkaCommands::reassignPartitions(Bootstrap, QStringLiteral("my plan.json"), KafkaCommands::ReassignAction::Cancel)
            << "kafka-reassign-partitions.sh --bootstrap-server broker1:9092 --reassignment-json-file 'my plan.json' --cancel";
        QTest::newRow("preferred election")
            << KafkaCommands::electLeaders(Bootstrap, ElectionType::Preferred, QStringLiteral("election.json"))
            << "kafka-leader-election.sh --bootstrap-server broker1:9092 --election-type PREFERRED --path-to-json-file "
               "election.json";
        QTest::newRow("unclean election")
            << KafkaCommands::electLeaders(Bootstrap, ElectionType::Unclean, QStringLiteral("election.json"))
            << "kafka-leader-election.sh --bootstrap-server broker1:9092 --election-type UNCLEAN --path-to-json-file "
               "election.json";
    }
    void commands()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        QCOMPARE(command, expected);
    }

    void diffLines_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("oldValue");
        QTest::addColumn<QString>("newValue");
        QTest::addColumn<QString>("oldNote");
        QTest::addColumn<QString>("newNote");
        QTest::addColumn<QString>("expected");
        QTest::newRow("duration") << "retention.ms" << "604800000" << "86400000" << "" << ""
                                  << "retention.ms: 604800000 (7 days) → 86400000 (1 day)";
        QTest::newRow("bytes from inherited") << "retention.bytes" << "-1" << "1073741824" << "inherited" << ""
                                              << "retention.bytes: -1 (unlimited) [inherited] → 1073741824 (1 GiB)";
        QTest::newRow("no units") << "cleanup.policy" << "delete" << "compact" << "" << ""
                                  << "cleanup.policy: delete → compact";
        QTest::newRow("new thing") << "topic" << "" << "orders" << "does not exist" << ""
                                   << "topic: does not exist → orders";
        QTest::newRow("removed") << "topic" << "orders" << "" << "" << "deleted" << "topic: orders → deleted";
    }
    void diffLines()
    {
        QFETCH(QString, what);
        QFETCH(QString, oldValue);
        QFETCH(QString, newValue);
        QFETCH(QString, oldNote);
        QFETCH(QString, newNote);
        QFETCH(QString, expected);
        QCOMPARE(ChangePreview::lineFor({what, oldValue, newValue, oldNote, newNote}), expected);
    }

    void configValuesInHumanUnits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("retention.ms 7 days") << "retention.ms" << "604800000" << "7 days";
        QTest::newRow("retention.ms forever") << "retention.ms" << "-1" << "unlimited";
        QTest::newRow("segment.ms 1.5 hours") << "segment.ms" << "5400000" << "1.5 hours";
        QTest::newRow("max.compaction.lag.ms Long.MAX") << "max.compaction.lag.ms" << "9223372036854775807" << "unlimited";
        QTest::newRow("log.retention.hours") << "log.retention.hours" << "168" << "7 days";
        QTest::newRow("log.retention.minutes") << "log.retention.minutes" << "90" << "1.5 hours";
        QTest::newRow("segment.bytes 1 GiB") << "segment.bytes" << "1073741824" << "1 GiB";
        QTest::newRow("max.message.bytes") << "max.message.bytes" << "1048588" << "1 MiB";
        QTest::newRow("retention.bytes unlimited") << "retention.bytes" << "-1" << "unlimited";
        QTest::newRow("no unit") << "min.insync.replicas" << "2" << "";
        QTest::newRow("not a number") << "retention.ms" << "abc" << "";
    }
    void configValuesInHumanUnits()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(Units::formatConfigValue(name, value, QLocale(QLocale::English, QLocale::UnitedStates)), expected);
    }

    void ages()
    {
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(Units::formatAge(500, english), QStringLiteral("just now"));
        QCOMPARE(Units::formatAge(5400000, english), QStringLiteral("1.5 hours ago"));
        QCOMPARE(Units::formatAge(3 * 86400000LL + 1234, english), QStringLiteral("3 days ago"));
    }

    void deleteTopicNeedsTypedName()
    {
        FakeAdminService admin;
        DeleteTopicDialog dialog(&admin, QStringLiteral("orders"), 3, 1500);
        QVERIFY(!dialog.deleteButton()->isEnabled());
        QVERIFY(!dialog.submit());
        dialog.confirmEdit()->setText(QStringLiteral("order"));
        QVERIFY(!dialog.submit());
        dialog.confirmEdit()->setText(QStringLiteral("Orders"));
        QVERIFY(!dialog.deleteButton()->isEnabled());
        QCOMPARE(admin.changeCount(), 0);
        QCOMPARE(dialog.preview()->command(), QStringLiteral("kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders"));

        dialog.confirmEdit()->setText(QStringLiteral("orders"));
        QVERIFY(dialog.deleteButton()->isEnabled());
        QSignalSpy applied(&dialog, &DeleteTopicDialog::applied);
        QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(admin.deletedTopics, QStringList{QStringLiteral("orders")});
    }

    void deleteRecordsValidatesOffsets()
    {
        FakeAdminService admin;
        DeleteRecordsDialog dialog(&admin, QStringLiteral("orders"), {{0, 10, 100}, {1, 0, 50}, {2, 0, 0}});
        QVERIFY(!dialog.submit());  // nothing entered
        dialog.setOffset(0, 500);   // past the end
        QVERIFY(dialog.validationErrors().join(' ').contains("past the end offset 100"));
        QVERIFY(!dialog.deleteButton()->isEnabled());
        QVERIFY(!dialog.submit());
        QCOMPARE(admin.changeCount(), 0);

        dialog.setOffset(0, 60);
        dialog.setOffset(1, -1);  // "end": up to the high watermark
        QVERIFY(dialog.validationErrors().isEmpty());
        QCOMPARE(dialog.preview()->diffText(), QStringLiteral("orders-0 start offset: 10 → 60\norders-1 start offset: 0 → 50"));
        QSignalSpy applied(&dialog, &DeleteRecordsDialog::applied);
        QVERIFY(dialog.submit());
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(admin.deleteRecordsRequests.size(), 1);
        QCOMPARE(admin.deleteRecordsRequests.first(), (DeleteRecordsRequest{QStringLiteral("orders"), {{0, 60}, {1, -1}}}));
    }

    void retentionEditorAppliesIncrementally()
    {
        FakeAdminService admin;
        RetentionEditor editor(&admin);
        editor.setTopic(QStringLiteral("orders"),
                        {entry(QStringLiteral("retention.ms"), QStringLiteral("604800000"), ConfigSource::Default),
                         entry(QStringLiteral("retention.bytes"), QStringLiteral("1073741824"), ConfigSource::TopicOverride,
                               {{QStringLiteral("retention.bytes"), QStringLiteral("1073741824"), ConfigSource::TopicOverride},
                                {QStringLiteral("log.retention.bytes"), QStringLiteral("-1"), ConfigSource::Default}}),
                         entry(QStringLiteral("cleanup.policy"), QStringLiteral("delete"), ConfigSource::Default)});
        QVERIFY(!editor.applyButton()->isEnabled());
        QVERIFY(!editor.apply());

        ConfigValueEditor *ms = editor.editor(QStringLiteral("retention.ms"));
        ms->setOverridden(true);
        ms->lineEdit()->setText(QStringLiteral("soon"));
        QVERIFY(!editor.apply());  // invalid: nothing sent
        QCOMPARE(admin.changeCount(), 0);
        ms->lineEdit()->setText(QStringLiteral("3600000"));
        editor.editor(QStringLiteral("retention.bytes"))->setOverridden(false);

        QCOMPARE(editor.preview()->diffText(),
                 QStringLiteral("retention.ms: 604800000 (7 days) [inherited] → 3600000 (1 hour)\n"
                                "retention.bytes: 1073741824 (1 GiB) → -1 (unlimited) [override removed, inherits]"));
        QCOMPARE(editor.preview()->command(),
                 QStringLiteral("kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type topics "
                                "--entity-name orders --add-config retention.ms=3600000 --delete-config retention.bytes"));
        QSignalSpy applied(&editor, &RetentionEditor::applied);
        QVERIFY(editor.apply());
        QTRY_COMPARE(applied.count(), 1);
        AlterConfigsRequest expected{ConfigResourceType::Topic, QStringLiteral("orders"),
                                     {{QStringLiteral("retention.ms"), ConfigAlteration::Operation::Set, QStringLiteral("3600000")},
                                      {QStringLiteral("retention.bytes"), ConfigAlteration::Operation::Delete, {}}},
                                     false};
        QCOMPARE(admin.alterRequests, QList<AlterConfigsRequest>{expected});
    }

    void retentionModelShowsEffectiveValues()
    {
        RetentionModel model;
        model.setNow(10 * 3600000LL);
        model.setTopics({QStringLiteral("b"), QStringLiteral("a")});
        QCOMPARE(model.topics(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        ConfigDescription a;
        a.resourceName = QStringLiteral("a");
        a.entries << entry(QStringLiteral("retention.ms"), QStringLiteral("86400000"), ConfigSource::TopicOverride)
                  << entry(QStringLiteral("retention.bytes"), QStringLiteral("-1"), ConfigSource::Default)
                  << entry(QStringLiteral("cleanup.policy"), QStringLiteral("compact,delete"), ConfigSource::StaticBroker,
                           {{QStringLiteral("log.cleanup.policy"), QStringLiteral("compact,delete"), ConfigSource::StaticBroker}});
        model.applyConfigs({a});
        TopicUsage usage;
        usage.topic = QStringLiteral("a");
        usage.sizeBytes = 3 * 1024 * 1024;
        usage.records = 12345;
        usage.oldestTimestampMs = 7 * 3600000LL;
        model.applyUsage({usage});
        const int row = model.rowOf(QStringLiteral("a"));
        QCOMPARE(row, 0);
        auto text = [&](int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(RetentionModel::RetentionTime), QStringLiteral("1 day"));
        QCOMPARE(text(RetentionModel::RetentionSize), QStringLiteral("unlimited"));
        QCOMPARE(text(RetentionModel::CleanupPolicy), QStringLiteral("compact,delete"));
        QCOMPARE(text(RetentionModel::Size), QStringLiteral("3 MiB"));
        QCOMPARE(text(RetentionModel::Records), QStringLiteral("12,345"));
        QCOMPARE(text(RetentionModel::OldestRecord), QStringLiteral("3 hours ago"));
        QCOMPARE(text(RetentionModel::Overrides), QStringLiteral("retention.ms"));
        QVERIFY(model.index(row, RetentionModel::CleanupPolicy).data(Qt::ToolTipRole).toString()
                    .contains("Broker, server.properties (log.cleanup.policy)"));
        QCOMPARE(model.index(row, RetentionModel::Size).data(RetentionModel::RawValueRole).toLongLong(), 3 * 1024 * 1024LL);
        // A topic going away leaves; the other keeps its row.
        model.setTopics({QStringLiteral("a")});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(RetentionModel::RetentionTime), QStringLiteral("1 day"));
    }

    void brokerConfigsModelShowsSourcesAndReadOnly()
    {
        BrokerConfigsModel model;
        ConfigDescription d;
        d.type = ConfigResourceType::Broker;
        d.resourceName = QStringLiteral("1");
        ConfigEntry hours = entry(QStringLiteral("log.retention.hours"), QStringLiteral("72"), ConfigSource::StaticBroker);
        ConfigEntry dirs = entry(QStringLiteral("log.dirs"), QStringLiteral("/data"), ConfigSource::StaticBroker);
        dirs.readOnly = true;
        d.entries << hours << dirs;
        model.setDescription(d);
        QCOMPARE(model.rowCount(), 2);
        const int h = model.rowOf(QStringLiteral("log.retention.hours"));
        const int l = model.rowOf(QStringLiteral("log.dirs"));
        QCOMPARE(l, 0);  // sorted by name
        QCOMPARE(model.index(h, BrokerConfigsModel::Readable).data().toString(), QStringLiteral("3 days"));
        QCOMPARE(model.index(h, BrokerConfigsModel::Source).data().toString(), QStringLiteral("Broker, server.properties"));
        QCOMPARE(model.index(h, BrokerConfigsModel::KafkaDefault).data().toString(), QStringLiteral("168"));
        QCOMPARE(model.index(h, BrokerConfigsModel::Mode).data().toString(), QStringLiteral("dynamic"));
        QCOMPARE(model.index(l, BrokerConfigsModel::Mode).data().toString(), QStringLiteral("read-only"));
        QVERIFY(!(model.flags(model.index(l, BrokerConfigsModel::Value)) & Qt::ItemIsEditable));
    }

    void brokerConfigDialogValidatesAndSendsIncrementalAlter()
    {
        FakeAdminService admin;
        ConfigEntry readOnly = entry(QStringLiteral("log.dirs"), QStringLiteral("/data"), ConfigSource::StaticBroker);
        readOnly.readOnly = true;
        BrokerConfigDialog locked(&admin, QStringLiteral("1"), readOnly);
        QVERIFY(locked.validationError().contains("read-only"));
        QVERIFY(!locked.submit());

        BrokerConfigDialog dialog(&admin, QStringLiteral("1"),
                                  entry(QStringLiteral("log.retention.hours"), QStringLiteral("168"), ConfigSource::Default));
        QVERIFY(!dialog.applyButton()->isEnabled());  // unchanged
        dialog.valueEdit()->setText(QStringLiteral("a week"));
        QVERIFY(dialog.validationError().contains("Invalid value a week for configuration log.retention.hours"));
        QVERIFY(!dialog.submit());
        QCOMPARE(admin.changeCount(), 0);

        dialog.valueEdit()->setText(QStringLiteral("72"));
        QCOMPARE(dialog.preview()->diffText(),
                 QStringLiteral("log.retention.hours: 168 (7 days) [Kafka default] → 72 (3 days) [dynamic, broker 1]"));
        QCOMPARE(dialog.preview()->command(),
                 QStringLiteral("kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type brokers "
                                "--entity-name 1 --add-config log.retention.hours=72"));
        QSignalSpy applied(&dialog, &BrokerConfigDialog::applied);
        QVERIFY(dialog.submit());
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(admin.alterRequests.size(), 1);
        QCOMPARE(admin.alterRequests.first(),
                 (AlterConfigsRequest{ConfigResourceType::Broker, QStringLiteral("1"),
                                      {{QStringLiteral("log.retention.hours"), ConfigAlteration::Operation::Set, QStringLiteral("72")}},
                                      false}));
    }

    void topicActionsOpenFormsForTheSelectedTopic()
    {
        FakeAdminService admin;
        const auto snap = testing::snapshot({testing::topic("orders", 3, 1, 100, 10), testing::topic("payments", 2)}, 3);
        ClusterSession session([snap] { return sluice::result<sluice::client::cluster_snapshot>(snap); });
        TopicsModel model(&session);
        TopicsView view(&model);
        QWidget parent;
        TopicActions actions(&admin, &session, &view, &parent);
        session.start();
        QTRY_COMPARE(model.rowCount(), 2);
        QVERIFY(actions.newTopicAction()->isEnabled());
        QVERIFY(!actions.editTopicAction()->isEnabled());  // nothing selected

        TopicForm *create = actions.openNewTopic();
        QVERIFY(create);
        create->nameEdit()->setText(QStringLiteral("orders"));
        QVERIFY(create->validationErrors().join(' ').contains("already exists"));
        create->replicationSpin()->setValue(4);
        QVERIFY(create->validationErrors().join(' ').contains("larger than available brokers: 3"));
        create->close();

        view.tableView()->setCurrentIndex(view.proxyModel()->mapFromSource(model.index(model.rowOf("orders"), 0)));
        QCOMPARE(actions.selectedTopic(), QStringLiteral("orders"));
        QVERIFY(actions.editTopicAction()->isEnabled());
        TopicForm *edit = actions.openEditTopic(actions.selectedTopic());
        QVERIFY(edit);
        QCOMPARE(edit->partitionsSpin()->value(), 3);
        QCOMPARE(edit->partitionsSpin()->minimum(), 3);
        edit->close();

        DeleteRecordsDialog *records = actions.openDeleteRecords(QStringLiteral("orders"));
        QVERIFY(records);
        QCOMPARE(records->table()->rowCount(), 3);
        records->setOffset(1, 50);
        QCOMPARE(records->preview()->diffText(), QStringLiteral("orders-1 start offset: 10 → 50"));
        records->close();
        session.stop();
        QCOMPARE(admin.changeCount(), 0);
    }
};

QTEST_MAIN(TestAdminChanges)
#include "test_admin_changes.moc"
