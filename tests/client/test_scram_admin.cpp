// scram_admin against a real node with a SASL_PLAINTEXT listener: users added through
// AlterUserScramCredentials log in with their password (so the client salted and hashed it right, and only
// that went over the wire), Describe lists mechanisms and iterations, a changed password replaces the old
// one, too few iterations are refused alone, and a removed user can no longer log in.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/broker/node.h"
#include "engine/client/connection.h"
#include "engine/client/scram_admin.h"
#include "tests/client/free_port.h"

using namespace sluice;
using security::scram_mechanism;

class test_scram_admin : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    uint16_t sasl_port_ = 0;
    std::unique_ptr<client::cluster_client> cluster_;

    bool logs_in(const std::string& user, const std::string& mechanism, const std::string& password) const {
        client::client_security s;
        s.protocol = security::security_protocol::sasl_plaintext;
        s.sasl = {mechanism, user, password};
        return client::connection::open("127.0.0.1:" + std::to_string(sasl_port_), s, std::chrono::seconds(5)).ok();
    }

private slots:
    void initTestCase() {
        sasl_port_ = testing::free_loopback_port();
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_.path().toStdString();
        config.properties = {
            {"listeners", "PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:" + std::to_string(sasl_port_)},
            {"sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512"}};
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
        cluster_ = std::make_unique<client::cluster_client>("127.0.0.1:" + std::to_string(node_->port()));
    }
    void cleanupTestCase() {
        cluster_.reset();
        if (node_) node_->stop();
    }

    void users_are_added_described_changed_and_removed() {
        client::scram_admin admin(*cluster_);
        std::vector<client::scram_upsert> add{{"alice", scram_mechanism::sha512, "alice-secret", 8192},
                                              {"bob", scram_mechanism::sha256, "bob-secret", 4096},
                                              {"carol", scram_mechanism::sha512, "carol-secret", 100}};
        auto added = admin.alter(add);
        QVERIFY2(added, added ? "" : added.err().message.c_str());
        QCOMPARE(added->size(), std::size_t{3});
        for (const auto& o : *added) {
            if (o.user == "carol") {
                QVERIFY2(!o.ok(), "100 iterations are below Kafka's minimum of 4096");
                QVERIFY2(!o.message.empty(), "the refusal says why");
            } else {
                QVERIFY2(o.ok(), (o.user + ": " + o.message).c_str());
            }
        }
        QVERIFY(logs_in("alice", "SCRAM-SHA-512", "alice-secret"));
        QVERIFY(logs_in("bob", "SCRAM-SHA-256", "bob-secret"));
        QVERIFY(!logs_in("alice", "SCRAM-SHA-512", "bob-secret"));
        QVERIFY(!logs_in("carol", "SCRAM-SHA-512", "carol-secret"));

        auto all = admin.describe();
        QVERIFY2(all, all ? "" : all.err().message.c_str());
        QCOMPARE(all->size(), std::size_t{2});
        for (const auto& u : *all) {
            QCOMPARE(u.credentials.size(), std::size_t{1});
            if (u.user == "alice") {
                QCOMPARE(u.credentials[0].mechanism, scram_mechanism::sha512);
                QCOMPARE(u.credentials[0].iterations, 8192);
            } else {
                QCOMPARE(QString::fromStdString(u.user), QString("bob"));
                QCOMPARE(u.credentials[0].mechanism, scram_mechanism::sha256);
            }
        }

        std::vector<client::scram_upsert> change{{"alice", scram_mechanism::sha512, "alice-new-secret", 4096}};
        QVERIFY(admin.alter(change));
        QVERIFY(logs_in("alice", "SCRAM-SHA-512", "alice-new-secret"));
        QVERIFY(!logs_in("alice", "SCRAM-SHA-512", "alice-secret"));

        std::vector<client::scram_removal> remove{{"alice", scram_mechanism::sha512}};
        auto removed = admin.alter({}, remove);
        QVERIFY(removed);
        QCOMPARE(removed->size(), std::size_t{1});
        QVERIFY2(removed->front().ok(), removed->front().message.c_str());
        QVERIFY(!logs_in("alice", "SCRAM-SHA-512", "alice-new-secret"));
        auto alice = admin.describe(std::vector<std::string>{"alice"});
        QVERIFY(alice);
        QCOMPARE(alice->size(), std::size_t{1});
        QCOMPARE(alice->front().error, int16_t(protocol::error_code::resource_not_found));
    }
};

QTEST_GUILESS_MAIN(test_scram_admin)
#include "test_scram_admin.moc"
