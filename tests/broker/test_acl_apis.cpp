// CreateAcls, DescribeAcls and DeleteAcls against a real node over raw TCP: SECURITY_DISABLED without an
// authorizer; with one, the created bindings are described by filter at v0 (LITERAL only), v1 and the
// flexible v2/v3, bad bindings get INVALID_REQUEST each (the good ones in the same request still land),
// a principal that is not a super user gets CLUSTER_AUTHORIZATION_FAILED, DeleteAcls removes what its filter
// matches and answers with it, and the ACLs are still there after the node restarts on its data dir. An
// authorizer.class.name other than Kafka's is a startup error.
#include <QtTest>

#include "engine/broker/node.h"
#include "engine/protocol/messages/acls.h"
#include "tests/broker/raw_client.h"
#include "tests/broker/test_node.h"

using namespace sluice;
using namespace sluice::testing;

namespace {
constexpr auto standard_authorizer = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

create_acls_request::creation creation(int8_t type, std::string name, int8_t pattern, std::string principal, int8_t op,
                                       int8_t permission) {
    return {type, std::move(name), pattern, std::move(principal), "*", op, permission};
}

describe_acls_request any_acl() {
    describe_acls_request r;
    r.resource_type_filter = 1;  // ANY
    r.pattern_type_filter = 1;   // ANY
    r.operation = 1;
    r.permission_type = 1;
    return r;
}

std::size_t acl_count(const describe_acls_response& r) {
    std::size_t n = 0;
    for (const auto& res : r.resources) n += res.acls.size();
    return n;
}
}  // namespace

class test_acl_apis : public QObject {
    Q_OBJECT
private slots:
    void init() {
        node_ = std::make_unique<test_node>();
        port_ = node_->port();
    }
    void cleanup() { node_.reset(); }

    void security_disabled_without_authorizer() {
        start_node({});
        raw_client c(port_);
        create_acls_request create;
        create.creations = {creation(2, "t", 3, "User:alice", 3, 3)};
        auto created = c.call<create_acls_api>(create, 1);
        QVERIFY(created && created->results.size() == 1);
        QCOMPARE(created->results[0].error_code, error_of(error_code::security_disabled));
        auto described = c.call<describe_acls_api>(any_acl(), 2);
        QVERIFY(described);
        QCOMPARE(described->error_code, error_of(error_code::security_disabled));
        delete_acls_request del;
        del.filters = {{1, std::nullopt, 1, std::nullopt, std::nullopt, 1, 1}};
        auto deleted = c.call<delete_acls_api>(del, 0);
        QVERIFY(deleted && deleted->filter_results.size() == 1);
        QCOMPARE(deleted->filter_results[0].error_code, error_of(error_code::security_disabled));
    }

    void unknown_authorizer_is_a_startup_error() {
        broker::node_config config = node_->config_with({{"authorizer.class.name", "com.example.Mine"}});
        auto started = broker::node::start(config);
        QVERIFY(!started.ok());
        QVERIFY2(started.err().message.find("com.example.Mine") != std::string::npos, started.err().message.c_str());
    }

    void not_a_super_user_is_refused() {
        start_node({{"authorizer.class.name", standard_authorizer}, {"super.users", "User:admin"}});
        raw_client c(port_);  // plaintext: User:ANONYMOUS
        create_acls_request create;
        create.creations = {creation(2, "t", 3, "User:ANONYMOUS", 2, 3)};
        auto created = c.call<create_acls_api>(create, 1);
        QVERIFY(created && created->results.size() == 1);
        QCOMPARE(created->results[0].error_code, error_of(error_code::cluster_authorization_failed));
        auto described = c.call<describe_acls_api>(any_acl(), 1);
        QVERIFY(described);
        QCOMPARE(described->error_code, error_of(error_code::cluster_authorization_failed));
    }

    void create_describe_delete_and_restart() {
        start_node({{"authorizer.class.name", standard_authorizer}, {"super.users", "User:ANONYMOUS"}});
        {
            raw_client c(port_);
            create_acls_request create;
            create.creations = {
                creation(2, "orders", 3, "User:alice", 3, 3),      // ok: LITERAL topic READ ALLOW
                creation(2, "logs-", 4, "User:alice", 3, 3),       // ok: PREFIXED
                creation(3, "g", 3, "User:bob", 2, 2),             // ok: group, ALL, DENY
                creation(2, "x", 2, "User:alice", 3, 3),           // MATCH is for filters only
                creation(4, "my-cluster", 3, "User:alice", 7, 3),  // CLUSTER is named kafka-cluster
                creation(2, "x", 3, "alice", 3, 3),                // no principal type
                creation(2, "x", 3, "User:alice", 1, 3),           // ANY operation
                creation(2, "orders", 3, "User:alice", 3, 3),      // a duplicate: fine, stored once
            };
            auto created = c.call<create_acls_api>(create, 1);
            QVERIFY(created && created->results.size() == 8);
            const std::vector<int16_t> expected{0, 0, 0, 42, 42, 42, 42, 0};
            for (std::size_t i = 0; i < expected.size(); ++i) QCOMPARE(created->results[i].error_code, expected[i]);
            QVERIFY(created->results[3].error_message->find("MATCH") != std::string::npos);

            auto all = c.call<describe_acls_api>(any_acl(), 3);
            QVERIFY(all && all->error_code == 0);
            QCOMPARE(acl_count(*all), std::size_t{3});
            // v0 cannot say PREFIXED: its filter is LITERAL, so only the literal bindings come back.
            auto literal = any_acl();
            literal.pattern_type_filter = 3;
            auto v0 = c.call<describe_acls_api>(literal, 0);
            QVERIFY(v0 && v0->error_code == 0);
            QCOMPARE(acl_count(*v0), std::size_t{2});
            // MATCH: what applies to topic logs-app.
            describe_acls_request match = any_acl();
            match.resource_type_filter = 2;
            match.resource_name_filter = "logs-app";
            match.pattern_type_filter = 2;
            auto matched = c.call<describe_acls_api>(match, 2);
            QVERIFY(matched && matched->resources.size() == 1);
            QCOMPARE(matched->resources[0].resource_name, std::string("logs-"));
            QCOMPARE(matched->resources[0].pattern_type, int8_t{4});
            // An UNKNOWN element in a filter is INVALID_REQUEST.
            describe_acls_request unknown = any_acl();
            unknown.operation = 0;
            auto refused = c.call<describe_acls_api>(unknown, 1);
            QVERIFY(refused);
            QCOMPARE(refused->error_code, error_of(error_code::invalid_request));
        }
        node_->stop();
        start_node({{"authorizer.class.name", standard_authorizer}, {"super.users", "User:ANONYMOUS"}});
        raw_client c(port_);
        auto after = c.call<describe_acls_api>(any_acl(), 1);
        QVERIFY(after && after->error_code == 0);
        QCOMPARE(acl_count(*after), std::size_t{3});
        delete_acls_request del;
        del.filters = {{1, std::nullopt, 1, std::string("User:alice"), std::nullopt, 1, 1},
                       {2, std::string("orders"), 3, std::nullopt, std::nullopt, 1, 1}};
        auto deleted = c.call<delete_acls_api>(del, 2);
        QVERIFY(deleted && deleted->filter_results.size() == 2);
        QCOMPARE(deleted->filter_results[0].matching_acls.size(), std::size_t{2});
        QCOMPARE(deleted->filter_results[1].matching_acls.size(), std::size_t{1});
        QCOMPARE(deleted->filter_results[1].matching_acls[0].principal, std::string("User:alice"));
        auto left = c.call<describe_acls_api>(any_acl(), 1);
        QVERIFY(left && left->resources.size() == 1);
        QCOMPARE(left->resources[0].resource_name, std::string("g"));
        QCOMPARE(left->resources[0].acls[0].permission_type, int8_t{2});
    }

private:
    void start_node(std::map<std::string, std::string> properties) {
        const auto failure = node_->start(std::move(properties));
        QVERIFY2(failure.empty(), failure.c_str());
    }

    std::unique_ptr<test_node> node_;
    uint16_t port_ = 0;
};

QTEST_GUILESS_MAIN(test_acl_apis)
#include "test_acl_apis.moc"
