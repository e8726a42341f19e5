// End to end: the connection form's "Test connection" against a real node with SSL and SASL_SSL listeners
// (certificates made with the openssl tool): a correct SASL_SSL profile passes every step; an unknown CA fails
// at TLS, a wrong password at authentication, each in words and with the later steps not tried. The form stays
// responsive while the probe runs. A window opened on the SASL_SSL profile reads the cluster over it.
// SLUICE_SCREENSHOT_DIR=/dir saves the form after each test as PNGs.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "AppOptions.h"
#include "ClusterSession.h"
#include "ConnectionDialog.h"
#include "MainWindow.h"
#include "Startup.h"
#include "Translations.h"
#include "engine/broker/node.h"
#include "engine/security/scram_seed.h"
#include "fake_secret_store.h"
#include "tests/client/test_certificates.h"

using sluice::security::security_protocol;

namespace {

constexpr int Timeout = 30000;

uint16_t freePort() {
    sluice::asio::io_context io;
    sluice::tcp::acceptor acceptor(io, sluice::tcp::endpoint(sluice::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

}  // namespace

class TestConnectionDialogE2e : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<sluice::broker::node> m_node;
    uint16_t m_ssl = 0;
    uint16_t m_saslSsl = 0;

    QString file(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QString at(uint16_t port) const { return QStringLiteral("127.0.0.1:%1").arg(port); }

    ConnectionProfile saslSslProfile() const {
        ConnectionProfile p;
        p.name = QStringLiteral("Secure");
        p.bootstrap = at(m_saslSsl);
        p.protocol = security_protocol::sasl_ssl;
        p.caFile = file("ca.pem");
        p.saslMechanism = QStringLiteral("SCRAM-SHA-512");
        p.username = QStringLiteral("alice");
        return p;
    }

    // Fills the form, presses Test connection and waits (bounded) for the report. Returns the report's lines.
    QStringList runTest(ConnectionDialog& dialog, const ConnectionProfile& profile, const QString& password,
                        bool expectOk, const char* shot) {
        dialog.setProfile(profile, {password, {}});
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        if (!dialog.isTesting() && finished.isEmpty())
            return {QStringLiteral("not started: ") + dialog.statusLabel()->text()};
        // The GUI thread is free while the probe runs: the button is disabled until the report comes.
        if (finished.isEmpty()) [&] { QVERIFY(!dialog.testButton()->isEnabled()); }();
        if (!finished.wait(Timeout) && finished.isEmpty()) return {QStringLiteral("no report within the timeout")};
        [&] { QCOMPARE(finished.first().first().toBool(), expectOk); }();
        if (const QByteArray dir = qgetenv("SLUICE_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog.grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + QLatin1String(shot));
        return dialog.reportText().split(QLatin1Char('\n'));
    }

private slots:
    void initTestCase() {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString made = sluice::testing::make_test_certificates(m_dir.path());
        QVERIFY2(made.isEmpty(), qPrintable(made));
        m_ssl = freePort();
        m_saslSsl = freePort();
        sluice::broker::node_config config;
        config.port = 0;
        config.data_dir = file("data").toStdString();
        const auto listener = [](const char* name, uint16_t port) {
            return std::string(name) + "://127.0.0.1:" + std::to_string(port);
        };
        config.properties = {
            {"listeners",
             listener("PLAINTEXT", 0) + "," + listener("SSL", m_ssl) + "," + listener("SASL_SSL", m_saslSsl)},
            {"listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL"},
            {"ssl.keystore.type", "PEM"},
            {"ssl.keystore.location", file("server.pem").toStdString()},
            {"ssl.truststore.location", file("ca.pem").toStdString()},
            {"sasl.enabled.mechanisms", "SCRAM-SHA-512"},
        };
        auto alice = sluice::security::parse_add_scram("SCRAM-SHA-512=[name=alice,password=alice-secret]");
        QVERIFY2(alice.ok(), alice.ok() ? "" : alice.err().message.c_str());
        config.scram_users.push_back(alice.value());
        auto started = sluice::broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        m_node = std::move(started.value());
    }

    void cleanupTestCase() {
        if (m_node) m_node->stop();
    }

    void aCorrectProfilePassesEveryStep() {
        FakeSecretStore store;
        ConnectionDialog dialog(&store);
        dialog.show();
        const QStringList lines =
            runTest(dialog, saslSslProfile(), QStringLiteral("alice-secret"), true, "shot-connection-success.png");
        QCOMPARE(lines.size(), 6);
        for (const QString& line : lines) QVERIFY2(line.startsWith(QStringLiteral("✓ ")), qPrintable(lines.join('\n')));
        QVERIFY2(dialog.reportLabel()->text().contains(QLatin1String("Connection works")),
                 qPrintable(dialog.reportLabel()->text()));
    }

    void failuresNameTheirStep_data() {
        QTest::addColumn<int>("which");           // 0: SSL trusting the other CA; 1: SASL_SSL with a wrong password
        QTest::addColumn<QString>("failedLine");  // the start of the ✗ line
        QTest::addColumn<QString>("expected");    // words in it
        QTest::addColumn<QString>("shot");
        QTest::newRow("unknown CA") << 0 << "✗ TLS: "
                                    << "signed by an unknown CA (add its CA to the trust store)"
                                    << "shot-connection-failure.png";
        QTest::newRow("wrong password") << 1 << "✗ Authentication: "
                                        << "check the user name, password"
                                        << "shot-connection-wrong-password.png";
    }
    void failuresNameTheirStep() {
        QFETCH(int, which);
        QFETCH(QString, failedLine);
        QFETCH(QString, expected);
        QFETCH(QString, shot);

        ConnectionProfile p = saslSslProfile();
        if (which == 0) {
            p.protocol = security_protocol::ssl;
            p.bootstrap = at(m_ssl);
            p.caFile = file("other-ca.pem");
        }
        FakeSecretStore store;
        ConnectionDialog dialog(&store);
        dialog.show();
        const QStringList lines = runTest(dialog, p, QStringLiteral("wrong"), false, qPrintable(shot));
        QCOMPARE(lines.size(), 6);
        int failed = -1;
        for (int i = 0; i < lines.size(); ++i)
            if (lines[i].startsWith(QStringLiteral("✗ "))) failed = failed < 0 ? i : failed;
        QVERIFY2(failed >= 0, qPrintable(lines.join('\n')));
        QVERIFY2(lines[failed].startsWith(failedLine), qPrintable(lines.join('\n')));
        QVERIFY2(lines[failed].contains(expected), qPrintable(lines.join('\n')));
        for (int i = 0; i < failed; ++i)
            QVERIFY2(!lines[i].startsWith(QStringLiteral("✗")), qPrintable(lines.join('\n')));
        for (int i = failed + 1; i < lines.size(); ++i)
            QVERIFY2(lines[i].startsWith(QStringLiteral("– ")), qPrintable(lines.join('\n')));
        QVERIFY(dialog.reportLabel()->text().contains(QLatin1String("Connection failed at")));
        QVERIFY(dialog.testButton()->isEnabled());
    }

    // The app's services take the profile's endpoint: a window on the SASL_SSL listener reads the cluster.
    void aWindowReadsTheClusterOverSaslSsl() {
        QString error;
        const auto options =
            AppOptions::parse({QStringLiteral("sluice"), QStringLiteral("--profile"), QStringLiteral("Secure"),
                               QStringLiteral("--refresh-ms"), QStringLiteral("200")},
                              &error);
        QVERIFY2(options.has_value(), qPrintable(error));
        auto window = createClusterWindow(saslSslProfile().endpoint({QStringLiteral("alice-secret"), {}}),
                                          QStringLiteral("Secure"), *options);
        QTRY_VERIFY_WITH_TIMEOUT(window->session()->latestSnapshot() != nullptr, Timeout);
        const auto snapshot = window->session()->latestSnapshot();
        QCOMPARE(snapshot->brokers.size(), std::size_t{1});
        QCOMPARE(snapshot->brokers.front().port, int32_t{m_saslSsl});

        // The same with a wrong password never gets a snapshot, and says why.
        auto refused = createClusterWindow(saslSslProfile().endpoint({QStringLiteral("wrong"), {}}),
                                           QStringLiteral("Secure"), *options);
        QSignalSpy errors(refused->session(), &ClusterSession::errorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), Timeout);
        QVERIFY(refused->session()->latestSnapshot() == nullptr);
        QVERIFY2(errors.first().first().toString().contains(QLatin1String("authentication"), Qt::CaseInsensitive),
                 qPrintable(errors.first().first().toString()));
    }
};

QTEST_MAIN(TestConnectionDialogE2e)
#include "test_connection_dialog_e2e.moc"
