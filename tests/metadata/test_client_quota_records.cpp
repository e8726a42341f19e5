// Client quotas as metadata records (Kafka's ClientQuotaRecord, type 14): the frame round-trips, the image
// sets, replaces and removes quotas per entity, a snapshot carries them, AlterClientQuotas' planning checks
// entities, keys and values, DescribeClientQuotas' filter matches as Kafka's, and the quota that applies
// to a (user, client-id) follows Kafka's order of precedence.
#include <QtTest>
#include <cmath>

#include "engine/metadata/client_quotas.h"
#include "engine/metadata/metadata_snapshot.h"

using namespace sluice;
using namespace sluice::metadata;

namespace {
using name = std::optional<std::string>;
std::vector<quota_entity_data> entity(std::initializer_list<std::pair<std::string, name>> parts) {
    std::vector<quota_entity_data> out;
    for (const auto& [type, n] : parts) out.push_back({type, n});
    return out;
}

metadata_image image_of(const std::vector<metadata_record>& records) {
    metadata_image image;
    for (const auto& r : records) image.apply(r);
    return image;
}

client_quota_record set(std::vector<quota_entity_data> e, std::string key, double value) {
    return client_quota_record{std::move(e), std::move(key), value, false};
}

std::vector<client_quota_outcome> plan(const metadata_image& image, std::vector<client_quota_alteration> entries,
                                       std::vector<metadata_record>& records) {
    std::vector<client_quota_outcome> outcomes;
    records = plan_client_quota_changes(image, entries, outcomes);
    return outcomes;
}

// A cluster with quotas at several levels of precedence.
metadata_image layered() {
    return image_of({
        set(entity({{"user", "alice"}, {"client-id", "app"}}), "producer_byte_rate", 100),
        set(entity({{"user", "alice"}, {"client-id", name{}}}), "producer_byte_rate", 200),
        set(entity({{"user", "alice"}}), "producer_byte_rate", 300),
        set(entity({{"user", name{}}, {"client-id", "app"}}), "producer_byte_rate", 400),
        set(entity({{"user", name{}}, {"client-id", name{}}}), "producer_byte_rate", 500),
        set(entity({{"user", name{}}}), "producer_byte_rate", 600),
        set(entity({{"client-id", "app"}}), "producer_byte_rate", 700),
        set(entity({{"client-id", name{}}}), "producer_byte_rate", 800),
        set(entity({{"client-id", "app"}}), "consumer_byte_rate", 50),
        set(entity({{"ip", "10.0.0.1"}}), "connection_creation_rate", 5),
    });
}
}  // namespace

class test_client_quota_records : public QObject {
    Q_OBJECT
private slots:
    void record_round_trips_with_kafkas_frame() {
        metadata_record record = set(entity({{"user", "alice"}, {"client-id", name{}}}), "producer_byte_rate", 1024.5);
        auto bytes = encode_record(record);
        QCOMPARE(int(bytes[0]) << 8 | int(bytes[1]), 14);
        QCOMPARE(int(bytes[2]) << 8 | int(bytes[3]), 0);
        auto decoded = decode_record(bytes);
        QVERIFY(decoded.ok());
        const auto& r = std::get<client_quota_record>(decoded.value());
        QCOMPARE(r.entity.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(r.entity[0].entity_type), QString("user"));
        QVERIFY(r.entity[0].entity_name == name{"alice"});
        QVERIFY(!r.entity[1].entity_name);
        QCOMPARE(QString::fromStdString(r.key), QString("producer_byte_rate"));
        QCOMPARE(r.value, 1024.5);
        QVERIFY(!r.remove);
        bytes.resize(bytes.size() - 2);
        QVERIFY(!decode_record(bytes).ok());
    }

    void image_sets_replaces_and_removes() {
        auto alice = entity({{"user", "alice"}});
        auto image = image_of({set(alice, "producer_byte_rate", 10), set(alice, "consumer_byte_rate", 20),
                               set(alice, "producer_byte_rate", 30)});
        const auto& quotas = image.client_quotas().at(client_quota_entity_of(alice));
        QCOMPARE(quotas.size(), std::size_t{2});
        QCOMPARE(quotas.at("producer_byte_rate"), 30.0);
        image.apply(client_quota_record{alice, "producer_byte_rate", 0, true});
        image.apply(client_quota_record{alice, "consumer_byte_rate", 0, true});
        QVERIFY(image.client_quotas().empty());                                  // no empty entity left behind
        image.apply(client_quota_record{alice, "consumer_byte_rate", 0, true});  // removing again: harmless
        QVERIFY(image.client_quotas().empty());
    }

    void snapshot_carries_quotas() {
        auto image = layered();
        auto records = decode_snapshot(encode_snapshot(image, 1));
        QVERIFY(records.ok());
        auto rebuilt = image_of(records.value());
        QVERIFY(rebuilt.same_state(image));
        QCOMPARE(rebuilt.client_quotas().size(), std::size_t{9});
        QVERIFY(!rebuilt.same_state(metadata_image{}));
    }

    void alter_checks_entities_keys_and_values_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("user producer rate") << "user"
                                            << "producer_byte_rate" << 1024.0 << true;
        QTest::newRow("client request percentage") << "client-id"
                                                   << "request_percentage" << 12.5 << true;
        QTest::newRow("unknown key") << "user"
                                     << "bytes_per_fortnight" << 1.0 << false;
        QTest::newRow("ip key on a user") << "user"
                                          << "connection_creation_rate" << 1.0 << false;
        QTest::newRow("user key on an ip") << "ip"
                                           << "producer_byte_rate" << 1.0 << false;
        QTest::newRow("ip connection rate") << "ip"
                                            << "connection_creation_rate" << 3.0 << true;
        QTest::newRow("negative") << "user"
                                  << "producer_byte_rate" << -1.0 << false;
        QTest::newRow("nan") << "user"
                             << "request_percentage" << double(NAN) << false;
        QTest::newRow("fractional byte rate") << "user"
                                              << "producer_byte_rate" << 1.5 << false;
        QTest::newRow("unknown entity type") << "group"
                                             << "producer_byte_rate" << 1.0 << false;
    }
    void alter_checks_entities_keys_and_values() {
        QFETCH(QString, type);
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(bool, valid);
        std::vector<metadata_record> records;
        auto n = type == "ip" ? name{"127.0.0.1"} : name{"x"};
        auto outcomes = plan({}, {{entity({{type.toStdString(), n}}), {{key.toStdString(), value, false}}}}, records);
        QCOMPARE(outcomes.size(), std::size_t{1});
        QCOMPARE(outcomes[0].code == protocol::error_code::none, valid);
        QCOMPARE(records.size(), std::size_t{valid ? 1u : 0u});
        if (!valid) {
            QCOMPARE(outcomes[0].code, protocol::error_code::invalid_request);
            QVERIFY(!outcomes[0].message.empty());
        }
    }

    void alter_entries_are_independent_and_all_or_nothing() {
        std::vector<metadata_record> records;
        auto outcomes = plan({},
                             {{entity({{"user", "a"}}), {{"producer_byte_rate", 10, false}, {"bogus", 1, false}}},
                              {entity({{"user", "b"}}), {{"consumer_byte_rate", 20, false}}},
                              {entity({}), {{"consumer_byte_rate", 20, false}}},
                              {entity({{"user", "c"}, {"user", "d"}}), {{"consumer_byte_rate", 20, false}}},
                              {entity({{"ip", "1.2.3.4"}, {"user", "d"}}), {{"connection_creation_rate", 1, false}}},
                              {entity({{"ip", "not-an-ip"}}), {{"connection_creation_rate", 1, false}}}},
                             records);
        QCOMPARE(outcomes.size(), std::size_t{6});
        QCOMPARE(outcomes[0].code, protocol::error_code::invalid_request);
        QVERIFY(outcomes[0].message.find("bogus") != std::string::npos);
        QCOMPARE(outcomes[1].code, protocol::error_code::none);
        for (int i = 2; i < 6; ++i) QCOMPARE(outcomes[i].code, protocol::error_code::invalid_request);
        QCOMPARE(records.size(), std::size_t{1});
        QCOMPARE(std::get<client_quota_record>(records[0]).value, 20.0);
    }

    void removing_what_is_not_set_is_no_change() {
        auto image = layered();
        std::vector<metadata_record> records;
        auto outcomes = plan(
            image, {{entity({{"user", "alice"}}), {{"consumer_byte_rate", 0, true}, {"producer_byte_rate", 0, true}}}},
            records);
        QCOMPARE(outcomes[0].code, protocol::error_code::none);
        QCOMPARE(records.size(), std::size_t{1});
        QVERIFY(std::get<client_quota_record>(records[0]).remove);
        for (const auto& r : records) image.apply(r);
        QVERIFY(!image.client_quotas().contains(client_quota_entity_of(entity({{"user", "alice"}}))));
    }

    void describe_filters_data() {
        QTest::addColumn<std::vector<client_quota_filter_component>>("components");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<int>("count");
        using C = client_quota_filter_component;
        QTest::newRow("everything") << std::vector<C>{} << false << 9;
        QTest::newRow("nothing is strictly empty") << std::vector<C>{} << true << 0;
        QTest::newRow("user alice, any client") << std::vector<C>{{"user", quota_match_exact, "alice"}} << false << 3;
        QTest::newRow("user alice strictly") << std::vector<C>{{"user", quota_match_exact, "alice"}} << true << 1;
        QTest::newRow("default user") << std::vector<C>{{"user", quota_match_default, {}}} << false << 3;
        QTest::newRow("any user strictly") << std::vector<C>{{"user", quota_match_any, {}}} << true << 2;
        QTest::newRow("client app") << std::vector<C>{{"client-id", quota_match_exact, "app"}} << false << 3;
        QTest::newRow("any user, default client")
            << std::vector<C>{{"user", quota_match_any, {}}, {"client-id", quota_match_default, {}}} << true << 2;
        QTest::newRow("ip") << std::vector<C>{{"ip", quota_match_any, {}}} << false << 1;
        QTest::newRow("nobody") << std::vector<C>{{"user", quota_match_exact, "carol"}} << false << 0;
    }
    void describe_filters() {
        QFETCH(std::vector<client_quota_filter_component>, components);
        QFETCH(bool, strict);
        QFETCH(int, count);
        auto found = describe_client_quotas(layered(), components, strict);
        QVERIFY(found.ok());
        QCOMPARE(int(found.value().size()), count);
        for (const auto& [e, quotas] : found.value()) {
            QVERIFY(!quotas.empty());
            for (const auto& c : components) QVERIFY(e.contains(c.entity_type));
        }
    }

    void describe_refuses_malformed_filters() {
        using C = client_quota_filter_component;
        const std::vector<std::vector<C>> bad{
            {{"user", quota_match_exact, {}}},
            {{"user", quota_match_default, "alice"}},
            {{"user", 7, {}}},
            {{"user", quota_match_any, {}}, {"user", quota_match_any, {}}},
            {{"ip", quota_match_any, {}}, {"user", quota_match_any, {}}},
            {{"group", quota_match_any, {}}},
        };
        for (const auto& components : bad) {
            auto found = describe_client_quotas(layered(), components, false);
            QVERIFY(!found.ok());
            QCOMPARE(found.err().code, protocol::error_code::invalid_request);
        }
    }

    void resolution_follows_kafkas_order() {
        auto image = layered();
        auto limit = [&](const std::string& user, const std::string& client) {
            auto q = resolve_client_quota(image, user, client, producer_byte_rate);
            return q ? q->limit : -1.0;
        };
        QCOMPARE(limit("alice", "app"), 100.0);
        QCOMPARE(limit("alice", "other"), 200.0);
        QCOMPARE(limit("bob", "app"), 400.0);
        QCOMPARE(limit("bob", "other"), 500.0);
        // Peel the layers off one at a time: each next one in Kafka's order takes over.
        const std::vector<std::pair<std::vector<quota_entity_data>, double>> layers{
            {entity({{"user", "alice"}, {"client-id", "app"}}), 200},
            {entity({{"user", "alice"}, {"client-id", name{}}}), 300},
            {entity({{"user", "alice"}}), 400},
            {entity({{"user", name{}}, {"client-id", "app"}}), 500},
            {entity({{"user", name{}}, {"client-id", name{}}}), 600},
            {entity({{"user", name{}}}), 700},
            {entity({{"client-id", "app"}}), 800},
            {entity({{"client-id", name{}}}), -1},
        };
        for (const auto& [e, next] : layers) {
            image.apply(client_quota_record{e, "producer_byte_rate", 0, true});
            QCOMPARE(limit("alice", "app"), next);
        }
        // Only the key asked for counts: the consumer quota of client app is still there.
        QCOMPARE(resolve_client_quota(image, "alice", "app", consumer_byte_rate)->limit, 50.0);
        auto q = resolve_client_quota(image, "alice", "app", consumer_byte_rate);
        QVERIFY(!q->per_user && q->per_client);
    }
};

QTEST_GUILESS_MAIN(test_client_quota_records)
#include "test_client_quota_records.moc"
