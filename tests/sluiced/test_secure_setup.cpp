// sluiced --secure (secure_setup.h): how the generated properties meet the user's (fixed ones refused when
// changed, lists that must keep the generated items, others left to the user, listener.name.sasl_ssl. forms
// too), the refusal of --nodes N, and a whole setup: the SASL_SSL node properties and admin user, the
// password kept in DIR and reused, and client files that are 0600 and carry the password the output hides.
#include <QtTest>

#include "engine/security/private_file.h"
#include "sluiced/command_line.h"
#include "sluiced/secure_setup.h"
#include "tests/security/file_probe.h"

using namespace sluice;
using namespace sluice::daemon;
using sluice::test::mode_of;
using sluice::test::slurp;
namespace fs = std::filesystem;

namespace {
std::vector<generated_property> generated() {
    secure_dir s{.dir = "/s", .ca = {security::local_ca_files("/s")}};
    return secure_node_properties(s, "127.0.0.1", 9092);
}
}  // namespace

class test_secure_setup : public QObject {
    Q_OBJECT
private slots:
    void merge_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");  // the merged value of `key`, or "error: <substring>"
        QTest::newRow("unrelated setting is the user's") << "num.partitions"
                                                         << "3"
                                                         << "3";
        QTest::newRow("same listeners") << "listeners"
                                        << "SASL_SSL://127.0.0.1:9092"
                                        << "SASL_SSL://127.0.0.1:9092";
        QTest::newRow("own listeners") << "listeners"
                                       << "PLAINTEXT://127.0.0.1:9092"
                                       << "error: listeners=PLAINTEXT://127.0.0.1:9092 would change what it secures";
        QTest::newRow("protocol map") << "listener.security.protocol.map"
                                      << "SASL_SSL:SASL_PLAINTEXT"
                                      << "error: listener.security.protocol.map";
        QTest::newRow("own keystore") << "ssl.keystore.location"
                                      << "/etc/other.pem"
                                      << "error: ssl.keystore.location=/etc/other.pem";
        QTest::newRow("authorizer off") << "authorizer.class.name"
                                        << ""
                                        << "error: authorizer.class.name";
        QTest::newRow("open by default") << "allow.everyone.if.no.acl.found"
                                         << "true"
                                         << "error: allow.everyone.if.no.acl.found";
        QTest::newRow("more mechanisms") << "sasl.enabled.mechanisms"
                                         << "SCRAM-SHA-256, SCRAM-SHA-512"
                                         << "SCRAM-SHA-256, SCRAM-SHA-512";
        QTest::newRow("mechanisms without SCRAM-SHA-512")
            << "sasl.enabled.mechanisms"
            << "PLAIN"
            << "error: --secure needs SCRAM-SHA-512 in sasl.enabled.mechanisms";
        QTest::newRow("per-listener mechanisms without it")
            << "listener.name.sasl_ssl.sasl.enabled.mechanisms"
            << "PLAIN"
            << "error: needs SCRAM-SHA-512 in listener.name.sasl_ssl.sasl.enabled.mechanisms";
        QTest::newRow("per-listener keystore") << "listener.name.sasl_ssl.ssl.keystore.location"
                                               << "/x.pem"
                                               << "error: listener.name.sasl_ssl.ssl.keystore.location=/x.pem";
        QTest::newRow("another super user") << "super.users"
                                            << "User:bob; User:admin"
                                            << "User:bob; User:admin";
        QTest::newRow("admin left out") << "super.users"
                                        << "User:bob"
                                        << "error: --secure needs User:admin in super.users";
    }
    void merge() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        std::map<std::string, std::string> properties{{key.toStdString(), value.toStdString()}};
        auto merged = merge_secure_properties(properties, generated());
        if (expected.startsWith("error: ")) {
            QVERIFY2(!merged, qPrintable(key));
            QVERIFY2(merged.err().message.find(expected.mid(7).toStdString()) != std::string::npos,
                     merged.err().message.c_str());
            return;
        }
        QVERIFY2(merged, merged ? "" : merged.err().message.c_str());
        QCOMPARE(QString::fromStdString(properties.at(key.toStdString())), expected);
        for (const auto& g : generated())  // everything --secure sets is there, the user's value or its own
            QVERIFY2(properties.contains(g.name), g.name.c_str());
        if (key != "listeners") QCOMPARE(properties.at("listeners"), std::string("SASL_SSL://127.0.0.1:9092"));
    }

    // A local cluster's nodes reach each other on the SASL_SSL listener, logging in with PLAIN as a super
    // user whose password DIR keeps; one node alone offers no PLAIN at all.
    void secures_a_local_cluster_between_its_nodes() {
        QTemporaryDir tmp;
        auto dir = fs::path(tmp.path().toStdString()) / "secure";
        auto parsed = parse_command_line({"--data-dir", tmp.path().toStdString() + "/data", "--nodes", "3", "--port",
                                          "0", "--secure", dir.string()});
        QVERIFY2(parsed, parsed ? "" : parsed.err().message.c_str());
        auto cl = parsed.value();
        auto secure = apply_secure(cl);
        QVERIFY2(secure, secure ? "" : secure.err().message.c_str());
        const auto& p = cl.node.properties;
        QCOMPARE(p.at("inter.broker.listener.name"), std::string("SASL_SSL"));
        QCOMPARE(p.at("sasl.mechanism.inter.broker.protocol"), std::string("PLAIN"));
        QCOMPARE(p.at("sasl.enabled.mechanisms"), std::string("SCRAM-SHA-512,PLAIN"));
        QCOMPARE(p.at("super.users"), std::string("User:admin;User:sluice-node"));
        const auto& jaas = p.at("listener.name.sasl_ssl.plain.sasl.jaas.config");
        QVERIFY2(jaas.find("username=\"sluice-node\" password=\"" + secure->node_password + "\"") != std::string::npos,
                 jaas.c_str());
        QCOMPARE(slurp(dir / "node.password"), secure->node_password + "\n");
        QCOMPARE(mode_of(dir / "node.password"), mode_t{0600});
        QVERIFY(secure->node_password != secure->admin_password);

        auto single = parse_command_line({"--data-dir", tmp.path().toStdString() + "/one", "--secure", dir.string()});
        QVERIFY(single);
        auto one = single.value();
        QVERIFY(apply_secure(one));
        QCOMPARE(one.node.properties.at("sasl.enabled.mechanisms"), std::string("SCRAM-SHA-512"));
        QVERIFY(!one.node.properties.contains("listener.name.sasl_ssl.plain.sasl.jaas.config"));
    }

    void sets_up_a_node_and_its_clients() {
        QTemporaryDir tmp;
        auto dir = fs::path(tmp.path().toStdString()) / "secure";
        auto parsed = parse_command_line({"--data-dir", tmp.path().toStdString() + "/data", "--port", "19092",
                                          "--secure", dir.string(), "--set", "num.partitions=2"});
        QVERIFY2(parsed, parsed ? "" : parsed.err().message.c_str());
        auto cl = parsed.value();
        auto secure = apply_secure(cl);
        QVERIFY2(secure, secure ? "" : secure.err().message.c_str());
        QVERIFY(secure->password_created);
        QVERIFY(secure->ca.ca_created);
        QCOMPARE(cl.node.properties.at("listeners"), std::string("SASL_SSL://127.0.0.1:19092"));
        QCOMPARE(cl.node.properties.at("ssl.keystore.location"), (dir / "node.pem").string());
        QCOMPARE(cl.node.properties.at("num.partitions"), std::string("2"));
        QCOMPARE(cl.node.scram_users.size(), std::size_t{1});
        QCOMPARE(cl.node.scram_users[0].name, std::string("admin"));
        QCOMPARE(cl.node.scram_users[0].mechanism, security::scram_mechanism::sha512);
        auto expected_credential =
            security::make_scram_credential(security::scram_mechanism::sha512, secure->admin_password,
                                            cl.node.scram_users[0].credential.salt, security::scram_min_iterations);
        QVERIFY(cl.node.scram_users[0].credential == expected_credential);
        QCOMPARE(secure->admin_password.size(), std::size_t{24});
        QCOMPARE(slurp(dir / "admin.password"), secure->admin_password + "\n");
        QCOMPARE(mode_of(dir / "admin.password"), mode_t{0600});

        auto lines = write_client_settings(secure.value(), "0.0.0.0", 19092);
        QVERIFY2(lines, lines ? "" : lines.err().message.c_str());
        QVERIFY2(lines->find("try: kcat -F " + (dir / "kcat.conf").string() + " -L\n") != std::string::npos,
                 lines->c_str());
        QVERIFY2(lines->find("kcat -b 127.0.0.1:19092 -X security.protocol=sasl_ssl") != std::string::npos,
                 lines->c_str());
        QVERIFY(lines->find(secure->admin_password) == std::string::npos);
        QCOMPARE(mode_of(dir / "kcat.conf"), mode_t{0600});
        QCOMPARE(mode_of(dir / "client.properties"), mode_t{0600});
        auto kcat = slurp(dir / "kcat.conf");
        QVERIFY(kcat.find("\nbootstrap.servers=127.0.0.1:19092\n") != std::string::npos);
        QVERIFY(kcat.find("\nsasl.password=" + secure->admin_password + "\n") != std::string::npos);
        QVERIFY(kcat.find("\nssl.ca.location=" + (dir / "ca.pem").string() + "\n") != std::string::npos);
        QVERIFY(slurp(dir / "client.properties").find("password=\"" + secure->admin_password + "\";") !=
                std::string::npos);

        auto again_cl = parsed.value();
        auto again = apply_secure(again_cl);
        QVERIFY(again);
        QVERIFY(!again->password_created);
        QVERIFY(!again->ca.ca_created);
        QCOMPARE(again->admin_password, secure->admin_password);

        QVERIFY(security::write_private_file(dir / "admin.password", "short\n"));
        auto unusable_cl = parsed.value();
        auto unusable = apply_secure(unusable_cl);
        QVERIFY(!unusable);
        QVERIFY2(unusable.err().message.find("does not hold a usable password") != std::string::npos,
                 unusable.err().message.c_str());

        auto conflicting = parse_command_line(
            {"--data-dir", "/tmp/d", "--secure", dir.string(), "--set", "allow.everyone.if.no.acl.found=true"});
        QVERIFY(conflicting);
        QVERIFY(!apply_secure(conflicting.value()));
    }
};

QTEST_GUILESS_MAIN(test_secure_setup)
#include "test_secure_setup.moc"
