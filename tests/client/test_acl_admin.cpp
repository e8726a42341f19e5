// acl_admin (DescribeAcls, CreateAcls, DeleteAcls) against a real node with the authorizer on: bindings round
// trip with their pattern types, a bad binding is refused alone with Kafka's reason, filters select and delete
// what Kafka's would; without an authorizer the APIs answer SECURITY_DISABLED.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/broker/node.h"
#include "engine/client/acl_admin.h"

using namespace sluice;
using security::acl_binding;
using security::acl_filter;
using security::acl_operation;
using security::acl_permission;
using security::pattern_type;
using security::resource_type;

namespace {

std::unique_ptr<broker::node> start_node(const QTemporaryDir& dir, bool authorizer) {
    broker::node_config config;
    config.port = 0;
    config.data_dir = dir.path().toStdString();
    if (authorizer)
        config.properties = {{"authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"},
                             {"super.users", "User:ANONYMOUS"}};
    auto started = broker::node::start(config);
    return started ? std::move(started.value()) : nullptr;
}

acl_binding allow(resource_type type, std::string name, pattern_type pattern, std::string principal, acl_operation op) {
    return {{type, std::move(name), pattern}, {std::move(principal), "*", op, acl_permission::allow}};
}

}  // namespace

class test_acl_admin : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<broker::node> node_;
    std::unique_ptr<client::cluster_client> cluster_;

private slots:
    void initTestCase() {
        node_ = start_node(dir_, true);
        QVERIFY(node_ != nullptr);
        cluster_ = std::make_unique<client::cluster_client>("127.0.0.1:" + std::to_string(node_->port()));
    }
    void cleanupTestCase() {
        cluster_.reset();
        if (node_) node_->stop();
    }

    void create_describe_delete() {
        client::acl_admin admin(*cluster_);
        std::vector<acl_binding> wanted{
            allow(resource_type::topic, "orders", pattern_type::literal, "User:alice", acl_operation::read),
            allow(resource_type::topic, "orders-", pattern_type::prefixed, "User:alice", acl_operation::write),
            allow(resource_type::group, "*", pattern_type::literal, "User:bob", acl_operation::read),
            {{resource_type::topic, "x", pattern_type::literal},
             {"alice", "*", acl_operation::read, acl_permission::deny}},
        };
        auto created = admin.create(wanted);
        QVERIFY2(created, created ? "" : created.err().message.c_str());
        QCOMPARE(created->size(), std::size_t{4});
        for (int i = 0; i < 3; ++i) QVERIFY2((*created)[i].ok(), (*created)[i].message.c_str());
        QCOMPARE((*created)[3].error, int16_t(protocol::error_code::invalid_request));  // principal without a type
        QVERIFY2(!(*created)[3].message.empty(), "the refusal says why");

        auto literal = admin.describe(acl_filter{});  // the default filter: LITERAL patterns, any name and type
        QVERIFY2(literal, literal ? "" : literal.err().message.c_str());
        QCOMPARE(literal->size(), std::size_t{2});
        acl_filter any;
        any.pattern = pattern_type::any;
        auto all = admin.describe(any);
        QVERIFY(all);
        QCOMPARE(all->size(), std::size_t{3});
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::find(all->begin(), all->end(), wanted[i]) != all->end(), wanted[i].pattern.name.c_str());

        acl_filter bob = any;
        bob.principal = "User:bob";
        auto bobs = admin.describe(bob);
        QVERIFY(bobs);
        QCOMPARE(bobs->size(), std::size_t{1});
        QVERIFY(bobs->front() == wanted[2]);

        // MATCH: every binding that applies to topic orders-eu (the prefix), not the literal "orders".
        acl_filter applies = any;
        applies.type = resource_type::topic;
        applies.name = "orders-eu";
        applies.pattern = pattern_type::match;
        auto matching = admin.describe(applies);
        QVERIFY(matching);
        QCOMPARE(matching->size(), std::size_t{1});
        QVERIFY(matching->front() == wanted[1]);

        acl_filter alices = any;
        alices.principal = "User:alice";
        std::vector<acl_filter> filters{alices};
        auto removed = admin.remove(filters);
        QVERIFY2(removed, removed ? "" : removed.err().message.c_str());
        QCOMPARE(removed->size(), std::size_t{1});
        QCOMPARE(removed->front().error, int16_t{0});
        QCOMPARE(removed->front().deleted.size(), std::size_t{2});
        auto left = admin.describe(any);
        QVERIFY(left);
        QCOMPARE(left->size(), std::size_t{1});
        QVERIFY(left->front() == wanted[2]);
    }

    void without_an_authorizer_security_is_disabled() {
        QTemporaryDir other;
        auto plain = start_node(other, false);
        QVERIFY(plain != nullptr);
        client::cluster_client cluster("127.0.0.1:" + std::to_string(plain->port()));
        client::acl_admin admin(cluster);
        auto described = admin.describe(acl_filter{});
        QVERIFY(!described);
        QCOMPARE(described.err().code, protocol::error_code::security_disabled);
        plain->stop();
    }
};

QTEST_GUILESS_MAIN(test_acl_admin)
#include "test_acl_admin.moc"
