// SASL on a real node, over raw TCP: what may come before authentication, SaslHandshake v0 (bare tokens)
// and v1 (SaslAuthenticate) with PLAIN and SCRAM-SHA-256, refusals and their codes, and the SCRAM user
// APIs (AlterUserScramCredentials/DescribeUserScramCredentials) whose credentials are metadata records that
// survive a restart. Every wait is bounded.
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/broker/node.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/protocol/messages/user_scram_credentials.h"
#include "engine/security/scram.h"
#include "engine/security/scram_seed.h"
#include "tests/broker/raw_client.h"

using namespace sluice;
using namespace sluice::protocol;
using namespace sluice::testing;

namespace {
constexpr const char* jaas =
    "org.apache.kafka.common.security.plain.PlainLoginModule required user_carol=\"carol-secret\";";

bytes text_bytes(std::string_view s) { return bytes(s.begin(), s.end()); }
std::string text_of(const bytes& b) { return std::string(b.begin(), b.end()); }

alter_user_scram_credentials_request::upsertion upsertion(const std::string& name, int8_t mechanism,
                                                          const std::string& password, int32_t iterations) {
    bytes salt = text_bytes("salt-of-" + name);
    auto m = security::scram_mechanism_from_id(mechanism).value_or(security::scram_mechanism::sha256);
    return {name, mechanism, iterations, salt, security::scram_salted_password(m, password, salt, iterations)};
}

// SCRAM-SHA-256 over SaslHandshake v1 + SaslAuthenticate; the final answer's error code (0 = logged in).
int16_t scram_login(raw_client& c, const std::string& user, const std::string& password,
                    std::string* message = nullptr) {
    sasl_handshake_request hs{"SCRAM-SHA-256"};
    auto shake = c.call<sasl_handshake_api>(hs, 1);
    if (!shake || shake->error_code != 0) return shake ? shake->error_code : -1;
    security::scram_client client(security::scram_mechanism::sha256, user, password);
    auto first = c.call<sasl_authenticate_api>({text_bytes(client.first())}, 2);
    if (!first) return -1;
    if (first->error_code != 0) {
        if (message) *message = first->error_message.value_or("");
        return first->error_code;
    }
    auto final = client.final(text_of(first->auth_bytes));
    if (!final) return -2;
    auto last = c.call<sasl_authenticate_api>({text_bytes(final.value())}, 2);
    if (!last) return -1;
    if (message) *message = last->error_message.value_or("");
    if (last->error_code == 0 && !client.verify(text_of(last->auth_bytes))) return -3;
    return last->error_code;
}

bool metadata_works(raw_client& c) {
    metadata_request m;
    m.topics = std::vector<metadata_request::topic>{};
    auto r = c.call<metadata_api>(m, 1);
    return r && !r->brokers.empty();
}
}  // namespace

class test_sasl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        plain_port_ = free_port();
        sasl_port_ = free_port();
        QVERIFY(plain_port_ != 0 && sasl_port_ != 0 && plain_port_ != sasl_port_);
        start_node();
    }
    void cleanupTestCase() {
        if (node_) node_->stop();
    }

    void before_authentication_only_handshake_apis() {
        raw_client c(sasl_port_);
        QVERIFY(c.connected());
        auto versions = c.call<api_versions_api>({}, 0);
        QVERIFY(versions && versions->error_code == 0);
        metadata_request m;
        QVERIFY(c.send<metadata_api>(m, 1, c.next_id()));
        QVERIFY(!c.read_frame(3000));  // no answer: closed
        QVERIFY(c.wait_closed());
    }

    void unsupported_mechanism_lists_enabled_and_closes() {
        raw_client c(sasl_port_);
        auto shake = c.call<sasl_handshake_api>({"GSSAPI"}, 1);
        QVERIFY(shake);
        QCOMPARE(shake->error_code, error_of(error_code::unsupported_sasl_mechanism));
        QCOMPARE(shake->mechanisms, (std::vector<std::string>{"SCRAM-SHA-256", "PLAIN"}));
        QVERIFY(c.wait_closed());
    }

    void seeded_scram_user_logs_in_and_is_served() {
        raw_client c(sasl_port_);
        QCOMPARE(scram_login(c, "alice", "alice-secret"), int16_t{0});
        QVERIFY(metadata_works(c));
        // Authenticated: a second handshake is a state error, not a new login.
        auto again = c.call<sasl_handshake_api>({"PLAIN"}, 1);
        QVERIFY(again);
        QCOMPARE(again->error_code, error_of(error_code::illegal_sasl_state));
    }

    void wrong_password_fails_and_closes() {
        raw_client c(sasl_port_);
        std::string message;
        QCOMPARE(scram_login(c, "alice", "not-her-password", &message),
                 error_of(error_code::sasl_authentication_failed));
        QVERIFY2(message.find("invalid credentials with SASL mechanism SCRAM-SHA-256") != std::string::npos,
                 message.c_str());
        QVERIFY(c.wait_closed());
    }

    void handshake_v0_takes_bare_plain_token() {
        raw_client c(sasl_port_);
        auto shake = c.call<sasl_handshake_api>({"PLAIN"}, 0);
        QVERIFY(shake && shake->error_code == 0);
        using namespace std::string_view_literals;
        auto token = "\0carol\0carol-secret"sv;
        bytes frame;
        wire_writer w(frame);
        w.write_int32(static_cast<int32_t>(token.size()));
        frame.insert(frame.end(), token.begin(), token.end());
        QVERIFY(c.send_raw(frame));
        auto answer = c.read_frame();
        QVERIFY(answer);
        QVERIFY(answer->empty());  // PLAIN's (empty) final challenge, as a bare frame
        QVERIFY(metadata_works(c));
    }

    void handshake_v0_bad_token_closes() {
        raw_client c(sasl_port_);
        QVERIFY(c.call<sasl_handshake_api>({"PLAIN"}, 0));
        using namespace std::string_view_literals;
        auto token = "\0carol\0wrong"sv;
        bytes frame;
        wire_writer w(frame);
        w.write_int32(static_cast<int32_t>(token.size()));
        frame.insert(frame.end(), token.begin(), token.end());
        QVERIFY(c.send_raw(frame));
        QVERIFY(c.wait_closed());
    }

    void handshake_on_a_plaintext_listener_is_a_state_error() {
        raw_client c(plain_port_);
        auto shake = c.call<sasl_handshake_api>({"PLAIN"}, 1);
        QVERIFY(shake);
        QCOMPARE(shake->error_code, error_of(error_code::illegal_sasl_state));
        QVERIFY(metadata_works(c));
    }

    void alter_and_describe_scram_users() {
        raw_client c(plain_port_);
        alter_user_scram_credentials_request alter;
        alter.upsertions = {upsertion("bob", 1, "bob-secret", 4096), upsertion("few", 1, "x", 100),
                            upsertion("odd", 7, "x", 4096), upsertion("twice", 1, "x", 4096),
                            upsertion("twice", 2, "x", 4096)};
        alter.deletions = {{"nobody", 1}};
        auto altered = c.call<alter_user_scram_credentials_api>(alter, 0);
        QVERIFY(altered);
        std::map<std::string, int16_t> codes;
        for (const auto& r : altered->results) codes[r.user] = r.error_code;
        QCOMPARE(codes, (std::map<std::string, int16_t>{{"bob", 0},
                                                        {"few", error_of(error_code::unacceptable_credential)},
                                                        {"nobody", error_of(error_code::resource_not_found)},
                                                        {"odd", error_of(error_code::unsupported_sasl_mechanism)},
                                                        {"twice", error_of(error_code::duplicate_resource)}}));

        describe_user_scram_credentials_request all;
        auto described = c.call<describe_user_scram_credentials_api>(all, 0);
        QVERIFY(described);
        std::map<std::string, std::vector<std::pair<int8_t, int32_t>>> users;
        for (const auto& r : described->results)
            for (const auto& ci : r.credential_infos) users[r.user].push_back({ci.mechanism, ci.iterations});
        QCOMPARE(users, (std::map<std::string, std::vector<std::pair<int8_t, int32_t>>>{{"alice", {{1, 8192}}},
                                                                                        {"bob", {{1, 4096}}}}));
        describe_user_scram_credentials_request some;
        some.users = std::vector<describe_user_scram_credentials_request::user_name>{{"bob"}, {"ghost"}};
        auto found = c.call<describe_user_scram_credentials_api>(some, 0);
        QVERIFY(found && found->results.size() == 2);
        QCOMPARE(found->results[1].error_code, error_of(error_code::resource_not_found));

        raw_client login(sasl_port_);
        QCOMPARE(scram_login(login, "bob", "bob-secret"), int16_t{0});

        // Deleting takes the user's login away at once.
        alter_user_scram_credentials_request remove;
        remove.deletions = {{"bob", 1}};
        auto removed = c.call<alter_user_scram_credentials_api>(remove, 0);
        QVERIFY(removed && removed->results.size() == 1 && removed->results[0].error_code == 0);
        raw_client refused(sasl_port_);
        QCOMPARE(scram_login(refused, "bob", "bob-secret"), error_of(error_code::sasl_authentication_failed));
    }

    void credentials_survive_a_restart() {
        {
            raw_client c(plain_port_);
            alter_user_scram_credentials_request alter;
            alter.upsertions = {upsertion("dave", 1, "dave-secret", 4096)};
            auto altered = c.call<alter_user_scram_credentials_api>(alter, 0);
            QVERIFY(altered && altered->results.size() == 1 && altered->results[0].error_code == 0);
        }
        node_->stop();
        node_.reset();
        start_node();
        raw_client c(sasl_port_);
        QCOMPARE(scram_login(c, "dave", "dave-secret"), int16_t{0});
        raw_client seeded(sasl_port_);
        QCOMPARE(scram_login(seeded, "alice", "alice-secret"), int16_t{0});
    }

private:
    void start_node() {
        broker::node_config config;
        config.port = plain_port_;  // the same ports after a restart
        config.data_dir = dir_.path().toStdString();
        config.properties["listeners"] = "PLAINTEXT://127.0.0.1:" + std::to_string(plain_port_) +
                                         ",SASL_PLAINTEXT://127.0.0.1:" + std::to_string(sasl_port_);
        config.properties["sasl.enabled.mechanisms"] = "SCRAM-SHA-256,PLAIN";
        config.properties["listener.name.sasl_plaintext.plain.sasl.jaas.config"] = jaas;
        auto seed = security::parse_add_scram("SCRAM-SHA-256=[name=alice,iterations=8192,password=alice-secret]");
        QVERIFY(seed);
        config.scram_users = {seed.value()};
        auto started = broker::node::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        node_ = std::move(started.value());
    }
    // A loopback port nobody listens on right now (the kernel picks it), so a restart can reuse it.
    static uint16_t free_port() {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    uint16_t plain_port_ = 0;
    uint16_t sasl_port_ = 0;
};

QTEST_GUILESS_MAIN(test_sasl)
#include "test_sasl.moc"
