// The ACL authorizer's decision (security/authorizer.h), rule by rule, on hand-made ACL sets: super users,
// no ACL (deny, or allow with allow.everyone.if.no.acl.found), LITERAL / `*` / PREFIXED patterns, principal
// and host matching (exact or wildcard), DENY winning over ALLOW, Kafka's operation implications (an ALLOW
// of READ/WRITE/DELETE/ALTER allows DESCRIBE, ALTER_CONFIGS allows DESCRIBE_CONFIGS, ALL allows all; a DENY
// denies only its own operation or ALL), KIP-679's "WRITE on any topic", the wire codes and the config parsing.
#include <QtTest>

#include "engine/security/acl_filter.h"
#include "engine/security/authorizer.h"
#include "tests/security/acl_fixtures.h"

using namespace sluice;
using namespace sluice::security;

Q_DECLARE_METATYPE(sluice::security::acl_operation)

namespace {
using sluice::security::testing::acl;
using sluice::security::testing::source_of;

bool allowed(const std::vector<acl_binding>& acls, const std::string& user, acl_operation op, resource target,
             authorizer_settings settings = {}, std::string_view host = "127.0.0.1") {
    auto principal = user_principal(user);
    return authorize(settings, source_of(acls), {principal, host, op, target}) == authorization::allowed;
}

const resource orders{resource_type::topic, "orders"};
constexpr auto A = acl_permission::allow;
constexpr auto D = acl_permission::deny;
constexpr auto lit = pattern_type::literal;
constexpr auto pre = pattern_type::prefixed;
}  // namespace

class test_authorizer : public QObject {
    Q_OBJECT
private slots:
    void wire_codes_are_kafkas() {
        QCOMPARE(int(resource_type::topic), 2);
        QCOMPARE(int(resource_type::group), 3);
        QCOMPARE(int(resource_type::cluster), 4);
        QCOMPARE(int(resource_type::transactional_id), 5);
        QCOMPARE(int(resource_type::delegation_token), 6);
        QCOMPARE(int(pattern_type::any), 1);
        QCOMPARE(int(pattern_type::match), 2);
        QCOMPARE(int(pattern_type::literal), 3);
        QCOMPARE(int(pattern_type::prefixed), 4);
        QCOMPARE(int(acl_operation::all), 2);
        QCOMPARE(int(acl_operation::read), 3);
        QCOMPARE(int(acl_operation::describe), 8);
        QCOMPARE(int(acl_operation::cluster_action), 9);
        QCOMPARE(int(acl_operation::idempotent_write), 12);
        QCOMPARE(int(acl_permission::deny), 2);
        QCOMPARE(int(acl_permission::allow), 3);
        // Codes this build does not know are UNKNOWN, never cast blindly.
        QCOMPARE(resource_type_from_code(7), resource_type::unknown);
        QCOMPARE(resource_type_from_code(-3), resource_type::unknown);
        QCOMPARE(pattern_type_from_code(5), pattern_type::unknown);
        QCOMPARE(acl_operation_from_code(13), acl_operation::unknown);
        QCOMPARE(acl_permission_from_code(4), acl_permission::unknown);
        QCOMPARE(acl_operation_from_code(6), acl_operation::del);
    }

    void no_acl_denies_unless_allow_everyone() {
        QVERIFY(!allowed({}, "alice", acl_operation::read, orders));
        QVERIFY(allowed({}, "alice", acl_operation::read, orders, {{}, true}));
        // An ACL on the resource, for someone else, means the resource is no longer "without ACLs".
        std::vector acls{acl(resource_type::topic, "orders", lit, "User:bob", acl_operation::read, A)};
        QVERIFY(!allowed(acls, "alice", acl_operation::read, orders, {{}, true}));
        // ... while a resource the ACL does not cover still is.
        QVERIFY(allowed(acls, "alice", acl_operation::read, {resource_type::topic, "other"}, {{}, true}));
    }

    void super_users_may_do_anything() {
        std::vector acls{acl(resource_type::topic, "orders", lit, "User:admin", acl_operation::all, D)};
        authorizer_settings settings{parse_super_users(" User:admin ; User:broker;"), false};
        QCOMPARE(settings.super_users.size(), std::size_t{2});
        QVERIFY(allowed(acls, "admin", acl_operation::write, orders, settings));
        QVERIFY(
            allowed({}, "broker", acl_operation::cluster_action, {resource_type::cluster, "kafka-cluster"}, settings));
        QVERIFY(!allowed({}, "alice", acl_operation::read, orders, settings));
    }

    void patterns() {
        std::vector acls{acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::read, A),
                         acl(resource_type::topic, "logs-", pre, "User:alice", acl_operation::read, A),
                         acl(resource_type::topic, "*", lit, "User:bob", acl_operation::read, A)};
        QVERIFY(allowed(acls, "alice", acl_operation::read, orders));
        QVERIFY(!allowed(acls, "alice", acl_operation::read, {resource_type::topic, "orders2"}));
        QVERIFY(allowed(acls, "alice", acl_operation::read, {resource_type::topic, "logs-app"}));
        QVERIFY(allowed(acls, "alice", acl_operation::read, {resource_type::topic, "logs-"}));
        QVERIFY(!allowed(acls, "alice", acl_operation::read, {resource_type::topic, "logs"}));
        QVERIFY(allowed(acls, "bob", acl_operation::read, {resource_type::topic, "anything"}));
        // The type must match: a topic ACL says nothing about a group of the same name.
        QVERIFY(!allowed(acls, "alice", acl_operation::read, {resource_type::group, "orders"}));
        // A `*` prefix is a literal character, not a wildcard.
        std::vector star_prefix{acl(resource_type::topic, "*", pre, "User:alice", acl_operation::read, A)};
        QVERIFY(!allowed(star_prefix, "alice", acl_operation::read, orders));
    }

    void principals_and_hosts() {
        std::vector acls{acl(resource_type::topic, "orders", lit, "User:*", acl_operation::read, A),
                         acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::write, A, "10.0.0.1")};
        QVERIFY(allowed(acls, "anyone", acl_operation::read, orders));
        QVERIFY(allowed(acls, "alice", acl_operation::write, orders, {}, "10.0.0.1"));
        QVERIFY(!allowed(acls, "alice", acl_operation::write, orders, {}, "10.0.0.2"));
        QCOMPARE(host_of_peer("127.0.0.1:5123"), std::string_view("127.0.0.1"));
        QCOMPARE(host_of_peer("::1:5123"), std::string_view("::1"));
        QCOMPARE(host_of_peer("[::1]:5123"), std::string_view("::1"));
    }

    void deny_wins() {
        std::vector acls{acl(resource_type::topic, "*", lit, "User:alice", acl_operation::all, A),
                         acl(resource_type::topic, "secret-", pre, "User:alice", acl_operation::read, D),
                         acl(resource_type::topic, "orders", lit, "User:*", acl_operation::write, D, "10.0.0.9")};
        QVERIFY(allowed(acls, "alice", acl_operation::read, orders));
        QVERIFY(!allowed(acls, "alice", acl_operation::read, {resource_type::topic, "secret-plans"}));
        // A DENY of READ does not deny DESCRIBE (implications are for ALLOW only) nor WRITE.
        QVERIFY(allowed(acls, "alice", acl_operation::describe, {resource_type::topic, "secret-plans"}));
        QVERIFY(allowed(acls, "alice", acl_operation::write, {resource_type::topic, "secret-plans"}));
        QVERIFY(!allowed(acls, "alice", acl_operation::write, orders, {}, "10.0.0.9"));
        QVERIFY(allowed(acls, "alice", acl_operation::write, orders, {}, "10.0.0.8"));
        // DENY ALL denies every operation.
        std::vector all{acl(resource_type::group, "g", lit, "User:carol", acl_operation::read, A),
                        acl(resource_type::group, "g", lit, "User:carol", acl_operation::all, D)};
        QVERIFY(!allowed(all, "carol", acl_operation::read, {resource_type::group, "g"}));
    }

    void implications_data() {
        QTest::addColumn<acl_operation>("granted");
        QTest::addColumn<acl_operation>("requested");
        QTest::addColumn<bool>("allows");
        using enum acl_operation;
        QTest::newRow("read->describe") << read << describe << true;
        QTest::newRow("write->describe") << write << describe << true;
        QTest::newRow("delete->describe") << del << describe << true;
        QTest::newRow("alter->describe") << alter << describe << true;
        QTest::newRow("create-/->describe") << create << describe << false;
        QTest::newRow("alter_configs->describe_configs") << alter_configs << describe_configs << true;
        QTest::newRow("describe_configs-/->alter_configs") << describe_configs << alter_configs << false;
        QTest::newRow("alter-/->describe_configs") << alter << describe_configs << false;
        QTest::newRow("describe-/->read") << describe << read << false;
        QTest::newRow("read-/->write") << read << write << false;
        QTest::newRow("all->cluster_action") << all << cluster_action << true;
        QTest::newRow("all->idempotent_write") << all << idempotent_write << true;
        QTest::newRow("write-/->idempotent_write") << write << idempotent_write << false;
    }
    void implications() {
        QFETCH(acl_operation, granted);
        QFETCH(acl_operation, requested);
        QFETCH(bool, allows);
        std::vector acls{acl(resource_type::topic, "orders", lit, "User:alice", granted, A)};
        QCOMPARE(allowed(acls, "alice", requested, orders), allows);
    }

    void write_on_any_topic() {
        auto any_write = [](const std::vector<acl_binding>& acls) {
            return authorize_any({}, source_of(acls), user_principal("alice"), "127.0.0.1", acl_operation::write,
                                 resource_type::topic) == authorization::allowed;
        };
        QVERIFY(!any_write({}));
        QVERIFY(any_write({acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::write, A)}));
        QVERIFY(!any_write({acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::read, A)}));
        QVERIFY(!any_write({acl(resource_type::group, "orders", lit, "User:alice", acl_operation::write, A)}));
        // A DENY on the same or a wider pattern cancels it.
        QVERIFY(!any_write({acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::write, A),
                            acl(resource_type::topic, "ord", pre, "User:alice", acl_operation::write, D)}));
        QVERIFY(!any_write({acl(resource_type::topic, "logs-", pre, "User:alice", acl_operation::write, A),
                            acl(resource_type::topic, "*", lit, "User:*", acl_operation::all, D)}));
        QVERIFY(any_write({acl(resource_type::topic, "logs-", pre, "User:alice", acl_operation::write, A),
                           acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::write, D)}));
    }

    void authorizer_class_names() {
        QVERIFY(!authorizer_enabled("").value());
        QVERIFY(authorizer_enabled("org.apache.kafka.metadata.authorizer.StandardAuthorizer").value());
        QVERIFY(authorizer_enabled("kafka.security.authorizer.AclAuthorizer").value());
        auto other = authorizer_enabled("com.example.MyAuthorizer");
        QVERIFY(!other);
        QVERIFY(other.err().message.find("com.example.MyAuthorizer") != std::string::npos);
    }

    void new_binding_validation() {
        auto good = acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::read, A);
        QVERIFY(validate_new_binding(good).ok());
        auto check = [](acl_binding b) {
            auto r = validate_new_binding(b);
            return !r && r.err().code == protocol::error_code::invalid_request;
        };
        auto b = good;
        b.pattern.type = resource_type::any;
        QVERIFY(check(b));
        b = good;
        b.pattern.pattern = pattern_type::match;
        QVERIFY(check(b));
        b = good;
        b.pattern.name.clear();
        QVERIFY(check(b));
        b = good;
        b.entry.operation = acl_operation::any;
        QVERIFY(check(b));
        b = good;
        b.entry.permission = acl_permission::any;
        QVERIFY(check(b));
        b = good;
        b.entry.principal = "alice";
        QVERIFY(check(b));
        b = acl(resource_type::cluster, "my-cluster", lit, "User:alice", acl_operation::alter, A);
        QVERIFY(check(b));
        b.pattern.name = "kafka-cluster";
        QVERIFY(validate_new_binding(b).ok());
    }

    void filters() {
        auto literal = acl(resource_type::topic, "orders", lit, "User:alice", acl_operation::read, A);
        auto wildcard = acl(resource_type::topic, "*", lit, "User:bob", acl_operation::write, D);
        auto prefixed = acl(resource_type::topic, "ord", pre, "User:alice", acl_operation::read, A);
        auto group = acl(resource_type::group, "orders", lit, "User:alice", acl_operation::read, A);
        auto matches = [&](const acl_filter& f) {
            std::vector<int> out;
            int i = 0;
            for (const auto& b : {literal, wildcard, prefixed, group}) {
                if (filter_matches(f, b)) out.push_back(i);
                ++i;
            }
            return out;
        };
        using v = std::vector<int>;
        QCOMPARE(matches({resource_type::any, std::nullopt, pattern_type::any}), (v{0, 1, 2, 3}));
        QCOMPARE(matches({resource_type::topic, std::nullopt, pattern_type::any}), (v{0, 1, 2}));
        QCOMPARE(matches({resource_type::topic, "orders", lit}), (v{0}));
        QCOMPARE(matches({resource_type::any, "orders", pattern_type::any}), (v{0, 3}));
        QCOMPARE(matches({resource_type::topic, std::nullopt, pre}), (v{2}));
        QCOMPARE(matches({resource_type::topic, "orders", pattern_type::match}), (v{0, 1, 2}));
        QCOMPARE(matches({resource_type::topic, "other", pattern_type::match}), (v{1}));
        QCOMPARE(matches({resource_type::any, std::nullopt, pattern_type::any, "User:alice"}), (v{0, 2, 3}));
        QCOMPARE(matches({resource_type::any, std::nullopt, pattern_type::any, std::nullopt, std::nullopt,
                          acl_operation::any, D}),
                 (v{1}));
        QCOMPARE(matches({resource_type::any, std::nullopt, pattern_type::any, std::nullopt, "10.0.0.1"}), v{});
        QVERIFY(!validate_filter({resource_type::unknown}));
        QVERIFY(!validate_filter({resource_type::topic, std::nullopt, pattern_type::unknown}));
        QVERIFY(validate_filter({resource_type::topic, std::nullopt, pattern_type::match}).ok());
    }
};

QTEST_APPLESS_MAIN(test_authorizer)
#include "test_authorizer.moc"
