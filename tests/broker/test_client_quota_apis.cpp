// DescribeClientQuotas and AlterClientQuotas against a real node over raw TCP, at v0 and the flexible v1:
// quotas set for users, client-ids and their defaults are described back through EXACT / DEFAULT / ANY
// filters with and without `strict`; an unknown key or a negative value is INVALID_REQUEST with a message
// (the good entries of the same request still land); validate_only changes nothing; removal works; the quotas
// survive a restart; with an authorizer, a principal without DESCRIBE_CONFIGS / ALTER_CONFIGS on the cluster
// gets CLUSTER_AUTHORIZATION_FAILED.
#include <QtTest>

#include "engine/protocol/messages/client_quotas.h"
#include "tests/broker/raw_client.h"
#include "tests/broker/test_node.h"

using namespace sluice;
using namespace sluice::testing;

namespace {
using name = std::optional<std::string>;
using entity = std::vector<client_quota_entity_data>;

alter_client_quotas_request::entry_data set(entity e, std::string key, double value, bool remove = false) {
    return {std::move(e), {{std::move(key), value, remove}}};
}

describe_client_quotas_request filter(std::vector<describe_client_quotas_request::component> components,
                                      bool strict = false) {
    return {std::move(components), strict};
}

std::size_t entries_of(const std::optional<describe_client_quotas_response>& r) {
    return r && r->entries ? r->entries->size() : 0;
}
}  // namespace

class test_client_quota_apis : public QObject {
    Q_OBJECT
private slots:
    void set_describe_validate_and_restart() {
        test_node node;
        QCOMPARE(QString::fromStdString(node.start({})), QString());
        {
            raw_client c(node.port());
            alter_client_quotas_request alter;
            alter.entries = {
                set({{"client-id", "app"}}, "producer_byte_rate", 1024),
                set({{"client-id", name{}}}, "producer_byte_rate", 512),
                set({{"user", "alice"}, {"client-id", "app"}}, "consumer_byte_rate", 2048),
                set({{"user", "alice"}}, "bytes_per_fortnight", 1),  // unknown key
                set({{"user", "bob"}}, "producer_byte_rate", -5),    // negative
                set({{"ip", "127.0.0.1"}}, "connection_creation_rate", 10),
            };
            auto altered = c.call<alter_client_quotas_api>(alter, 1);
            QVERIFY(altered && altered->entries.size() == 6);
            const std::vector<int16_t> expected{0, 0, 0, 42, 42, 0};
            for (std::size_t i = 0; i < expected.size(); ++i) QCOMPARE(altered->entries[i].error_code, expected[i]);
            QVERIFY(altered->entries[3].error_message->find("bytes_per_fortnight") != std::string::npos);
            QVERIFY(altered->entries[4].error_message && !altered->entries[4].error_message->empty());
            QCOMPARE(altered->entries[1].entity[0].entity_type, std::string("client-id"));
            QVERIFY(!altered->entries[1].entity[0].entity_name);

            // validate_only: answers as if, changes nothing.
            alter_client_quotas_request dry;
            dry.entries = {set({{"user", "carol"}}, "producer_byte_rate", 1), set({{"user", "carol"}}, "nope", 1)};
            dry.validate_only = true;
            auto checked = c.call<alter_client_quotas_api>(dry, 0);
            QVERIFY(checked && checked->entries.size() == 2);
            QCOMPARE(checked->entries[0].error_code, int16_t{0});
            QCOMPARE(checked->entries[1].error_code, error_of(error_code::invalid_request));

            auto all = c.call<describe_client_quotas_api>(filter({}), 1);
            QVERIFY(all && all->error_code == 0);
            QCOMPARE(entries_of(all), std::size_t{4});
            auto app = c.call<describe_client_quotas_api>(filter({{"client-id", 0, "app"}}), 0);
            QCOMPARE(entries_of(app), std::size_t{2});
            auto app_strict = c.call<describe_client_quotas_api>(filter({{"client-id", 0, "app"}}, true), 1);
            QCOMPARE(entries_of(app_strict), std::size_t{1});
            QCOMPARE(app_strict->entries->at(0).values.size(), std::size_t{1});
            QCOMPARE(app_strict->entries->at(0).values[0].key, std::string("producer_byte_rate"));
            QCOMPARE(app_strict->entries->at(0).values[0].value, 1024.0);
            auto default_client = c.call<describe_client_quotas_api>(filter({{"client-id", 1, std::nullopt}}), 1);
            QCOMPARE(entries_of(default_client), std::size_t{1});
            QCOMPARE(default_client->entries->at(0).values[0].value, 512.0);
            auto any_user = c.call<describe_client_quotas_api>(filter({{"user", 2, std::nullopt}}), 1);
            QCOMPARE(entries_of(any_user), std::size_t{1});
            auto carol = c.call<describe_client_quotas_api>(filter({{"user", 0, "carol"}}), 1);
            QVERIFY(carol && carol->error_code == 0);
            QCOMPARE(entries_of(carol), std::size_t{0});
            // A malformed filter: a top-level INVALID_REQUEST with a message and no entries.
            auto bad = c.call<describe_client_quotas_api>(filter({{"user", 0, std::nullopt}}), 1);
            QVERIFY(bad);
            QCOMPARE(bad->error_code, error_of(error_code::invalid_request));
            QVERIFY(bad->error_message && !bad->entries);

            alter_client_quotas_request removal;
            removal.entries = {set({{"ip", "127.0.0.1"}}, "connection_creation_rate", 0, true)};
            auto removed = c.call<alter_client_quotas_api>(removal, 1);
            QVERIFY(removed && removed->entries.size() == 1 && removed->entries[0].error_code == 0);
        }
        node.stop();
        QCOMPARE(QString::fromStdString(node.start({})), QString());
        raw_client c(node.port());
        auto after = c.call<describe_client_quotas_api>(filter({}), 0);
        QCOMPARE(entries_of(after), std::size_t{3});
        auto ips = c.call<describe_client_quotas_api>(filter({{"ip", 2, std::nullopt}}), 0);
        QVERIFY(ips && ips->error_code == 0);
        QCOMPARE(entries_of(ips), std::size_t{0});
    }

    void refused_without_cluster_config_rights() {
        test_node node;
        QCOMPARE(QString::fromStdString(
                     node.start({{"authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"},
                                 {"super.users", "User:admin"}})),
                 QString());
        raw_client c(node.port());  // plaintext: User:ANONYMOUS
        alter_client_quotas_request alter;
        alter.entries = {set({{"client-id", "app"}}, "producer_byte_rate", 1024)};
        auto altered = c.call<alter_client_quotas_api>(alter, 1);
        QVERIFY(altered && altered->entries.size() == 1);
        QCOMPARE(altered->entries[0].error_code, error_of(error_code::cluster_authorization_failed));
        auto described = c.call<describe_client_quotas_api>(filter({}), 1);
        QVERIFY(described);
        QCOMPARE(described->error_code, error_of(error_code::cluster_authorization_failed));
    }
};

QTEST_GUILESS_MAIN(test_client_quota_apis)
#include "test_client_quota_apis.moc"
