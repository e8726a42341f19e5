// Connection profiles (issue 9): a profile round-trips through QSettings without its passwords; the form refuses
// each bad input with its reason and stays open; passwords go to the SecretStore (an in-memory fake here) and
// are asked for when there is no keychain; the profile becomes the endpoint every client of the cluster uses.
#include <unistd.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "ConnectionDialog.h"
#include "ConnectionProfile.h"
#include "ConnectionsDialog.h"
#include "EndpointLookup.h"
#include "fake_secret_store.h"

using sluice::security::security_protocol;

namespace {

ConnectionProfile saslSsl(const QString& name) {
    ConnectionProfile p;
    p.name = name;
    p.bootstrap = QStringLiteral("kafka-1.example.com:9093, kafka-2.example.com:9093");
    p.protocol = security_protocol::sasl_ssl;
    p.verifyServerHost = false;
    p.saslMechanism = QStringLiteral("SCRAM-SHA-512");
    p.username = QStringLiteral("alice");
    return p;
}

}  // namespace

class TestConnections : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ca;  // an existing, readable file

    QString settingsPath() const { return m_dir.filePath(QStringLiteral("sluice.ini")); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_ca = m_dir.filePath(QStringLiteral("ca.pem"));
        QFile ca(m_ca);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write("-----BEGIN CERTIFICATE-----\n");
    }

    void init() { QFile::remove(settingsPath()); }

    void profilesRoundTripThroughSettings() {
        ConnectionProfile secured = saslSsl(QStringLiteral("Production"));
        secured.caFile = m_ca;
        secured.certificateFile = m_ca;
        ConnectionProfile plain;
        plain.name = QStringLiteral("Dev");
        plain.bootstrap = QStringLiteral("localhost:9092");
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            ConnectionProfiles::save(settings, {secured, plain});
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        const QList<ConnectionProfile> loaded = ConnectionProfiles::load(settings);
        QCOMPARE(loaded.size(), 2);
        QVERIFY(loaded[0] == secured);
        QVERIFY(loaded[1] == plain);
        QCOMPARE(loaded[0].protocol, security_protocol::sasl_ssl);
        QVERIFY(!loaded[0].verifyServerHost);
        QVERIFY(ConnectionProfiles::find(loaded, QStringLiteral("Dev")) != nullptr);
        QVERIFY(ConnectionProfiles::find(loaded, QStringLiteral("Nope")) == nullptr);

        // Saving a shorter list leaves no stale profile behind.
        ConnectionProfiles::save(settings, {plain});
        QCOMPARE(ConnectionProfiles::load(settings).size(), 1);
    }

    // Saved from the list with "Remember": the password is in the keychain, not in the settings file.
    void passwordsGoToTheKeychainNotTheSettings() {
        FakeSecretStore store;
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            ConnectionsDialog list(&settings, &store);
            list.saveProfile(QString(), saslSsl(QStringLiteral("Production")),
                             {QStringLiteral("s3cret-sasl"), QStringLiteral("s3cret-key")}, true);
            QCOMPARE(list.profiles().size(), 1);
        }
        QCOMPARE(store.secrets.value(QStringLiteral("Production/sasl.password")), QStringLiteral("s3cret-sasl"));
        QCOMPARE(store.secrets.value(QStringLiteral("Production/ssl.key.password")), QStringLiteral("s3cret-key"));
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY2(saved.contains("alice"), saved.constData());
        QVERIFY2(!saved.contains("s3cret"), saved.constData());

        QSettings settings(settingsPath(), QSettings::IniFormat);
        ConnectionsDialog list(&settings, &store);
        QCOMPARE(list.profiles().size(), 1);
        // Renamed: the secrets follow the name. Deleted: they go too.
        list.saveProfile(QStringLiteral("Production"), saslSsl(QStringLiteral("Prod")),
                         {QStringLiteral("s3cret-sasl"), {}}, true);
        QVERIFY(!store.secrets.contains(QStringLiteral("Production/sasl.password")));
        QCOMPARE(store.secrets.value(QStringLiteral("Prod/sasl.password")), QStringLiteral("s3cret-sasl"));
        QVERIFY(!store.secrets.contains(QStringLiteral("Prod/ssl.key.password")));  // empty: nothing kept
        QCOMPARE(list.profiles().size(), 1);
        list.deleteProfile(QStringLiteral("Prod"));
        QVERIFY(store.secrets.isEmpty());
        QVERIFY(list.profiles().isEmpty());
    }

    // Edit… fills the form with the kept passwords, so saving it again keeps them in the keychain.
    void editingKeepsTheKeptPasswords() {
        FakeSecretStore store;
        QSettings settings(settingsPath(), QSettings::IniFormat);
        ConnectionsDialog list(&settings, &store);
        list.saveProfile(QString(), saslSsl(QStringLiteral("Prod")), {QStringLiteral("kept"), {}}, true);
        QString seen = QStringLiteral("no form");
        QTimer::singleShot(0, this, [&] {
            auto* form = qobject_cast<ConnectionDialog*>(QApplication::activeModalWidget());
            if (!form) return;
            seen = form->passwordEdit()->text();
            form->usernameEdit()->setText(QStringLiteral("bob"));
            form->accept();
        });
        QTest::mouseClick(list.editButton(), Qt::LeftButton);
        QCOMPARE(seen, QStringLiteral("kept"));
        QCOMPARE(list.profiles().value(0).username, QStringLiteral("bob"));
        QCOMPARE(store.secrets.value(QStringLiteral("Prod/sasl.password")), QStringLiteral("kept"));
    }

    void fakeKeychainStoresReadsDeletes() {
        FakeSecretStore store;
        QString error = QStringLiteral("not called");
        store.write(QStringLiteral("k"), QStringLiteral("v"), [&](const QString& e) { error = e; });
        QVERIFY(error.isEmpty());
        std::optional<QString> read;
        store.read(QStringLiteral("k"), [&](std::optional<QString> v, const QString&) { read = v; });
        QCOMPARE(read.value_or(QString()), QStringLiteral("v"));
        store.remove(QStringLiteral("k"), [&](const QString& e) { error = e; });
        store.read(QStringLiteral("k"), [&](std::optional<QString> v, const QString&) { read = v; });
        QVERIFY(!read.has_value());
    }

    void theFormRefusesBadInput_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("caFile");  // "<ca>": the test's CA file
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("expected");  // empty: accepted

        QTest::newRow("valid plaintext") << "Dev"
                                         << "localhost:9092"
                                         << "PLAINTEXT"
                                         << ""
                                         << ""
                                         << "";
        QTest::newRow("valid SASL_SSL") << "Prod"
                                        << "k1:9093,k2:9093"
                                        << "SASL_SSL"
                                        << "<ca>"
                                        << "alice"
                                        << "";
        QTest::newRow("valid IPv6") << "Dev"
                                    << "[::1]:9092"
                                    << "PLAINTEXT"
                                    << ""
                                    << ""
                                    << "";
        QTest::newRow("no name") << ""
                                 << "localhost:9092"
                                 << "PLAINTEXT"
                                 << ""
                                 << ""
                                 << "Give the connection a name";
        QTest::newRow("name taken") << "Taken"
                                    << "localhost:9092"
                                    << "PLAINTEXT"
                                    << ""
                                    << ""
                                    << "exists already";
        QTest::newRow("empty bootstrap") << "Dev"
                                         << ""
                                         << "PLAINTEXT"
                                         << ""
                                         << ""
                                         << "Bootstrap servers are empty";
        QTest::newRow("no port") << "Dev"
                                 << "kafka"
                                 << "PLAINTEXT"
                                 << ""
                                 << ""
                                 << "\"kafka\" is not host:port";
        QTest::newRow("port not a number") << "Dev"
                                           << "kafka:ninety"
                                           << "PLAINTEXT"
                                           << ""
                                           << ""
                                           << "has no port number";
        QTest::newRow("port too big") << "Dev"
                                      << "kafka:70000"
                                      << "PLAINTEXT"
                                      << ""
                                      << ""
                                      << "port 70000 is outside 1 to 65535";
        QTest::newRow("port zero") << "Dev"
                                   << "kafka:0"
                                   << "PLAINTEXT"
                                   << ""
                                   << ""
                                   << "port 0 is outside";
        QTest::newRow("empty entry") << "Dev"
                                     << "a:9092,,b:9092"
                                     << "PLAINTEXT"
                                     << ""
                                     << ""
                                     << "empty entry";
        QTest::newRow("no host") << "Dev"
                                 << ":9092"
                                 << "PLAINTEXT"
                                 << ""
                                 << ""
                                 << "is not host:port";
        QTest::newRow("CA missing") << "Dev"
                                    << "kafka:9093"
                                    << "SSL"
                                    << "/no/such/ca.pem"
                                    << ""
                                    << "CA file /no/such/ca.pem does not exist";
        QTest::newRow("CA is a directory") << "Dev"
                                           << "kafka:9093"
                                           << "SSL"
                                           << "/tmp"
                                           << ""
                                           << "is not a file";
        QTest::newRow("SASL without user") << "Dev"
                                           << "kafka:9093"
                                           << "SASL_SSL"
                                           << ""
                                           << ""
                                           << "SASL_SSL logs in with SASL: give the user name";
        QTest::newRow("SASL_PLAINTEXT without user") << "Dev"
                                                     << "kafka:9092"
                                                     << "SASL_PLAINTEXT"
                                                     << ""
                                                     << ""
                                                     << "give the user name";
    }
    void theFormRefusesBadInput() {
        QFETCH(QString, name);
        QFETCH(QString, bootstrap);
        QFETCH(QString, protocol);
        QFETCH(QString, caFile);
        QFETCH(QString, user);
        QFETCH(QString, expected);

        FakeSecretStore store;
        ConnectionDialog dialog(&store);
        dialog.setTakenNames({QStringLiteral("Taken")});
        dialog.show();
        dialog.nameEdit()->setText(name);
        dialog.bootstrapEdit()->setText(bootstrap);
        dialog.protocolCombo()->setCurrentText(protocol);
        QCOMPARE(dialog.protocolCombo()->currentText(), protocol);
        dialog.caFileEdit()->setText(caFile == QLatin1String("<ca>") ? m_ca : caFile);
        dialog.usernameEdit()->setText(user);
        dialog.accept();
        if (expected.isEmpty()) {
            QVERIFY2(dialog.validationProblems().isEmpty(), qPrintable(dialog.validationProblems().join('\n')));
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            return;
        }
        QVERIFY(dialog.isVisible());  // stays open
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.statusLabel()->text().contains(expected), qPrintable(dialog.statusLabel()->text()));
        // Test connection refuses the same input (except the name, which a test does not need).
        if (!name.isEmpty() && !dialog.validationProblems().join(' ').contains(QLatin1String("exists already"))) {
            QVERIFY(!dialog.testConnection());
            QVERIFY(!dialog.isTesting());
        }
    }

    void unreadableFileIsRefused() {
        if (::geteuid() == 0) QSKIP("root reads every file");
        const QString locked = m_dir.filePath(QStringLiteral("locked.pem"));
        QFile f(locked);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(f.setPermissions(QFileDevice::WriteOwner));
        ConnectionProfile p = saslSsl(QStringLiteral("P"));
        p.caFile = locked;
        QVERIFY2(p.problems().join(' ').contains(QLatin1String("cannot be read")), qPrintable(p.problems().join(' ')));
    }

    // The fields only the chosen protocol uses are shown; the form gives back what was set, passwords apart.
    void theFormShowsWhatTheProtocolUses() {
        FakeSecretStore store;
        ConnectionDialog dialog(&store);
        dialog.show();
        // A new form starts with Kafka's defaults: PLAINTEXT, and the server's host checked once TLS is chosen.
        QVERIFY(dialog.profile() == ConnectionProfile());
        ConnectionProfile p = saslSsl(QStringLiteral("Prod"));
        p.caFile = m_ca;
        dialog.setProfile(p, {QStringLiteral("pw"), QStringLiteral("kp")});
        QVERIFY(dialog.profile() == p);
        QCOMPARE(dialog.secrets().saslPassword, QStringLiteral("pw"));
        QCOMPARE(dialog.secrets().keyPassword, QStringLiteral("kp"));
        QVERIFY(dialog.usernameEdit()->isVisible());
        QVERIFY(dialog.caFileEdit()->isVisible());
        QVERIFY(dialog.rememberCheck()->isEnabled());
        QVERIFY(dialog.rememberSecrets());
        dialog.protocolCombo()->setCurrentText(QStringLiteral("PLAINTEXT"));
        QVERIFY(!dialog.usernameEdit()->isVisible());
        QVERIFY(!dialog.caFileEdit()->isVisible());
        QVERIFY(dialog.secrets().saslPassword.isEmpty());  // a plaintext profile has no secret to keep
        dialog.protocolCombo()->setCurrentText(QStringLiteral("SSL"));
        QVERIFY(dialog.caFileEdit()->isVisible());
        QVERIFY(!dialog.usernameEdit()->isVisible());
    }

    // No keychain (headless, no secret service): "Remember" is off and says why; connecting asks for the password.
    void withoutAKeychainThePasswordIsAskedFor() {
        FakeSecretStore store;
        store.unavailable = QStringLiteral("No keychain: there is no D-Bus session.");
        ConnectionDialog dialog(&store);
        dialog.show();
        dialog.protocolCombo()->setCurrentText(QStringLiteral("SASL_SSL"));
        QVERIFY(!dialog.rememberCheck()->isEnabled());
        QVERIFY(!dialog.rememberSecrets());
        QVERIFY(dialog.rememberNote()->isVisible());
        QVERIFY2(dialog.rememberNote()->text().contains(store.unavailable), qPrintable(dialog.rememberNote()->text()));

        const ConnectionProfile p = saslSsl(QStringLiteral("Prod"));
        int asked = 0;
        std::optional<sluice::client::cluster_endpoint> got;
        QObject context;
        lookUpEndpoint(
            p, &store, &context,
            [&](const ConnectionProfile&) {
                ++asked;
                return std::optional<QString>(QStringLiteral("typed"));
            },
            [&](std::optional<sluice::client::cluster_endpoint> e) { got = e; });
        QCOMPARE(asked, 1);
        QVERIFY(got.has_value());
        QCOMPARE(got->security.sasl.password, std::string("typed"));

        // Cancelled: no endpoint.
        got.reset();
        bool called = false;
        lookUpEndpoint(
            p, &store, &context, [](const ConnectionProfile&) { return std::optional<QString>(); },
            [&](std::optional<sluice::client::cluster_endpoint> e) {
                called = true;
                got = e;
            });
        QVERIFY(called);
        QVERIFY(!got.has_value());
    }

    // A kept password is used without asking; the endpoint carries every security setting of the profile.
    void theEndpointCarriesTheProfile() {
        FakeSecretStore store;
        ConnectionProfile p = saslSsl(QStringLiteral("Prod"));
        p.caFile = m_ca;
        p.certificateFile = m_ca;
        store.secrets.insert(p.saslPasswordKey(), QStringLiteral("kept"));
        store.secrets.insert(p.keyPasswordKey(), QStringLiteral("key-kept"));
        std::optional<sluice::client::cluster_endpoint> got;
        QObject context;
        lookUpEndpoint(
            p, &store, &context,
            [](const ConnectionProfile&) -> std::optional<QString> {
                qFatal("asked although the keychain has the password");
            },
            [&](std::optional<sluice::client::cluster_endpoint> e) { got = e; });
        QVERIFY(got.has_value());
        QCOMPARE(got->bootstrap, std::string("kafka-1.example.com:9093,kafka-2.example.com:9093"));
        QCOMPARE(got->security.protocol, security_protocol::sasl_ssl);
        QCOMPARE(got->security.tls.truststore_location, m_ca.toStdString());
        QCOMPARE(got->security.tls.keystore_location, m_ca.toStdString());
        QCOMPARE(got->security.tls.key_password, std::string("key-kept"));
        QVERIFY(!got->security.tls.verify_server_host);
        QCOMPARE(got->security.sasl.mechanism, std::string("SCRAM-SHA-512"));
        QCOMPARE(got->security.sasl.username, std::string("alice"));
        QCOMPARE(got->security.sasl.password, std::string("kept"));
    }
};

QTEST_MAIN(TestConnections)
#include "test_connections.moc"
