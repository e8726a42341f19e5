// End to end: the real sluice window with its embedded three-node cluster. The MessagesModel reads records produced
// over the Kafka protocol (offsets, keys, headers, gzip and zstd batches, every start position, paging, 100,000 rows
// and 1 MB values with bounded previews); the Produce… action's form sends a record that the Messages tab then
// shows with its headers and value; bad input in both forms gives a clear message. SLUICE_SCREENSHOTS=1 saves
// /tmp/sluice-messages.png and /tmp/sluice-produce.png.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <string>
#include <vector>

#include "AppOptions.h"
#include "ClusterSession.h"
#include "MainWindow.h"
#include "MessageBrowserView.h"
#include "MessagesFilterModel.h"
#include "MessagesModel.h"
#include "MessagesSession.h"
#include "ProduceDialog.h"
#include "Startup.h"
#include "TopicsView.h"
#include "Translations.h"
#include "ValueFormat.h"
#include "engine/client/admin_client.h"
#include "engine/client/cluster_client.h"
#include "engine/client/partitioner.h"

using sluice::protocol::compression_codec;

namespace {

constexpr int Timeout = 30000;

std::vector<uint8_t> bytesOf(const std::string& s) { return {s.begin(), s.end()}; }

QByteArray qbytes(const std::string& s) { return QByteArray::fromStdString(s); }

bool screenshots() { return !qEnvironmentVariableIsEmpty("SLUICE_SCREENSHOTS"); }

}  // namespace

class TestMessagesE2E : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<MainWindow> m_window;
    std::string m_bootstrap;
    const qint64 m_t0 = 1700000000000;

    QString createTopic(const std::string& name, int partitions) {
        sluice::client::admin_client admin(m_bootstrap, std::chrono::seconds(10));
        auto created = admin.create_topics({{name, partitions, -1, {}, {}}});
        if (!created.ok()) return QString::fromStdString(created.err().message);
        for (const auto& item : created.value())
            if (!item.ok()) return QString::fromStdString(item.message);
        sluice::client::cluster_client client(m_bootstrap, std::chrono::seconds(5));
        for (int attempt = 0; attempt < 200; ++attempt) {
            auto meta = client.topic_metadata(name);
            bool ready = meta.ok() && meta->partitions.size() == static_cast<std::size_t>(partitions);
            if (ready)
                for (const auto& p : meta->partitions) ready = ready && p.leader >= 0;
            if (ready) return {};
            QTest::qWait(50);
        }
        return QStringLiteral("no leaders for ") + QString::fromStdString(name);
    }

    QString produce(const std::string& topic, int partition, const std::vector<sluice::protocol::record>& records,
                    compression_codec codec = compression_codec::none) {
        sluice::client::cluster_client client(m_bootstrap, std::chrono::seconds(10));
        QString last;
        for (int attempt = 0; attempt < 20; ++attempt) {
            auto produced = client.produce(topic, partition, records, -1, codec);
            if (produced.ok()) return {};
            last = QString::fromStdString(produced.err().message);
            QTest::qWait(200);
        }
        return last;
    }

    // Pages until the model has read to the end (as a view scrolling down would).
    bool readAll(MessagesModel& model) {
        for (int i = 0; i < 1000; ++i) {
            if (!QTest::qWaitFor([&] { return !model.isBusy(); }, Timeout)) return false;
            if (!model.errorString().isEmpty()) {
                qWarning("%s", qPrintable(model.errorString()));
                return false;
            }
            if (model.atEnd() || model.limitReached()) return true;
            model.fetchMore({});
        }
        return false;
    }

private slots:
    void initTestCase() {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_messages_e2e"));
        QVERIFY(m_dataDir.isValid());
        QString error;
        const auto options = AppOptions::parse(
            {QStringLiteral("sluice"), QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--refresh-ms"), QStringLiteral("200")},
            &error);
        QVERIFY2(options, qPrintable(error));
        m_window = createMainWindow(*options);
        QVERIFY(m_window->messagesSession());
        QVERIFY(m_window->messageBrowserView());
        QCOMPARE(m_window->messageBrowserView()->objectName(), QStringLiteral("messageBrowserView"));
        m_bootstrap = m_window->bootstrap().toStdString();
        // All three nodes registered: topics are created with the default replication factor, 3, which a
        // cluster that has registered only one broker yet refuses (INVALID_REPLICATION_FACTOR).
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->session()->latestSnapshot() && m_window->session()->latestSnapshot()->brokers.size() == 3,
            Timeout);
    }

    void cleanupTestCase() { m_window.reset(); }

    void modelReadsOffsetsKeysHeadersAndCodecs() {
        QCOMPARE(createTopic("orders", 3), QString());
        // Partition 0: a plain, a gzip and a zstd batch of 4 records each; partitions 1 and 2: one record each.
        const compression_codec codecs[] = {compression_codec::none, compression_codec::gzip, compression_codec::zstd};
        for (int b = 0; b < 3; ++b) {
            std::vector<sluice::protocol::record> records;
            for (int i = 0; i < 4; ++i) {
                const int n = b * 4 + i;
                sluice::protocol::record r;
                r.timestamp = m_t0 + n * 1000;
                r.key = bytesOf("order-" + std::to_string(n));
                r.value = bytesOf("{\"n\":" + std::to_string(n) + ",\"pad\":\"" + std::string(300, 'z') + "\"}");
                r.headers = {{"source", bytesOf("test")}, {"n", bytesOf(std::to_string(n))}};
                records.push_back(std::move(r));
            }
            QCOMPARE(produce("orders", 0, records, codecs[b]), QString());
        }
        for (int p = 1; p < 3; ++p) {
            sluice::protocol::record r;
            r.timestamp = m_t0;
            r.value = bytesOf("p" + std::to_string(p));  // null key
            QCOMPARE(produce("orders", p, {r}), QString());
        }

        MessagesModel model(m_window->messagesSession());
        model.start(QStringLiteral("orders"), {}, {sluice::client::start_from::earliest, 0});
        QVERIFY(readAll(model));
        QCOMPARE(model.rowCount(), 14);
        int partition0 = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto& m = model.record(row);
            if (m.partition != 0) {
                QVERIFY(!m.key.has_value());
                QCOMPARE(model.data(model.index(row, MessagesModel::KeyColumn)).toString(), valueformat::nullText());
                QCOMPARE(model.data(model.index(row, MessagesModel::OffsetColumn)).toLongLong(), 0);
                continue;
            }
            const int n = partition0++;
            QCOMPARE(m.offset, n);
            QCOMPARE(m.timestamp, m_t0 + n * 1000);
            QCOMPARE(model.data(model.index(row, MessagesModel::KeyColumn)).toString(),
                     QStringLiteral("order-%1").arg(n));
            QCOMPARE(model.data(model.index(row, MessagesModel::OffsetColumn)).toLongLong(), n);
            QCOMPARE(m.headers.size(), std::size_t{2});
            QCOMPARE(QString::fromStdString(m.headers[1].key), QStringLiteral("n"));
            QCOMPARE(qbytes(std::string(m.headers[1].value->begin(), m.headers[1].value->end())),
                     QByteArray::number(n));
            QCOMPARE(model.data(model.index(row, MessagesModel::HeadersColumn)).toString(), QStringLiteral("2"));
            QCOMPARE(static_cast<int>(m.codec), static_cast<int>(codecs[n / 4]));
            QVERIFY(model.data(model.index(row, 0), MessagesModel::ValueBytesRole).toByteArray().startsWith("{\"n\":"));
        }
        QCOMPARE(partition0, 12);
        QCOMPARE(valueformat::codecName(model.record(4).codec), QStringLiteral("gzip"));
        QCOMPARE(valueformat::codecName(model.record(8).codec), QStringLiteral("zstd"));
        // Pretty JSON: the detail text is indented, the table's preview one line.
        model.setValueFormat(ValueFormat::Json);
        QVERIFY(!model.data(model.index(0, MessagesModel::ValueColumn)).toString().contains(QLatin1Char('\n')));
        QVERIFY(
            valueformat::fullText(model.record(0).value, ValueFormat::Json).contains(QStringLiteral("\n    \"n\": 0")));
        // The filter keeps rows whose key, value or headers contain the text.
        MessagesFilterModel filter(&model);
        filter.setNeedle(QStringLiteral("order-1"));  // order-1, order-10, order-11
        QCOMPARE(filter.rowCount(), 3);
        filter.setNeedle(QStringLiteral("p2"));
        QCOMPARE(filter.rowCount(), 1);
    }

    void modelStartsAtTimestampOffsetAndLastN() {
        const std::vector<int32_t> zero{0};
        auto firstOffset = [&](sluice::client::start_position start) -> qint64 {
            MessagesModel model(m_window->messagesSession());
            model.start(QStringLiteral("orders"), zero, start);
            if (!readAll(model) || model.rowCount() == 0) return -1;
            return model.record(0).offset;
        };
        QCOMPARE(firstOffset({sluice::client::start_from::timestamp, m_t0 + 6000}), 6);   // inside the gzip batch
        QCOMPARE(firstOffset({sluice::client::start_from::timestamp, m_t0 + 9500}), 10);  // inside the zstd batch
        QCOMPARE(firstOffset({sluice::client::start_from::offset, 5}), 5);
        QCOMPARE(firstOffset({sluice::client::start_from::latest, 3}), 9);
        MessagesModel none(m_window->messagesSession());
        none.start(QStringLiteral("orders"), zero, {sluice::client::start_from::latest, 0});
        QVERIFY(readAll(none));
        QCOMPARE(none.rowCount(), 0);
        QVERIFY(none.atEnd());
    }

    void modelPagesThroughLargeValuesAndManyRows() {
        QCOMPARE(createTopic("big", 1), QString());
        // Twelve 1 MB values (below Kafka's default message.max.bytes, 1 MiB + 12), one per batch: a page holds a
        // few, so reading them takes several pages.
        constexpr int BigValue = 1000000;
        const std::string big(BigValue, 'v');
        for (int i = 0; i < 12; ++i) {
            sluice::protocol::record r;
            r.timestamp = m_t0;
            r.key = bytesOf("big-" + std::to_string(i));
            r.value = bytesOf(big);
            QCOMPARE(produce("big", 0, {r}, i % 2 ? compression_codec::zstd : compression_codec::none), QString());
        }
        MessagesModel model(m_window->messagesSession());
        model.start(QStringLiteral("big"), {}, {sluice::client::start_from::earliest, 0});
        QVERIFY(QTest::qWaitFor([&] { return !model.isBusy(); }, Timeout));
        QVERIFY(model.rowCount() > 0);
        QVERIFY2(model.rowCount() < 12, "the first page held every 1 MB value");
        QVERIFY(model.canFetchMore({}));
        QVERIFY(readAll(model));
        QCOMPARE(model.rowCount(), 12);
        for (int row = 0; row < 12; ++row) {
            QCOMPARE(model.record(row).offset, row);
            const QString preview = model.data(model.index(row, MessagesModel::ValueColumn)).toString();
            QVERIFY2(preview.size() <= valueformat::PreviewChars + 1, qPrintable(QString::number(preview.size())));
            QCOMPARE(model.data(model.index(row, 0), MessagesModel::ValueBytesRole).toByteArray().size(), BigValue);
        }
        model.setValueFormat(ValueFormat::Hex);
        QVERIFY(model.data(model.index(0, MessagesModel::ValueColumn)).toString().size() <=
                valueformat::PreviewChars + 1);

        QCOMPARE(createTopic("many", 1), QString());
        constexpr int Rows = 100000;
        for (int first = 0; first < Rows; first += 5000) {
            std::vector<sluice::protocol::record> records;
            for (int i = first; i < first + 5000; ++i) {
                sluice::protocol::record r;
                r.timestamp = m_t0 + i;
                r.value = bytesOf("row-" + std::to_string(i));
                records.push_back(std::move(r));
            }
            QCOMPARE(produce("many", 0, records, compression_codec::lz4), QString());
        }
        MessagesModel rows(m_window->messagesSession());
        rows.start(QStringLiteral("many"), {}, {sluice::client::start_from::earliest, 0});
        QVERIFY(readAll(rows));
        QCOMPARE(rows.rowCount(), Rows);
        QCOMPARE(rows.record(Rows - 1).offset, Rows - 1);
        QCOMPARE(rows.data(rows.index(Rows - 1, MessagesModel::ValueColumn)).toString(), QStringLiteral("row-99999"));
        // A row limit stops paging where it says.
        MessagesModel limited(m_window->messagesSession());
        limited.setLimits(1000, MessagesModel::DefaultMaxBytes);
        limited.start(QStringLiteral("many"), {}, {sluice::client::start_from::earliest, 0});
        QVERIFY(readAll(limited));
        QCOMPARE(limited.rowCount(), 1000);
        QVERIFY(limited.limitReached());
        QVERIFY(!limited.canFetchMore({}));
    }

    void produceFormThenBrowserShowsTheRecord() {
        QCOMPARE(createTopic("events", 3), QString());
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBrowserView()->partitionCounts().value(QStringLiteral("events")) == 3,
                                 Timeout);
        // Produce… from the topics view's context menu, on the selected topic.
        QTableView* topics = m_window->topicsView()->tableView();
        const QModelIndexList found = topics->model()->match(topics->model()->index(0, 0), Qt::DisplayRole,
                                                             QStringLiteral("events"), 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        topics->setCurrentIndex(found.first());
        m_window->tabs()->setCurrentWidget(m_window->topicsView());
        QVERIFY(topics->actions().contains(m_window->produceAction()));
        m_window->produceAction()->trigger();
        ProduceDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ProduceDialog*>()) != nullptr);
        QCOMPARE(dialog->topicCombo()->currentText(), QStringLiteral("events"));

        // Bad input is refused with a message that says what to fix; nothing is sent.
        dialog->headersEdit()->setPlainText(QStringLiteral("trace=abc\nnovalue"));
        QVERIFY(!dialog->submit());
        QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("line 2")),
                 qPrintable(dialog->statusLabel()->text()));
        dialog->headersEdit()->setPlainText(QStringLiteral("trace=abc\ntenant=a=b"));
        dialog->partitionCombo()->setEditText(QStringLiteral("7"));
        QVERIFY(!dialog->submit());
        QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("no partition 7")),
                 qPrintable(dialog->statusLabel()->text()));
        dialog->partitionCombo()->setEditText(QStringLiteral("x"));
        QVERIFY(!dialog->submit());
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("\"x\"")));

        // By key: the partition Kafka's default partitioner picks.
        dialog->partitionCombo()->setCurrentIndex(0);
        dialog->keyEdit()->setText(QStringLiteral("customer-42"));
        dialog->valueEdit()->setPlainText(QStringLiteral("{\"order\": 42, \"items\": [1, 2]}"));
        dialog->compressionCombo()->setCurrentText(QStringLiteral("gzip"));
        QVERIFY2(dialog->submit(), qPrintable(dialog->statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), Timeout);
        const int expectedPartition = sluice::client::partition_for_key(bytesOf("customer-42"), 3);
        QVERIFY2(dialog->lastOffset() == 0, qPrintable(dialog->statusLabel()->text()));
        QCOMPARE(dialog->lastPartition(), expectedPartition);
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("offset 0")));
        if (screenshots()) dialog->grab().save(QStringLiteral("/tmp/sluice-produce.png"));
        dialog->close();

        // The browser shows it, with its headers and the whole value.
        MessageBrowserView* view = m_window->messageBrowserView();
        m_window->tabs()->setCurrentWidget(view);
        view->showTopic(QStringLiteral("events"));
        view->startCombo()->setCurrentIndex(2);  // Offset
        view->startValueEdit()->setText(QStringLiteral("abc"));
        QVERIFY(!view->read());
        QVERIFY2(view->statusLabel()->text().contains(QStringLiteral("\"abc\"")),
                 qPrintable(view->statusLabel()->text()));
        view->startValueEdit()->setText(QStringLiteral("0"));
        view->partitionsEdit()->setText(QStringLiteral("5"));
        QVERIFY(!view->read());
        QVERIFY2(view->statusLabel()->text().contains(QStringLiteral("no partition 5")),
                 qPrintable(view->statusLabel()->text()));
        view->partitionsEdit()->setText(QStringLiteral("0-2"));
        QVERIFY(view->read());
        QTRY_VERIFY_WITH_TIMEOUT(!view->model()->isBusy() && view->model()->rowCount() == 1, Timeout);
        QCOMPARE(view->model()->record(0).partition, expectedPartition);
        QVERIFY(view->model()->record(0).codec == compression_codec::gzip);
        view->formatCombo()->setCurrentIndex(1);  // Pretty JSON
        view->tableView()->selectRow(0);
        QTRY_VERIFY(view->valueView()->toPlainText().contains(QStringLiteral("\"order\": 42")));
        QVERIFY(view->valueView()->toPlainText().contains(QLatin1Char('\n')));
        QCOMPARE(view->headersView()->rowCount(), 2);
        QCOMPARE(view->headersView()->item(1, 0)->text(), QStringLiteral("tenant"));
        QCOMPARE(view->headersView()->item(1, 1)->text(), QStringLiteral("a=b"));

        // Live tail: a record produced now appears without another Read.
        view->liveCheck()->setChecked(true);
        sluice::protocol::record later;
        later.timestamp = -1;
        later.key = bytesOf("customer-42");
        later.value = bytesOf("{\"order\": 43}");
        sluice::client::cluster_client client(m_bootstrap, std::chrono::seconds(5));
        QVERIFY(client.produce("events", expectedPartition, {&later, 1}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, Timeout);
        QCOMPARE(view->model()->record(1).offset, 1);
        view->liveCheck()->setChecked(false);

        // Export writes the shown records as JSON lines.
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("events.jsonl"));
        view->filterEdit()->setText(QStringLiteral("43"));
        QCOMPARE(view->exportTo(path), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        QCOMPARE(line.value(QStringLiteral("offset")).toInteger(), 1);
        QCOMPARE(line.value(QStringLiteral("key")).toString(), QStringLiteral("customer-42"));
        QCOMPARE(line.value(QStringLiteral("value")).toString(), QStringLiteral("{\"order\": 43}"));
        QCOMPARE(line.value(QStringLiteral("timestampType")).toString(), QStringLiteral("CreateTime"));
        view->filterEdit()->clear();
        if (screenshots()) {
            view->tableView()->selectRow(0);
            m_window->resize(1200, 760);
            m_window->grab().save(QStringLiteral("/tmp/sluice-messages.png"));
        }
    }
};

QTEST_MAIN(TestMessagesE2E)
#include "test_messages_e2e.moc"
