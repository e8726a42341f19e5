// Replica placement without explicit assignments (KRaft's striped, rack-aware placer): with racks every
// partition spans as many racks as its replication factor allows and leaders are spread evenly; brokers
// without a rack count as one more rack (KRaft accepts mixed clusters); without racks it is round-robin;
// CreatePartitions continues the stripe; the controller places CreateTopics this way.
#include <QtTest>
#include <map>
#include <set>

#include "engine/metadata/controller.h"
#include "engine/metadata/replica_placement.h"

using namespace sluice;
using namespace sluice::metadata;

Q_DECLARE_METATYPE(std::vector<sluice::metadata::placement_broker>)

namespace {
std::vector<placement_broker> brokers_in(std::initializer_list<std::pair<int32_t, const char*>> list) {
    std::vector<placement_broker> out;
    for (auto [id, rack] : list) out.push_back({id, rack ? std::optional<std::string>(rack) : std::nullopt});
    return out;
}
}  // namespace

class test_replica_placement : public QObject {
    Q_OBJECT
private slots:
    void spans_racks_and_balances_leaders_data() {
        QTest::addColumn<std::vector<placement_broker>>("brokers");
        QTest::addColumn<int>("rf");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("racks_per_partition");
        QTest::newRow("6 brokers, 3 racks, rf 3")
            << brokers_in({{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}, {5, "c"}, {6, "c"}}) << 3 << 12 << 3;
        QTest::newRow("ids interleaved over racks")
            << brokers_in({{1, "a"}, {2, "b"}, {3, "c"}, {4, "a"}, {5, "b"}, {6, "c"}}) << 3 << 6 << 3;
        QTest::newRow("rf 2 over 3 racks")
            << brokers_in({{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}, {5, "c"}, {6, "c"}}) << 2 << 6 << 2;
        QTest::newRow("rf above the rack count") << brokers_in({{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}}) << 3 << 4 << 2;
        QTest::newRow("some brokers without a rack")
            << brokers_in({{1, "a"}, {2, "a"}, {3, nullptr}, {4, nullptr}}) << 2 << 8 << 2;
    }
    void spans_racks_and_balances_leaders() {
        QFETCH(std::vector<placement_broker>, brokers);
        QFETCH(int, rf);
        QFETCH(int, partitions);
        QFETCH(int, racks_per_partition);
        std::map<int32_t, std::optional<std::string>> rack_of;
        for (const auto& b : brokers) rack_of[b.id] = b.rack;
        auto placed = place_replicas(brokers, 0, partitions, rf);
        QVERIFY(placed.ok());
        QCOMPARE(static_cast<int>(placed->size()), partitions);
        std::map<int32_t, int> leads;
        for (const auto& replicas : *placed) {
            QCOMPARE(static_cast<int>(replicas.size()), rf);
            std::set<int32_t> distinct(replicas.begin(), replicas.end());
            QCOMPARE(static_cast<int>(distinct.size()), rf);
            std::set<std::optional<std::string>> racks;
            for (int32_t b : replicas) racks.insert(rack_of.at(b));
            QCOMPARE(static_cast<int>(racks.size()), racks_per_partition);
            ++leads[replicas.front()];
        }
        // Partitions are a multiple of the broker count here: every broker leads equally often.
        for (const auto& b : brokers) QCOMPARE(leads[b.id], partitions / static_cast<int>(brokers.size()));
    }

    void without_racks_it_is_round_robin() {
        auto brokers = brokers_in({{1, nullptr}, {2, nullptr}, {3, nullptr}, {4, nullptr}});
        auto placed = place_replicas(brokers, 0, 5, 3);
        QVERIFY(placed.ok());
        for (int p = 0; p < 5; ++p)
            for (int r = 0; r < 3; ++r) QCOMPARE((*placed)[p][r], brokers[(p + r) % 4].id);
    }

    void added_partitions_continue_the_stripe() {
        auto brokers = brokers_in({{1, "a"}, {2, "a"}, {3, "b"}, {4, "b"}, {5, "c"}, {6, "c"}});
        auto whole = place_replicas(brokers, 0, 9, 3);
        auto first = place_replicas(brokers, 0, 4, 3);
        auto rest = place_replicas(brokers, 4, 5, 3);
        QVERIFY(whole.ok() && first.ok() && rest.ok());
        first->insert(first->end(), rest->begin(), rest->end());
        QCOMPARE(*first, *whole);
    }

    void replication_factor_above_the_brokers_is_refused() {
        auto placed = place_replicas(brokers_in({{1, "a"}, {2, "b"}}), 0, 1, 3);
        QVERIFY(!placed.ok());
        QCOMPARE(placed.err().code, protocol::error_code::invalid_replication_factor);
    }

    void controller_places_new_topics_by_rack() {
        config_values config;
        controller c(1, config);
        std::vector<metadata_record> registrations;
        const char* racks[] = {"a", "a", "b", "b", "c", "c"};
        for (int32_t id = 1; id <= 6; ++id)
            registrations.push_back(register_broker_record{id, "127.0.0.1", 9000 + id, racks[id - 1]});
        c.apply(registrations);
        new_topic topic;
        topic.name = "racked";
        topic.num_partitions = 6;
        topic.replication_factor = 3;
        auto made = c.create_topic(topic, false);
        QVERIFY2(made.ok(), made.ok() ? "" : made.err().message.c_str());
        int partitions = 0;
        for (const auto& r : *made) {
            const auto* p = std::get_if<partition_record>(&r);
            if (!p) continue;
            ++partitions;
            std::set<std::string> spanned;
            for (int32_t b : p->replicas) spanned.insert(racks[b - 1]);
            QCOMPARE(spanned.size(), std::size_t{3});
            QCOMPARE(p->leader, p->replicas.front());
        }
        QCOMPARE(partitions, 6);
    }
};

QTEST_GUILESS_MAIN(test_replica_placement)
#include "test_replica_placement.moc"
