// quota_admin against a real node: quotas set for a user and for the client-id default are described back
// with Kafka's match types, an unknown key is refused alone with the reason, validate_only changes nothing,
// and a removed key is gone.
#include <QtTest>

#include "engine/client/quota_admin.h"
#include "single_node.h"

using namespace sluice;
using client::quota_match;

class test_quota_admin : public QObject {
    Q_OBJECT
    testing::single_node node_;
    std::unique_ptr<client::cluster_client> cluster_;

private slots:
    void initTestCase() {
        auto failed = node_.start();
        QVERIFY2(failed.empty(), failed.c_str());
        cluster_ = std::make_unique<client::cluster_client>(node_.address());
    }
    void cleanupTestCase() {
        cluster_.reset();
        node_.stop();
    }

    void set_describe_remove() {
        client::quota_admin admin(*cluster_);
        const client::quota_entity alice{{"user", "alice"}};
        const client::quota_entity default_client{{"client-id", std::nullopt}};
        std::vector<client::quota_change> changes{
            {alice, {{"producer_byte_rate", 1048576.0}}},
            {default_client, {{"consumer_byte_rate", 2e6}}},
            {{{"user", "bob"}}, {{"bytes_per_fortnight", 1.0}}},
        };
        auto dry = admin.alter(changes, true);
        QVERIFY2(dry, dry ? "" : dry.err().message.c_str());
        std::vector<quota_match> any_user{{"user", quota_match::kind::any, ""}};
        auto none = admin.describe(any_user);
        QVERIFY(none);
        QCOMPARE(none->size(), std::size_t{0});  // validate_only wrote nothing

        auto done = admin.alter(changes);
        QVERIFY2(done, done ? "" : done.err().message.c_str());
        QCOMPARE(done->size(), std::size_t{3});
        for (const auto& o : *done) {
            if (o.entity == client::quota_entity{{"user", "bob"}}) {
                QCOMPARE(o.error, int16_t(protocol::error_code::invalid_request));
                QVERIFY2(QString::fromStdString(o.message).contains("bytes_per_fortnight"), o.message.c_str());
            } else {
                QVERIFY2(o.ok(), o.message.c_str());
            }
        }

        auto users = admin.describe(any_user);
        QVERIFY(users);
        QCOMPARE(users->size(), std::size_t{1});
        QVERIFY(users->front().entity == alice);
        QCOMPARE(users->front().values.at("producer_byte_rate"), 1048576.0);

        std::vector<quota_match> default_clients{{"client-id", quota_match::kind::default_entity, ""}};
        auto defaults = admin.describe(default_clients, true);
        QVERIFY(defaults);
        QCOMPARE(defaults->size(), std::size_t{1});
        QCOMPARE(defaults->front().values.at("consumer_byte_rate"), 2e6);

        std::vector<client::quota_change> removal{{alice, {{"producer_byte_rate", std::nullopt}}}};
        QVERIFY(admin.alter(removal));
        auto after = admin.describe(any_user);
        QVERIFY(after);
        QCOMPARE(after->size(), std::size_t{0});
    }
};

QTEST_GUILESS_MAIN(test_quota_admin)
#include "test_quota_admin.moc"
