// The client's TLS and SASL (client_security on connection / cluster_client) against a real node with SSL,
// SASL_SSL and SASL_PLAINTEXT listeners, certificates made at test time with the openssl tool: a trusted
// server talks; an unknown CA, a certificate for another host and a plaintext port each fail saying so; SCRAM
// and PLAIN log in, a wrong password is SASL_AUTHENTICATION_FAILED, a mechanism the listener does not offer
// is UNSUPPORTED_SASL_MECHANISM naming what it offers; mTLS with a client certificate. The connection probe
// ("Test connection") names the step that fails: DNS, TCP, TLS, authentication, advertised listeners.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/broker/node.h"
#include "engine/client/cluster_client.h"
#include "engine/client/connection.h"
#include "engine/client/connection_probe.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/security/scram_seed.h"
#include "test_certificates.h"
#include "tests/client/free_port.h"

using namespace sluice;
using client::client_security;
using security::security_protocol;

namespace {

std::string message_of(const sluice::error& e) { return std::to_string(static_cast<int>(e.code)) + " " + e.message; }

}  // namespace

class test_client_security : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    uint16_t plaintext_ = 0, ssl_ = 0, wrong_host_ = 0, sasl_ssl_ = 0, sasl_plaintext_ = 0, mtls_ = 0;
    uint16_t lies_ = 0, nobody_ = 0;  // a listener advertised at a port nothing listens on

    std::string file(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    client_security tls_trusting(const char* ca) const {
        client_security s;
        s.protocol = security_protocol::ssl;
        s.tls.truststore_location = file(ca);
        return s;
    }
    client_security sasl_ssl(std::string mechanism, std::string user, std::string password) const {
        auto s = tls_trusting("ca.pem");
        s.protocol = security_protocol::sasl_ssl;
        s.sasl = {std::move(mechanism), std::move(user), std::move(password)};
        return s;
    }
    static std::string address(uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

    static result<int32_t> brokers_listed(const std::string& at, const client_security& security) {
        auto conn = client::connection::open(at, security, std::chrono::seconds(5));
        if (!conn) return conn.err();
        auto version = conn.value()->pick_version(protocol::api_key::metadata);
        if (!version) return version.err();
        protocol::metadata_request request;
        request.topics = std::vector<protocol::metadata_request::topic>{};
        auto answer = conn.value()->send<protocol::metadata_api>(request, *version);
        if (!answer) return answer.err();
        return static_cast<int32_t>(answer->brokers.size());
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const auto made = testing::make_test_certificates(dir_.path());
        QVERIFY2(made.isEmpty(), qPrintable(made));

        ssl_ = testing::free_loopback_port(), wrong_host_ = testing::free_loopback_port(),
        sasl_ssl_ = testing::free_loopback_port(), sasl_plaintext_ = testing::free_loopback_port(),
        mtls_ = testing::free_loopback_port(), lies_ = testing::free_loopback_port(),
        nobody_ = testing::free_loopback_port();
        broker::node_config config;
        config.port = 0;
        config.data_dir = file("data");
        auto at = [](const char* name, uint16_t port) {
            return std::string(name) + "://127.0.0.1:" + std::to_string(port);
        };
        config.properties = {
            {"listeners", at("PLAINTEXT", 0) + "," + at("SSL", ssl_) + "," + at("ELSEWHERE", wrong_host_) + "," +
                              at("SASL_SSL", sasl_ssl_) + "," + at("SASL_PLAINTEXT", sasl_plaintext_) + "," +
                              at("MTLS", mtls_) + "," + at("LIES", lies_)},
            {"advertised.listeners", at("LIES", nobody_)},
            {"listener.security.protocol.map",
             "PLAINTEXT:PLAINTEXT,SSL:SSL,ELSEWHERE:SSL,SASL_SSL:SASL_SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,MTLS:SSL,"
             "LIES:PLAINTEXT"},
            {"ssl.keystore.type", "PEM"},
            {"ssl.keystore.location", file("server.pem")},
            {"listener.name.elsewhere.ssl.keystore.location", file("elsewhere.pem")},
            {"ssl.truststore.location", file("ca.pem")},
            {"listener.name.mtls.ssl.client.auth", "required"},
            {"sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN"},
            {"listener.name.sasl_ssl.plain.sasl.jaas.config",
             "org.apache.kafka.common.security.plain.PlainLoginModule required user_bob=\"bob-secret\";"},
            {"listener.name.sasl_plaintext.plain.sasl.jaas.config",
             "org.apache.kafka.common.security.plain.PlainLoginModule required user_bob=\"bob-secret\";"},
        };
        auto alice = security::parse_add_scram("SCRAM-SHA-512=[name=alice,password=alice-secret]");
        QVERIFY2(alice.ok(), alice.ok() ? "" : alice.err().message.c_str());
        config.scram_users.push_back(alice.value());
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        plaintext_ = node_->port();
    }

    void cleanupTestCase() {
        if (node_) node_->stop();
    }

    void tls_with_a_trusted_ca_talks() {
        auto listed = brokers_listed(address(ssl_), tls_trusting("ca.pem"));
        QVERIFY2(listed.ok(), listed.ok() ? "" : message_of(listed.err()).c_str());
        QCOMPARE(listed.value(), 1);
    }

    void tls_failures_say_what_is_wrong_data() {
        QTest::addColumn<QString>("ca");
        QTest::addColumn<int>("which");  // 0 SSL, 1 ELSEWHERE, 2 PLAINTEXT, 3 MTLS without a client certificate
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown CA") << "other-ca.pem" << 0 << "unknown CA";
        QTest::newRow("wrong host") << "ca.pem" << 1 << "not for 127.0.0.1";
        QTest::newRow("plaintext port") << "ca.pem" << 2 << "TLS";
        QTest::newRow("client certificate required") << "ca.pem" << 3 << "client certificate";
    }
    void tls_failures_say_what_is_wrong() {
        QFETCH(QString, ca);
        QFETCH(int, which);
        QFETCH(QString, expected);
        const uint16_t ports[] = {ssl_, wrong_host_, plaintext_, mtls_};
        auto listed = brokers_listed(address(ports[which]), tls_trusting(ca.toStdString().c_str()));
        QVERIFY(!listed.ok());
        const auto text = QString::fromStdString(listed.err().message);
        QVERIFY2(text.startsWith("TLS handshake with"), qPrintable(text));
        QVERIFY2(text.contains(expected), qPrintable(text));
        // The node keeps serving after each failed handshake.
        QVERIFY(brokers_listed(address(ssl_), tls_trusting("ca.pem")).ok());
    }

    void host_check_can_be_turned_off() {
        auto s = tls_trusting("ca.pem");
        s.tls.verify_server_host = false;  // ssl.endpoint.identification.algorithm= (empty)
        auto listed = brokers_listed(address(wrong_host_), s);
        QVERIFY2(listed.ok(), listed.ok() ? "" : message_of(listed.err()).c_str());
    }

    void mtls_with_a_client_certificate() {
        auto s = tls_trusting("ca.pem");
        s.tls.keystore_location = file("alice.pem");
        auto listed = brokers_listed(address(mtls_), s);
        QVERIFY2(listed.ok(), listed.ok() ? "" : message_of(listed.err()).c_str());
    }

    void sasl_logins_data() {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("mechanism");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("expected_code");  // 0: logs in
        QTest::addColumn<QString>("expected_text");
        QTest::newRow("SCRAM-SHA-512") << true << "SCRAM-SHA-512"
                                       << "alice"
                                       << "alice-secret" << 0 << "";
        QTest::newRow("PLAIN over TLS") << true << "PLAIN"
                                        << "bob"
                                        << "bob-secret" << 0 << "";
        QTest::newRow("PLAIN without TLS") << false << "PLAIN"
                                           << "bob"
                                           << "bob-secret" << 0 << "";
        QTest::newRow("SCRAM wrong password") << true << "SCRAM-SHA-512"
                                              << "alice"
                                              << "nope" << 58 << "authentication";
        QTest::newRow("SCRAM unknown user") << true << "SCRAM-SHA-512"
                                            << "carol"
                                            << "x" << 58 << "authentication";
        QTest::newRow("PLAIN wrong password") << false << "PLAIN"
                                              << "bob"
                                              << "nope" << 58 << "authentication";
        QTest::newRow("mechanism not offered") << true << "SCRAM-SHA-256"
                                               << "alice"
                                               << "alice-secret" << 33 << "SCRAM-SHA-512";
        QTest::newRow("mechanism not spoken") << true << "GSSAPI"
                                              << "alice"
                                              << "x" << 33 << "PLAIN, SCRAM-SHA-256";
    }
    void sasl_logins() {
        QFETCH(bool, tls);
        QFETCH(QString, mechanism);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(int, expected_code);
        QFETCH(QString, expected_text);
        auto s = sasl_ssl(mechanism.toStdString(), user.toStdString(), password.toStdString());
        if (!tls) s.protocol = security_protocol::sasl_plaintext;
        auto listed = brokers_listed(address(tls ? sasl_ssl_ : sasl_plaintext_), s);
        if (expected_code == 0) {
            QVERIFY2(listed.ok(), listed.ok() ? "" : message_of(listed.err()).c_str());
            return;
        }
        QVERIFY(!listed.ok());
        QCOMPARE(static_cast<int>(listed.err().code), expected_code);
        QVERIFY2(QString::fromStdString(listed.err().message).contains(expected_text), listed.err().message.c_str());
    }

    // A cluster_client on the SASL_SSL listener: its snapshot has the node at the SASL_SSL port (the listener
    // the request came in on), and its reconnects use the same security.
    void cluster_client_over_sasl_ssl() {
        client::cluster_client cluster(address(sasl_ssl_), std::chrono::seconds(5),
                                       sasl_ssl("SCRAM-SHA-512", "alice", "alice-secret"));
        auto snapshot = cluster.snapshot();
        QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : message_of(snapshot.err()).c_str());
        QCOMPARE(snapshot->brokers.size(), std::size_t{1});
        QCOMPARE(snapshot->brokers.front().port, int32_t{sasl_ssl_});
    }

    void probe_passes_every_step() {
        auto report = client::probe_connection(address(sasl_ssl_), sasl_ssl("SCRAM-SHA-512", "alice", "alice-secret"),
                                               std::chrono::seconds(5));
        QVERIFY2(report.ok(), report.failure() ? report.failure()->detail.c_str() : "");
        QCOMPARE(report.steps.size(), std::size_t{6});
        for (const auto& s : report.steps)
            QVERIFY2(s.ok && !s.skipped, std::string(client::probe_step_name(s.step)).c_str());
    }

    void probe_names_the_failing_step_data() {
        QTest::addColumn<QString>("bootstrap");  // "<port>" for 127.0.0.1:<port of that listener>
        QTest::addColumn<int>("security");       // 0 plaintext, 1 TLS with the wrong CA, 2 SASL_SSL wrong password
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("DNS") << "no-such-host.invalid:9092" << 0 << int(client::probe_step::resolve)
                             << "cannot resolve";
        QTest::newRow("not host:port") << "localhost" << 0 << int(client::probe_step::resolve) << "not host:port";
        QTest::newRow("TCP") << "nobody" << 0 << int(client::probe_step::connect) << "nothing listens";
        QTest::newRow("TLS") << "ssl" << 1 << int(client::probe_step::tls) << "unknown CA";
        QTest::newRow("authentication") << "sasl_ssl" << 2 << int(client::probe_step::authenticate) << "authentication";
        QTest::newRow("advertised listeners")
            << "lies" << 0 << int(client::probe_step::advertised_listeners) << "advertised.listeners";
    }
    void probe_names_the_failing_step() {
        QFETCH(QString, bootstrap);
        QFETCH(int, security);
        QFETCH(int, step);
        QFETCH(QString, expected);
        const std::map<QString, uint16_t> ports{
            {"nobody", nobody_}, {"ssl", ssl_}, {"sasl_ssl", sasl_ssl_}, {"lies", lies_}};
        std::string at = ports.contains(bootstrap) ? address(ports.at(bootstrap)) : bootstrap.toStdString();
        client_security s;
        if (security == 1) s = tls_trusting("other-ca.pem");
        if (security == 2) s = sasl_ssl("SCRAM-SHA-512", "alice", "wrong");
        auto report = client::probe_connection(at, s, std::chrono::seconds(3));
        const auto* failed = report.failure();
        QVERIFY(failed != nullptr);
        QCOMPARE(int(failed->step), step);
        QVERIFY2(QString::fromStdString(failed->detail).contains(expected), failed->detail.c_str());
        for (const auto& later : report.steps)
            if (int(later.step) > step) QVERIFY(later.skipped);
    }
};

QTEST_GUILESS_MAIN(test_client_security)
#include "test_client_security.moc"
