// "What can this principal do" (security/access_summary.h): one row per pattern of the principal's ACLs, decided by
// the authorizer — DENY wins (also from a wider `*` or prefix pattern), User:* applies, another host's ACL does
// not, READ/WRITE/DELETE/ALTER imply DESCRIBE, ALTER_CONFIGS implies DESCRIBE_CONFIGS, ALL allows every operation
// valid for the type; and the operations Kafka accepts per resource type.
#include <QtTest>
#include <algorithm>

#include "engine/security/access_summary.h"
#include "tests/security/acl_fixtures.h"

using namespace sluice::security;

namespace {
using sluice::security::testing::acl;
using sluice::security::testing::source_of;

bool has(const std::vector<acl_operation>& ops, acl_operation op) {
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

const access_row* row_of(const std::vector<access_row>& rows, resource_type type, const std::string& name,
                         pattern_type pattern) {
    for (const auto& r : rows)
        if (r.pattern.type == type && r.pattern.name == name && r.pattern.pattern == pattern) return &r;
    return nullptr;
}

constexpr auto A = acl_permission::allow;
constexpr auto D = acl_permission::deny;
constexpr auto lit = pattern_type::literal;
constexpr auto pre = pattern_type::prefixed;
constexpr auto topic = resource_type::topic;
}  // namespace

class test_access_summary : public QObject {
    Q_OBJECT
private slots:
    void implications_and_deny_wins() {
        const std::vector<acl_binding> acls{
            acl(topic, "orders", lit, "User:alice", acl_operation::read, A),
            acl(topic, "orders", lit, "User:alice", acl_operation::alter_configs, A),
            acl(topic, "orders-", pre, "User:alice", acl_operation::all, A),
            acl(topic, "orders-secret", pre, "User:alice", acl_operation::write, D),
            acl(topic, "*", lit, "User:*", acl_operation::describe, D),
            acl(topic, "bob-only", lit, "User:bob", acl_operation::read, A),
            acl(topic, "far", lit, "User:alice", acl_operation::read, A, "10.0.0.9"),
        };
        const auto rows = summarize_access(source_of(acls), user_principal("alice"), "127.0.0.1");
        QCOMPARE(rows.size(), std::size_t{4});  // not bob's, not the other host's
        QVERIFY(!row_of(rows, topic, "bob-only", lit));
        QVERIFY(!row_of(rows, topic, "far", lit));

        const auto* orders = row_of(rows, topic, "orders", lit);
        QVERIFY(orders);
        QVERIFY(has(orders->allowed, acl_operation::read));
        QVERIFY(has(orders->allowed, acl_operation::describe_configs));  // implied by ALTER_CONFIGS
        QVERIFY(!has(orders->allowed, acl_operation::describe));         // READ implies it, but the `*` DENY wins
        QVERIFY(has(orders->denied, acl_operation::describe));
        QVERIFY(!has(orders->allowed, acl_operation::write));
        QVERIFY(!has(orders->denied, acl_operation::write));  // not allowed, but no DENY either

        const auto* prefixed = row_of(rows, topic, "orders-", pre);
        QVERIFY(prefixed);
        QVERIFY(has(prefixed->allowed, acl_operation::write));  // ALL
        QVERIFY(has(prefixed->allowed, acl_operation::alter_configs));
        QVERIFY(has(prefixed->denied, acl_operation::describe));

        const auto* secret = row_of(rows, topic, "orders-secret", pre);
        QVERIFY(secret);
        QVERIFY(has(secret->denied, acl_operation::write));  // the narrower DENY wins over the wider ALL
        QVERIFY(has(secret->allowed, acl_operation::read));  // from orders- ALL

        const auto* wildcard = row_of(rows, topic, "*", lit);
        QVERIFY(wildcard);
        QVERIFY(wildcard->allowed.empty());
        QVERIFY(has(wildcard->denied, acl_operation::describe));
    }

    void all_on_the_cluster_allows_its_operations_only() {
        const std::vector<acl_binding> acls{
            acl(resource_type::cluster, "kafka-cluster", lit, "User:ops", acl_operation::all, A)};
        const auto rows = summarize_access(source_of(acls), user_principal("ops"), "127.0.0.1");
        QCOMPARE(rows.size(), std::size_t{1});
        QVERIFY(has(rows[0].allowed, acl_operation::idempotent_write));
        QVERIFY(has(rows[0].allowed, acl_operation::cluster_action));
        QVERIFY(!has(rows[0].allowed, acl_operation::read));  // no READ on a cluster
        QVERIFY(!has(rows[0].allowed, acl_operation::all));
        QVERIFY(summarize_access(source_of(acls), user_principal("dev"), "127.0.0.1").empty());
    }

    void valid_operations_per_type() {
        QVERIFY(has(valid_operations(resource_type::group), acl_operation::read));
        QVERIFY(!has(valid_operations(resource_type::group), acl_operation::write));
        QVERIFY(has(valid_operations(resource_type::transactional_id), acl_operation::write));
        QVERIFY(!has(valid_operations(resource_type::topic), acl_operation::idempotent_write));
        QCOMPARE(valid_operations(resource_type::delegation_token).size(), std::size_t{2});
        QVERIFY(valid_operations(resource_type::any).empty());
        for (auto type : {topic, resource_type::group, resource_type::cluster})
            QCOMPARE(valid_operations(type).front(), acl_operation::all);
    }
};

QTEST_APPLESS_MAIN(test_access_summary)
#include "test_access_summary.moc"
