// End to end against a real embedded node (port 0, temporary data dir): create a topic through the TopicForm
// (validate-only first, then for real), see it with its configs and sources, alter retention.ms in the retention
// view, read it back, add partitions, delete records and delete the topic — all over the Kafka admin protocol.
// SLUICE_SCREENSHOTS=1 saves /tmp/sluice-topic-form.png, /tmp/sluice-retention.png and /tmp/sluice-broker-configs.png.
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "engine/client/cluster_client.h"

#include <QTabWidget>
#include <QToolBar>

#include "AppOptions.h"
#include "BrokerConfigDialog.h"
#include "BrokerConfigsModel.h"
#include "BrokerConfigsView.h"
#include "ClusterSession.h"
#include "ConfigValueEditor.h"
#include "DeleteRecordsDialog.h"
#include "DeleteTopicDialog.h"
#include "KafkaAdminService.h"
#include "LocalCluster.h"
#include "MainWindow.h"
#include "Startup.h"
#include "TopicActions.h"
#include "RetentionEditor.h"
#include "RetentionModel.h"
#include "RetentionView.h"
#include "SnapshotProviderFactory.h"
#include "TopicForm.h"
#include "Translations.h"

namespace {

constexpr int Timeout = 15000;

template <class T>
T waitFor(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, Timeout) || future.resultCount() == 0)
        return T{};
    return future.result();
}

QString produce(const QString &bootstrap, const QString &topic, int partition, int count, int valueBytes)
{
    sluice::client::cluster_client client(bootstrap.toStdString(), std::chrono::seconds(5));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr int BatchSize = 500;  // batches stay below max.message.bytes
    for (int first = 0; first < count; first += BatchSize) {
        std::vector<sluice::protocol::record> records;
        for (int i = first; i < std::min(count, first + BatchSize); ++i) {
            sluice::protocol::record record;
            // Spread over the last hours, like a topic that has been receiving for a while.
            record.timestamp = now - static_cast<qint64>(count - i) * 9000;
            std::string value = "record-" + std::to_string(i) + "-";
            value.resize(static_cast<std::size_t>(valueBytes), 'x');
            record.key = std::vector<uint8_t>{static_cast<uint8_t>('k'), static_cast<uint8_t>('0' + i % 10)};
            record.value = std::vector<uint8_t>(value.begin(), value.end());
            records.push_back(std::move(record));
        }
        auto produced = client.produce(topic.toStdString(), partition, records);
        if (!produced.ok())
            return QString::fromStdString(produced.err().message);
    }
    return {};
}

const sluice::client::topic_info *findTopic(const ClusterSnapshotPtr &snapshot, const QString &name)
{
    if (!snapshot)
        return nullptr;
    for (const auto &t : snapshot->topics)
        if (t.name == name.toStdString())
            return &t;
    return nullptr;
}

QList<int> brokerIds(const ClusterSnapshotPtr &snapshot)
{
    QList<int> ids;
    for (const auto &b : snapshot->brokers)
        ids << b.node_id;
    return ids;
}

QStringList topicNames(const ClusterSnapshotPtr &snapshot)
{
    QStringList names;
    for (const auto &t : snapshot->topics)
        names << QString::fromStdString(t.name);
    return names;
}

void setOverride(ConfigValueEditor *editor, const QString &value)
{
    editor->setOverridden(true);
    if (editor->lineEdit())
        editor->lineEdit()->setText(value);
    else if (editor->comboBox()->isEditable())
        editor->comboBox()->setEditText(value);
    else
        editor->comboBox()->setCurrentText(value);
}

bool screenshots()
{
    return !qEnvironmentVariableIsEmpty("SLUICE_SCREENSHOTS");
}

}  // namespace

class TestAdminE2E : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    LocalCluster *m_cluster = nullptr;
    KafkaAdminService *m_admin = nullptr;
    ClusterSession *m_session = nullptr;

    ClusterSnapshotPtr freshSnapshot()
    {
        const quint64 seen = m_session->latestVersion();
        m_session->refreshNow();
        if (!QTest::qWaitFor([&] { return m_session->latestVersion() > seen; }, Timeout))
            qWarning("no fresh snapshot within %d ms", Timeout);
        return m_session->latestSnapshot();
    }

    // Creates a topic through the form, as a user would.
    void createViaForm(const QString &name, int partitions, const QMap<QString, QString> &overrides)
    {
        const ClusterSnapshotPtr snapshot = freshSnapshot();
        TopicForm form(m_admin, topicNames(snapshot), brokerIds(snapshot));
        form.load();
        QTRY_VERIFY_WITH_TIMEOUT(form.isLoaded(), Timeout);
        form.nameEdit()->setText(name);
        form.partitionsSpin()->setValue(partitions);
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
            setOverride(form.editor(it.key()), it.value());
        QSignalSpy applied(&form, &TopicForm::applied);
        QVERIFY2(form.submit(), qPrintable(form.validationErrors().join('\n')));
        QTRY_VERIFY_WITH_TIMEOUT(!form.isBusy(), Timeout);
        QVERIFY2(applied.count() == 1, qPrintable(form.statusText()));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dataDir.isValid());
        m_cluster = new LocalCluster(this);
        QVERIFY2(m_cluster->start(m_dataDir.path(), 0), qPrintable(m_cluster->errorString()));
        const sluice::client::cluster_endpoint endpoint{m_cluster->bootstrap().toStdString(), {}};
        m_admin = new KafkaAdminService(endpoint, this);
        m_session = new ClusterSession(makeSnapshotProvider(endpoint), this);
        m_session->setRefreshInterval(200);
        m_session->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->latestSnapshot() != nullptr, Timeout);
    }

    void cleanupTestCase()
    {
        m_session->stop();
        delete m_admin;
        m_admin = nullptr;
        m_cluster->stop();
    }

    void createTopicViaFormAndReadBack()
    {
        const ClusterSnapshotPtr snapshot = freshSnapshot();
        const QList<int> brokers = brokerIds(snapshot);
        QVERIFY(!brokers.isEmpty());
        TopicForm form(m_admin, topicNames(snapshot), brokers);
        form.load();
        QTRY_VERIFY_WITH_TIMEOUT(form.isLoaded(), Timeout);
        // Defaults come from the broker: 7 days (log.retention.hours=168 by default).
        ConfigValueEditor *retention = form.editor(QStringLiteral("retention.ms"));
        QCOMPARE(retention->inheritedValue(), QStringLiteral("604800000"));
        QCOMPARE(retention->humanLabel()->text(), QStringLiteral("= 7 days"));

        form.nameEdit()->setText(QStringLiteral("orders"));
        form.partitionsSpin()->setValue(3);
        setOverride(retention, QStringLiteral("86400000"));
        setOverride(form.editor(QStringLiteral("segment.bytes")), QStringLiteral("1048576"));

        // Validate only: the cluster accepts it and creates nothing.
        QSignalSpy finished(&form, &TopicForm::finished);
        QVERIFY(form.validateOnly());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(form.statusText().contains(QLatin1String("validate only")), qPrintable(form.statusText()));
        QVERIFY(!findTopic(freshSnapshot(), QStringLiteral("orders")));

        QSignalSpy applied(&form, &TopicForm::applied);
        QVERIFY(form.submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, Timeout);
        QVERIFY2(applied.count() == 1, qPrintable(form.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(freshSnapshot(), QStringLiteral("orders")), Timeout);
        QCOMPARE(findTopic(m_session->latestSnapshot(), QStringLiteral("orders"))->partitions.size(), std::size_t(3));

        const auto described = waitFor(m_admin->describeConfigs(ConfigResourceType::Topic, {QStringLiteral("orders")}));
        QCOMPARE(described.size(), 1);
        QVERIFY2(described.first().result.ok(), qPrintable(described.first().result.text()));
        const ConfigEntry *ms = described.first().find(QStringLiteral("retention.ms"));
        QVERIFY(ms);
        QCOMPARE(ms->value, QStringLiteral("86400000"));
        QCOMPARE(ms->source, ConfigSource::TopicOverride);
        const ConfigEntry *policy = described.first().find(QStringLiteral("cleanup.policy"));
        QVERIFY(policy);
        QCOMPARE(policy->value, QStringLiteral("delete"));
        QVERIFY(policy->source != ConfigSource::TopicOverride);
    }

    void clusterRefusalShowsKafkaMessage()
    {
        // The form does not know "orders" exists (stale list): the cluster refuses with TOPIC_ALREADY_EXISTS.
        TopicForm form(m_admin, {}, brokerIds(freshSnapshot()));
        form.nameEdit()->setText(QStringLiteral("orders"));
        QSignalSpy finished(&form, &TopicForm::finished);
        QVERIFY(form.submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(form.statusText().startsWith(QLatin1String("The cluster refused: TOPIC_ALREADY_EXISTS")),
                 qPrintable(form.statusText()));
    }

    void alterRetentionInRetentionViewAndReadBack()
    {
        const QString failure = produce(m_cluster->bootstrap(), QStringLiteral("orders"), 0, 200, 400);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        RetentionModel model;
        RetentionView view(m_admin, &model);
        view.resize(1100, 650);
        QSignalSpy refreshed(&view, &RetentionView::refreshed);
        view.onSnapshotReady(freshSnapshot(), m_session->latestVersion());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, Timeout);
        const int row = model.rowOf(QStringLiteral("orders"));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, RetentionModel::RetentionTime).data().toString(), QStringLiteral("1 day"));
        QCOMPARE(model.index(row, RetentionModel::CleanupPolicy).data().toString(), QStringLiteral("delete"));
        QCOMPARE(model.index(row, RetentionModel::Records).data(RetentionModel::RawValueRole).toLongLong(), 200);
        QVERIFY2(model.index(row, RetentionModel::Size).data(RetentionModel::RawValueRole).toLongLong() > 200 * 400,
                 qPrintable(model.index(row, RetentionModel::Size).data().toString()));
        QVERIFY(model.index(row, RetentionModel::OldestRecord).data(RetentionModel::RawValueRole).toLongLong() > 0);

        view.selectTopic(QStringLiteral("orders"));
        RetentionEditor *editor = view.editor();
        QCOMPARE(editor->topic(), QStringLiteral("orders"));
        ConfigValueEditor *ms = editor->editor(QStringLiteral("retention.ms"));
        QVERIFY(ms->isOverridden());
        ms->lineEdit()->setText(QStringLiteral("3600000"));
        QSignalSpy applied(editor, &RetentionEditor::applied);
        QSignalSpy done(editor, &RetentionEditor::finished);
        QVERIFY(editor->apply());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
        QVERIFY2(applied.count() == 1, qPrintable(editor->statusText()));

        const auto described = waitFor(m_admin->describeConfigs(ConfigResourceType::Topic, {QStringLiteral("orders")}));
        QCOMPARE(described.first().find(QStringLiteral("retention.ms"))->value, QStringLiteral("3600000"));
        // The view re-reads after the change.
        QTRY_COMPARE_WITH_TIMEOUT(model.index(model.rowOf(QStringLiteral("orders")), RetentionModel::RetentionTime).data().toString(),
                                  QStringLiteral("1 hour"), Timeout);
    }

    void addPartitionsViaEditForm()
    {
        TopicForm form(m_admin, QStringLiteral("orders"), 3, 1);
        form.load();
        QTRY_VERIFY_WITH_TIMEOUT(form.isLoaded(), Timeout);
        QVERIFY(form.editor(QStringLiteral("retention.ms"))->isOverridden());
        QCOMPARE(form.editor(QStringLiteral("retention.ms"))->value(), QStringLiteral("3600000"));
        form.partitionsSpin()->setValue(4);
        QSignalSpy applied(&form, &TopicForm::applied);
        QSignalSpy finished(&form, &TopicForm::finished);
        QVERIFY(form.submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(applied.count() == 1, qPrintable(form.statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(findTopic(freshSnapshot(), QStringLiteral("orders"))->partitions.size(), std::size_t(4),
                                  Timeout);
    }

    void deleteRecordsUpToAnOffset()
    {
        QList<DeleteRecordsDialog::PartitionOffsets> partitions;
        for (const auto &p : findTopic(freshSnapshot(), QStringLiteral("orders"))->partitions)
            partitions << DeleteRecordsDialog::PartitionOffsets{p.partition, p.start_offset, p.end_offset};
        DeleteRecordsDialog dialog(m_admin, QStringLiteral("orders"), partitions);
        dialog.setOffset(0, 50);
        QSignalSpy finished(&dialog, &DeleteRecordsDialog::finished);
        QVERIFY(dialog.submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(dialog.statusText() == QLatin1String("Deleted the records."), qPrintable(dialog.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(findTopic(freshSnapshot(), QStringLiteral("orders"))->partitions.front().start_offset == 50,
                                 Timeout);
    }

    void screenshotsWithRealData()
    {
        if (!screenshots())
            QSKIP("set SLUICE_SCREENSHOTS=1 to save screenshots");
        // A few topics a Kafka user would recognise.
        createViaForm(QStringLiteral("payments"), 6, {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                                       {QStringLiteral("min.compaction.lag.ms"), QStringLiteral("60000")}});
        createViaForm(QStringLiteral("clickstream"), 12, {{QStringLiteral("retention.bytes"), QStringLiteral("1073741824")},
                                                           {QStringLiteral("retention.ms"), QStringLiteral("172800000")},
                                                           {QStringLiteral("compression.type"), QStringLiteral("zstd")}});
        createViaForm(QStringLiteral("audit-log"), 1, {{QStringLiteral("retention.ms"), QStringLiteral("-1")}});
        for (const auto &[topic, partition, count, bytes] :
             {std::tuple{QStringLiteral("payments"), 0, 500, 200}, std::tuple{QStringLiteral("clickstream"), 3, 3000, 700},
              std::tuple{QStringLiteral("clickstream"), 7, 1500, 700}, std::tuple{QStringLiteral("audit-log"), 0, 40, 120}}) {
            const QString failure = produce(m_cluster->bootstrap(), topic, partition, count, bytes);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }

        // The edit form of "clickstream" with a pending change, so the diff and command show.
        TopicForm form(m_admin, QStringLiteral("clickstream"), 12, 1);
        form.load();
        QTRY_VERIFY_WITH_TIMEOUT(form.isLoaded(), Timeout);
        form.partitionsSpin()->setValue(16);
        setOverride(form.editor(QStringLiteral("retention.ms")), QStringLiteral("604800000"));
        setOverride(form.editor(QStringLiteral("max.message.bytes")), QStringLiteral("5242880"));
        form.resize(form.sizeHint().width() + 40, form.sizeHint().height());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY(form.grab().save(QStringLiteral("/tmp/sluice-topic-form.png")));

        TopicForm create(m_admin, topicNames(freshSnapshot()), brokerIds(m_session->latestSnapshot()));
        create.load();
        QTRY_VERIFY_WITH_TIMEOUT(create.isLoaded(), Timeout);
        create.nameEdit()->setText(QStringLiteral("orders.v2_eu"));
        create.partitionsSpin()->setValue(6);
        setOverride(create.editor(QStringLiteral("retention.ms")), QStringLiteral("259200000"));
        setOverride(create.editor(QStringLiteral("segment.bytes")), QStringLiteral("abc"));
        create.show();
        QVERIFY(QTest::qWaitForWindowExposed(&create));
        QVERIFY(create.grab().save(QStringLiteral("/tmp/sluice-topic-form-create.png")));

        RetentionModel model;
        RetentionView view(m_admin, &model);
        view.resize(1150, 680);
        QSignalSpy refreshed(&view, &RetentionView::refreshed);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.onSnapshotReady(freshSnapshot(), m_session->latestVersion());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, Timeout);
        view.selectTopic(QStringLiteral("clickstream"));
        setOverride(view.editor()->editor(QStringLiteral("retention.ms")), QStringLiteral("86400000"));
        QTest::qWait(100);
        QVERIFY(view.grab().save(QStringLiteral("/tmp/sluice-retention.png")));

        QList<DeleteRecordsDialog::PartitionOffsets> offsets;
        for (const auto &p : findTopic(freshSnapshot(), QStringLiteral("clickstream"))->partitions)
            offsets << DeleteRecordsDialog::PartitionOffsets{p.partition, p.start_offset, p.end_offset};
        DeleteRecordsDialog records(m_admin, QStringLiteral("clickstream"), offsets);
        records.setOffset(3, 1000);
        records.setOffset(7, -1);
        records.show();
        QVERIFY(QTest::qWaitForWindowExposed(&records));
        QVERIFY(records.grab().save(QStringLiteral("/tmp/sluice-delete-records.png")));
        DeleteTopicDialog deleteTopic(m_admin, QStringLiteral("clickstream"), 12, 4500);
        deleteTopic.confirmEdit()->setText(QStringLiteral("clicks"));
        deleteTopic.show();
        QVERIFY(QTest::qWaitForWindowExposed(&deleteTopic));
        QVERIFY(deleteTopic.grab().save(QStringLiteral("/tmp/sluice-delete-topic.png")));

        BrokerConfigsModel brokerModel;
        BrokerConfigsView brokerView(m_admin, &brokerModel);
        brokerView.resize(1150, 680);
        QSignalSpy brokerRefreshed(&brokerView, &BrokerConfigsView::refreshed);
        brokerView.show();
        QVERIFY(QTest::qWaitForWindowExposed(&brokerView));
        brokerView.onSnapshotReady(m_session->latestSnapshot(), m_session->latestVersion());
        QTRY_VERIFY_WITH_TIMEOUT(brokerRefreshed.count() >= 1, Timeout);
        QVERIFY(brokerModel.rowCount() > 10);
        QVERIFY(brokerView.grab().save(QStringLiteral("/tmp/sluice-broker-configs.png")));
    }

    void mainWindowHasAdminTabsAndActions()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_admin_e2e"));
        QString error;
        const auto options = AppOptions::parse({QStringLiteral("sluice"), QStringLiteral("--no-embedded"),
                                                QStringLiteral("--bootstrap"), m_cluster->bootstrap(),
                                                QStringLiteral("--refresh-ms"), QStringLiteral("300")},
                                               &error);
        QVERIFY2(options, qPrintable(error));
        auto window = createMainWindow(*options);
        QVERIFY(window->adminService());
        QVERIFY(window->topicActions());
        QStringList tabs;
        for (int i = 0; i < window->tabs()->count(); ++i)
            tabs << window->tabs()->tabText(i);
        QVERIFY2(tabs.contains(QStringLiteral("Retention")) && tabs.contains(QStringLiteral("Broker configs")),
                 qPrintable(tabs.join(", ")));
        auto *toolbar = window->findChild<QToolBar *>(QStringLiteral("mainToolbar"));
        QVERIFY(toolbar);
        QVERIFY(toolbar->actions().contains(window->topicActions()->newTopicAction()));
        window->resize(1280, 760);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QSignalSpy refreshed(window->retentionView(), &RetentionView::refreshed);
        window->tabs()->setCurrentWidget(window->retentionView());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(window->retentionView()->model()->rowOf(QStringLiteral("orders")) >= 0, Timeout);
        if (screenshots()) {
            window->retentionView()->selectTopic(QStringLiteral("payments"));
            QTest::qWait(200);
            QVERIFY(window->grab().save(QStringLiteral("/tmp/sluice-main-retention.png")));
        }
    }

    void alterDynamicBrokerConfigAndReadBack()
    {
        BrokerConfigsModel model;
        BrokerConfigsView view(m_admin, &model);
        QSignalSpy refreshed(&view, &BrokerConfigsView::refreshed);
        view.onSnapshotReady(freshSnapshot(), m_session->latestVersion());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, Timeout);
        const QString key = QStringLiteral("log.cleaner.delete.retention.ms");
        const int row = model.rowOf(key);
        QVERIFY(row >= 0);
        QVERIFY(!view.editConfig(model.rowOf(QStringLiteral("log.dirs"))));  // read-only: no dialog
        BrokerConfigDialog *dialog = view.editConfig(row);
        QVERIFY(dialog);
        dialog->valueEdit()->setText(QStringLiteral("3600000"));
        QSignalSpy finished(dialog, &BrokerConfigDialog::finished);
        QVERIFY(dialog->submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(finished.first().first().value<AdminResult>().ok(),
                 qPrintable(finished.first().first().value<AdminResult>().text()));
        const QString broker = model.brokerId();
        const auto described = waitFor(m_admin->describeConfigs(ConfigResourceType::Broker, {broker}));
        QCOMPARE(described.size(), 1);
        const ConfigEntry *e = described.first().find(key);
        QVERIFY(e);
        QCOMPARE(e->value, QStringLiteral("3600000"));
        QCOMPARE(e->source, ConfigSource::DynamicBroker);
    }

    void deleteTopicWithTypedConfirmation()
    {
        DeleteTopicDialog dialog(m_admin, QStringLiteral("orders"), 4, -1);
        QVERIFY(!dialog.submit());
        dialog.confirmEdit()->setText(QStringLiteral("orders"));
        QSignalSpy finished(&dialog, &DeleteTopicDialog::finished);
        QVERIFY(dialog.submit());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
        QVERIFY2(dialog.statusText() == QLatin1String("Deleted topic orders."), qPrintable(dialog.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!findTopic(freshSnapshot(), QStringLiteral("orders")), Timeout);
    }
};

QTEST_MAIN(TestAdminE2E)
#include "test_admin_e2e.moc"
