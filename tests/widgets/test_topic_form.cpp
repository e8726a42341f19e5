// TopicForm: Kafka's topic name rules, validation before sending (nothing goes out while invalid), the exact
// CreateTopics / CreatePartitions / IncrementalAlterConfigs requests of a valid form, defaults and sources from
// DescribeConfigs, validate-only, and Kafka's message when the cluster refuses. A fake AdminService answers.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include "ConfigValueEditor.h"
#include "TopicForm.h"
#include "TopicNameValidator.h"
#include "Translations.h"
#include "engine/metadata/topic_name.h"
#include "fake_admin_service.h"

namespace {
ConfigEntry entry(const QString &name, const QString &value, ConfigSource source, QList<ConfigSynonym> synonyms = {})
{
    ConfigEntry e;
    e.name = name;
    e.value = value;
    e.source = source;
    e.synonyms = synonyms;
    return e;
}

// Broker 1 as a server.properties with log.retention.hours=72 would describe itself.
ConfigDescription brokerOne()
{
    ConfigDescription d;
    d.type = ConfigResourceType::Broker;
    d.resourceName = QStringLiteral("1");
    d.entries << entry(QStringLiteral("log.retention.hours"), QStringLiteral("72"), ConfigSource::StaticBroker)
              << entry(QStringLiteral("log.retention.bytes"), QStringLiteral("-1"), ConfigSource::Default)
              << entry(QStringLiteral("log.segment.bytes"), QStringLiteral("1073741824"), ConfigSource::Default)
              << entry(QStringLiteral("log.cleanup.policy"), QStringLiteral("delete"), ConfigSource::Default)
              << entry(QStringLiteral("compression.type"), QStringLiteral("producer"), ConfigSource::Default);
    return d;
}

// Topic "orders": retention.ms overridden to 1 day over the broker's 72 hours; the rest inherited.
ConfigDescription ordersConfigs()
{
    ConfigDescription d;
    d.type = ConfigResourceType::Topic;
    d.resourceName = QStringLiteral("orders");
    d.entries << entry(QStringLiteral("retention.ms"), QStringLiteral("86400000"), ConfigSource::TopicOverride,
                       {{QStringLiteral("retention.ms"), QStringLiteral("86400000"), ConfigSource::TopicOverride},
                        {QStringLiteral("log.retention.hours"), QStringLiteral("72"), ConfigSource::StaticBroker}})
              << entry(QStringLiteral("retention.bytes"), QStringLiteral("-1"), ConfigSource::Default)
              << entry(QStringLiteral("segment.bytes"), QStringLiteral("1073741824"), ConfigSource::Default)
              << entry(QStringLiteral("cleanup.policy"), QStringLiteral("delete"), ConfigSource::Default);
    return d;
}

void setOverride(TopicForm &form, const QString &config, const QString &value)
{
    ConfigValueEditor *editor = form.editor(config);
    QVERIFY2(editor, qPrintable(config));
    editor->setOverridden(true);
    if (editor->lineEdit()) {
        editor->lineEdit()->setText(value);
    } else {
        if (editor->comboBox()->isEditable())
            editor->comboBox()->setEditText(value);
        else
            editor->comboBox()->setCurrentText(value);
    }
}
}  // namespace

class TestTopicForm : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void topicNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("legal");
        QTest::addColumn<QString>("reason");
        QTest::newRow("simple") << "orders" << true << "";
        QTest::newRow("all legal characters") << "Orders.v1_eu-west-9" << true << "";
        QTest::newRow("249 characters") << QString(249, QLatin1Char('a')) << true << "";
        QTest::newRow("empty") << "" << false << "can't be empty";
        QTest::newRow("dot") << "." << false << "cannot be \".\" or \"..\"";
        QTest::newRow("dot dot") << ".." << false << "cannot be \".\" or \"..\"";
        QTest::newRow("three dots are fine") << "..." << true << "";
        QTest::newRow("250 characters") << QString(250, QLatin1Char('a')) << false << "longer than 249 characters";
        QTest::newRow("space") << "my topic" << false << "ASCII alphanumerics, '.', '_' and '-'";
        QTest::newRow("slash") << "a/b" << false << "ASCII alphanumerics";
        QTest::newRow("non-ASCII") << QStringLiteral("café") << false << "ASCII alphanumerics";
        QTest::newRow("colon") << "a:b" << false << "ASCII alphanumerics";
    }
    void topicNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, legal);
        QFETCH(QString, reason);
        const QString error = TopicNameValidator::error(name);
        QCOMPARE(error.isEmpty(), legal);
        QVERIFY2(error.contains(reason), qPrintable(error));
        // Same verdict as the broker's own check (engine/metadata/topic_name).
        QCOMPARE(sluice::metadata::validate_topic_name(name.toStdString()).ok(), legal);
    }

    void nameCollisionsAndWarning()
    {
        const QStringList existing{QStringLiteral("orders"), QStringLiteral("my_topic")};
        QVERIFY(TopicNameValidator::error(QStringLiteral("orders"), existing).contains("already exists"));
        QVERIFY(TopicNameValidator::error(QStringLiteral("my.topic"), existing).contains("collides with existing topic: my_topic"));
        QVERIFY(TopicNameValidator::error(QStringLiteral("my-topic"), existing).isEmpty());
        QVERIFY(TopicNameValidator::warning(QStringLiteral("my.topic")).contains("could collide"));
        QVERIFY(TopicNameValidator::warning(QStringLiteral("my-topic")).isEmpty());
    }

    void invalidInputShowsMessageAndSendsNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("replication");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty name") << "" << 1 << "" << "" << "can't be empty";
        QTest::newRow("illegal character") << "bad name!" << 1 << "" << "" << "ASCII alphanumerics";
        QTest::newRow("dot") << "." << 1 << "" << "" << "cannot be";
        QTest::newRow("too long") << QString(250, QLatin1Char('x')) << 1 << "" << "" << "longer than 249";
        QTest::newRow("exists") << "orders" << 1 << "" << "" << "already exists";
        QTest::newRow("collides") << "my.topic" << 1 << "" << "" << "collides";
        QTest::newRow("replication above brokers") << "ok" << 3 << "" << "" << "larger than available brokers: 1";
        QTest::newRow("retention.ms not a number") << "ok" << 1 << "retention.ms" << "7d"
                                                   << "Invalid value 7d for configuration retention.ms";
        QTest::newRow("retention.ms below -1") << "ok" << 1 << "retention.ms" << "-2" << "must be at least -1";
        QTest::newRow("segment.bytes too small") << "ok" << 1 << "segment.bytes" << "10" << "must be at least 14";
        QTest::newRow("min.insync.replicas zero") << "ok" << 1 << "min.insync.replicas" << "0" << "must be at least 1";
        QTest::newRow("cleanup.policy unknown") << "ok" << 1 << "cleanup.policy" << "shred" << "each element must be one of";
        QTest::newRow("max.message.bytes empty") << "ok" << 1 << "max.message.bytes" << "" << "needs a value";
    }
    void invalidInputShowsMessageAndSendsNothing()
    {
        QFETCH(QString, name);
        QFETCH(int, replication);
        QFETCH(QString, config);
        QFETCH(QString, value);
        QFETCH(QString, message);

        FakeAdminService admin;
        TopicForm form(&admin, {QStringLiteral("orders"), QStringLiteral("my_topic")}, {1});
        form.nameEdit()->setText(name);
        form.replicationSpin()->setValue(replication);
        if (!config.isEmpty())
            setOverride(form, config, value);

        QVERIFY2(form.messageText().contains(message), qPrintable(form.messageText()));
        QVERIFY(!form.applyButton()->isEnabled());
        QVERIFY(!form.validateButton()->isEnabled());
        QVERIFY(form.preview()->command().isEmpty());  // no command for an invalid form
        QVERIFY(!form.submit());
        QVERIFY(!form.validateOnly());
        QTest::mouseClick(form.applyButton(), Qt::LeftButton);
        QCoreApplication::processEvents();
        QCOMPARE(admin.changeCount(), 0);
    }

    void validFormSendsExactCreateTopics()
    {
        FakeAdminService admin;
        TopicForm form(&admin, {QStringLiteral("orders")}, {1, 2, 3});
        form.nameEdit()->setText(QStringLiteral("payments"));
        form.partitionsSpin()->setValue(6);
        form.replicationSpin()->setValue(3);
        setOverride(form, QStringLiteral("retention.ms"), QStringLiteral("86400000"));
        setOverride(form, QStringLiteral("cleanup.policy"), QStringLiteral("compact,delete"));
        setOverride(form, QStringLiteral("min.insync.replicas"), QStringLiteral("2"));
        QVERIFY2(form.validationErrors().isEmpty(), qPrintable(form.validationErrors().join('\n')));
        QVERIFY(form.applyButton()->isEnabled());
        QCOMPARE(form.editor(QStringLiteral("retention.ms"))->humanLabel()->text(), QStringLiteral("= 1 day"));

        NewTopicRequest expected;
        expected.name = QStringLiteral("payments");
        expected.partitions = 6;
        expected.replicationFactor = 3;
        expected.configs = {{QStringLiteral("retention.ms"), QStringLiteral("86400000")},
                            {QStringLiteral("cleanup.policy"), QStringLiteral("compact,delete")},
                            {QStringLiteral("min.insync.replicas"), QStringLiteral("2")}};
        QCOMPARE(form.preview()->command(),
                 QStringLiteral("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments "
                                "--partitions 6 --replication-factor 3 --config cleanup.policy=compact,delete "
                                "--config min.insync.replicas=2 --config retention.ms=86400000"));
        QVERIFY(form.preview()->diffText().contains(QStringLiteral("retention.ms: 604800000 (7 days) [default] → 86400000 (1 day)")));

        // Validate only: the same request with validate_only, and the dialog stays open.
        QSignalSpy finished(&form, &TopicForm::finished);
        QVERIFY(form.validateOnly());
        QTRY_COMPARE(finished.count(), 1);
        expected.validateOnly = true;
        QCOMPARE(admin.createRequests.size(), 1);
        QCOMPARE(admin.createRequests.first(), expected);
        QVERIFY2(form.statusText().contains("validate only, nothing was created"), qPrintable(form.statusText()));

        QSignalSpy applied(&form, &TopicForm::applied);
        QVERIFY(form.submit());
        QTRY_COMPARE(applied.count(), 1);
        expected.validateOnly = false;
        QCOMPARE(admin.createRequests.size(), 2);
        QCOMPARE(admin.createRequests.last(), expected);
        QCOMPARE(applied.first().first().toString(), QStringLiteral("payments"));
    }

    void showsBrokerDefaultsAndSources()
    {
        FakeAdminService admin;
        admin.brokerConfigs.insert(QStringLiteral("1"), brokerOne());
        TopicForm form(&admin, {}, {1});
        QSignalSpy loaded(&form, &TopicForm::loaded);
        form.load();
        QTRY_COMPARE(loaded.count(), 1);
        ConfigValueEditor *retention = form.editor(QStringLiteral("retention.ms"));
        QCOMPARE(retention->inheritedValue(), QStringLiteral("259200000"));  // 72 hours in ms
        QCOMPARE(retention->lineEdit()->text(), QStringLiteral("259200000"));
        QVERIFY(!retention->lineEdit()->isEnabled());  // inherited until overridden
        QCOMPARE(retention->humanLabel()->text(), QStringLiteral("= 3 days"));
        QCOMPARE(retention->sourceLabel()->text(), QStringLiteral("Broker, server.properties (log.retention.hours)"));
        QCOMPARE(form.editor(QStringLiteral("segment.bytes"))->humanLabel()->text(), QStringLiteral("= 1 GiB"));
        QCOMPARE(form.editor(QStringLiteral("retention.bytes"))->humanLabel()->text(), QStringLiteral("= unlimited"));
        QCOMPARE(form.editor(QStringLiteral("segment.bytes"))->sourceLabel()->text(), QStringLiteral("Kafka default"));
        // Nothing overridden: the request carries no configs.
        form.nameEdit()->setText(QStringLiteral("plain"));
        QVERIFY(form.createRequest().configs.isEmpty());
    }

    void showsKafkaErrorWhenRefused()
    {
        FakeAdminService admin;
        admin.nextResult = AdminResult::failure(37, QStringLiteral("INVALID_PARTITIONS"),
                                                QStringLiteral("Number of partitions must be larger than 0."));
        TopicForm form(&admin, {}, {1});
        form.nameEdit()->setText(QStringLiteral("refused"));
        QSignalSpy finished(&form, &TopicForm::finished);
        QSignalSpy applied(&form, &TopicForm::applied);
        QVERIFY(form.submit());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(applied.count(), 0);
        QCOMPARE(form.statusText(),
                 QStringLiteral("The cluster refused: INVALID_PARTITIONS: Number of partitions must be larger than 0."));
        QVERIFY(form.applyButton()->isEnabled());  // the user can fix and retry
    }

    void editSendsPartitionsThenIncrementalAlter()
    {
        FakeAdminService admin;
        admin.topicConfigs.insert(QStringLiteral("orders"), ordersConfigs());
        TopicForm form(&admin, QStringLiteral("orders"), 3, 1);
        QSignalSpy loaded(&form, &TopicForm::loaded);
        form.load();
        QTRY_COMPARE(loaded.count(), 1);

        ConfigValueEditor *retention = form.editor(QStringLiteral("retention.ms"));
        QVERIFY(retention->isOverridden());
        QCOMPARE(retention->value(), QStringLiteral("86400000"));
        QCOMPARE(retention->inheritedValue(), QStringLiteral("259200000"));
        QVERIFY(retention->sourceLabel()->text().contains("Broker, server.properties (log.retention.hours)"));
        QVERIFY(!form.applyButton()->isEnabled());  // nothing changed yet
        QVERIFY(!form.submit());
        QCOMPARE(form.partitionsSpin()->minimum(), 3);  // Kafka only adds partitions

        form.partitionsSpin()->setValue(6);
        retention->setOverridden(false);  // back to the broker's value: DELETE
        setOverride(form, QStringLiteral("retention.bytes"), QStringLiteral("1073741824"));

        QCOMPARE(form.preview()->diffText(),
                 QStringLiteral("partitions: 3 → 6\n"
                                "retention.ms: 86400000 (1 day) → 259200000 (3 days) [override removed, inherits]\n"
                                "retention.bytes: -1 (unlimited) [inherited] → 1073741824 (1 GiB)"));
        QCOMPARE(form.preview()->command(),
                 QStringLiteral("kafka-topics.sh --bootstrap-server localhost:9092 --alter --topic orders --partitions 6\n"
                                "kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type topics "
                                "--entity-name orders --add-config retention.bytes=1073741824 --delete-config retention.ms"));

        QSignalSpy applied(&form, &TopicForm::applied);
        QVERIFY(form.submit());
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(admin.partitionRequests.size(), 1);
        QCOMPARE(admin.partitionRequests.first(), (CreatePartitionsRequest{QStringLiteral("orders"), 6, false}));
        QCOMPARE(admin.alterRequests.size(), 1);
        AlterConfigsRequest expected;
        expected.type = ConfigResourceType::Topic;
        expected.resourceName = QStringLiteral("orders");
        expected.alterations = {
            {QStringLiteral("retention.ms"), ConfigAlteration::Operation::Delete, {}},
            {QStringLiteral("retention.bytes"), ConfigAlteration::Operation::Set, QStringLiteral("1073741824")}};
        QCOMPARE(admin.alterRequests.first(), expected);
    }

    void editStopsAtFirstRefusal()
    {
        FakeAdminService admin;
        admin.nextResult = AdminResult::failure(37, QStringLiteral("INVALID_PARTITIONS"),
                                                QStringLiteral("Topic currently has 3 partitions, which is higher than the requested 2."));
        TopicForm form(&admin, QStringLiteral("orders"), 3, 1);
        form.partitionsSpin()->setValue(4);
        setOverride(form, QStringLiteral("retention.ms"), QStringLiteral("1000"));
        QSignalSpy finished(&form, &TopicForm::finished);
        QVERIFY(form.submit());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(admin.partitionRequests.size(), 1);
        QCOMPARE(admin.alterRequests.size(), 0);
        QVERIFY(form.statusText().contains("INVALID_PARTITIONS: Topic currently has 3 partitions"));
    }
};

QTEST_MAIN(TestTopicForm)
#include "test_topic_form.moc"
