// Every message schema in engine/protocol/messages/, at every version from 0 to the highest the broker's
// handler table advertises: filled with non-default values everywhere, encoded, decoded and compared field
// by field by walking schema() (fields outside the version must come back default); every strict prefix of
// every encoding must be rejected; re-encoding what was decoded must give the same bytes. Plus byte-exact
// vectors written by hand from Kafka's protocol guide and message JSON schemas, and tagged-field handling.
//
// Adding a message: one row in api_rows() (and a byte-exact vector or two in golden_data()). The machinery is
// in message_codec_checks.h; the KRaft/cluster APIs and Fetch v12+ are in test_kraft_messages.cpp.
#include <QtTest>
#include <set>
#include <string>

#include "engine/broker/handlers/handler_registry.h"
#include "engine/protocol/codec.h"
#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/alter_partition.h"
#include "engine/protocol/messages/alter_partition_reassignments.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/begin_quorum_epoch.h"
#include "engine/protocol/messages/alter_partition.h"
#include "engine/protocol/messages/broker_heartbeat.h"
#include "engine/protocol/messages/broker_registration.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/delete_records.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/end_quorum_epoch.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/fetch_snapshot.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/incremental_alter_configs.h"
#include "engine/protocol/messages/init_producer_id.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/list_partition_reassignments.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/protocol/messages/sync_group.h"
#include "engine/protocol/messages/acls.h"
#include "engine/protocol/messages/user_scram_credentials.h"
#include "engine/protocol/messages/client_quotas.h"
#include "engine/protocol/messages/vote.h"
#include "tests/protocol/message_codec_checks.h"

using namespace sluice::protocol;
using namespace sluice::protocol::testing;

namespace {

struct api_row {
    api_key key;
    const char* name;
    int16_t fallback_max;  // used only when the broker does not serve this API (e.g. client-only messages)
    void (*add_rows)(int16_t version);
};

template <class Api>
void add_api_rows(int16_t version) {
    const auto c = context_for(Api::key, version);
    const char* name = find_api(static_cast<int16_t>(Api::key))->name.data();
    for (fill_mode mode : {fill_mode::full, fill_mode::nulls}) {
        QTest::addRow("%s v%d request %s", name, version, fill_name(mode)) << make_case<typename Api::request>(c, mode);
        QTest::addRow("%s v%d response %s", name, version, fill_name(mode)) << make_case<typename Api::response>(c, mode);
    }
}

template <class Api>
api_row row(int16_t fallback_max) {
    return {Api::key, find_api(static_cast<int16_t>(Api::key))->name.data(), fallback_max, &add_api_rows<Api>};
}

// THE table: one line per message in engine/protocol/messages/.
const std::vector<api_row>& api_rows() {
    static const std::vector<api_row> rows{
        row<produce_api>(8),
        row<fetch_api>(11),
        row<list_offsets_api>(5),
        row<metadata_api>(9),
        row<api_versions_api>(3),
        row<create_topics_api>(4),
        row<delete_topics_api>(5),
        row<create_partitions_api>(3),
        row<describe_configs_api>(4),
        row<alter_configs_api>(2),
        row<incremental_alter_configs_api>(1),
        row<delete_records_api>(2),
        row<describe_cluster_api>(0),
        row<describe_log_dirs_api>(2),
        row<offset_commit_api>(8),
        row<offset_fetch_api>(8),
        row<find_coordinator_api>(4),
        row<join_group_api>(7),
        row<heartbeat_api>(4),
        row<leave_group_api>(4),
        row<sync_group_api>(5),
        row<describe_groups_api>(5),
        row<list_groups_api>(4),
        row<delete_groups_api>(2),
        row<offset_delete_api>(0),
        row<vote_api>(0),
        row<begin_quorum_epoch_api>(0),
        row<end_quorum_epoch_api>(0),
        row<describe_quorum_api>(1),
        row<fetch_snapshot_api>(0),
        row<broker_registration_api>(3),
        row<broker_heartbeat_api>(0),
        row<alter_partition_api>(3),
        row<elect_leaders_api>(2),
        row<alter_partition_reassignments_api>(0),
        row<list_partition_reassignments_api>(0),
        row<offset_for_leader_epoch_api>(4),
        row<init_producer_id_api>(4),
        row<sasl_handshake_api>(1),
        row<sasl_authenticate_api>(2),
        row<describe_user_scram_credentials_api>(0),
        row<alter_user_scram_credentials_api>(0),
        row<describe_acls_api>(3),
        row<create_acls_api>(3),
        row<delete_acls_api>(3),
        row<describe_client_quotas_api>(1),
        row<alter_client_quotas_api>(1),
    };
    return rows;
}

int16_t advertised_max(const api_row& r) {
    if (const auto* entry = sluice::broker::find_handler(static_cast<int16_t>(r.key))) return entry->max_version;
    return r.fallback_max;
}

void all_codec_rows() {
    QTest::addColumn<codec_case>("c");
    for (const auto& r : api_rows())
        for (int16_t v = 0; v <= advertised_max(r); ++v) r.add_rows(v);
}

// A test-only schema with tagged fields, to pin the tag section format.
struct tagged_probe {
    int32_t a = 0;
    std::string b;
    std::optional<std::string> t0;
    int32_t t1 = -1;
    std::vector<int16_t> t5;
    static constexpr auto schema() {
        using T = tagged_probe;
        return std::tuple{field(&T::a, "A"), field(&T::b, "B"), tagged_field(&T::t0, "T0", 0),
                          tagged_field(&T::t1, "T1", 1, 1), tagged_field(&T::t5, "T5", 5)};
    }
};

}  // namespace

class test_messages : public QObject {
    Q_OBJECT
private slots:
    void round_trip_data() { all_codec_rows(); }
    void round_trip() {
        QFETCH(codec_case, c);
        const QStringList diffs = c.round_trip();
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join('\n')));
    }

    void truncated_prefixes_rejected_data() { all_codec_rows(); }
    void truncated_prefixes_rejected() {
        QFETCH(codec_case, c);
        const QStringList diffs = c.prefixes_rejected();
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join('\n')));
    }

    // Every API the broker advertises has a row above (so a new handler cannot go untested here).
    void every_advertised_api_has_a_row() {
        std::set<int16_t> covered;
        for (const auto& r : api_rows()) covered.insert(static_cast<int16_t>(r.key));
        for (const auto& entry : sluice::broker::handler_table()) {
            const auto key = static_cast<int16_t>(entry.key);
            QVERIFY2(covered.count(key) == 1, qPrintable(QStringLiteral("API %1 (%2) is advertised but has no row in api_rows()")
                                                             .arg(key)
                                                             .arg(QString::fromLatin1(find_api(key)->name.data()))));
            QVERIFY(entry.min_version <= entry.max_version);
        }
    }

    void golden_data() {
        QTest::addColumn<golden_check>("check");

        // ApiVersions (key 18). v0 request: empty body.
        add_golden("ApiVersions v0 request", api_versions_request{}, {0, false}, "");
        {
            api_versions_response r;
            r.api_keys = {{0, 3, 8}, {18, 0, 3}};
            add_golden("ApiVersions v0 response", r, {0, false},
                   "0000"            // ErrorCode
                   "00000002"        // ApiKeys: 2
                   "0000" "0003" "0008"
                   "0012" "0000" "0003");
            r.throttle_time_ms = 100;
            add_golden("ApiVersions v1 response", r, {1, false},
                   "0000" "00000002" "000000030008" "001200000003"
                   "00000064");      // ThrottleTimeMs (v1+)
            add_golden("ApiVersions v3 response", r, {3, true},
                   "0000"            // ErrorCode
                   "03"              // compact array: 2 + 1
                   "0000" "0003" "0008" "00"   // each element has its own tag section
                   "0012" "0000" "0003" "00"
                   "00000064"        // ThrottleTimeMs
                   "00");            // tag section
        }
        {
            api_versions_request r;
            r.client_software_name = "sluice";
            r.client_software_version = "1.0";
            add_golden("ApiVersions v3 request", r, {3, true},
                   "07" "736c75696365"   // compact string "sluice"
                   "04" "312e30"         // compact string "1.0"
                   "00");                // tag section
            add_golden("ApiVersions v2 request ignores v3 fields", r, {2, false}, "");
        }

        // Metadata (key 3).
        {
            metadata_request r;
            r.topics = std::vector<metadata_request::topic>{{uuid{}, std::string("foo")}};
            add_golden("Metadata v0 request", r, {0, false}, "00000001" "0003" "666f6f");
            add_golden("Metadata v1 request", r, {1, false}, "00000001" "0003" "666f6f");
            metadata_request all;
            all.topics = std::vector<metadata_request::topic>{};
            add_golden("Metadata v0 request all topics (empty)", all, {0, false}, "00000000");
            all.topics.reset();
            add_golden("Metadata v1 request all topics (null)", all, {1, false}, "ffffffff");
            add_golden("Metadata v4 request all topics", all, {4, false}, "ffffffff" "01");
            r.allow_auto_topic_creation = false;
            add_golden("Metadata v4 request", r, {4, false}, "00000001" "0003666f6f" "00");
            r.include_topic_authorized_operations = true;
            add_golden("Metadata v8 request", r, {8, false}, "00000001" "0003666f6f" "00" "00" "01");
            add_golden("Metadata v9 request", r, {9, true},
                   "02"              // compact array: 1 + 1
                   "04" "666f6f"     // compact string "foo"
                   "00"              // topic's tag section
                   "00"              // AllowAutoTopicCreation false
                   "00"              // IncludeClusterAuthorizedOperations
                   "01"              // IncludeTopicAuthorizedOperations
                   "00");            // tag section
            metadata_request none;
            none.topics.reset();
            add_golden("Metadata v9 request null topics", none, {9, true}, "00" "01" "00" "00" "00");
        }
        {
            metadata_response r;
            r.brokers = {{1, "localhost", 9092, std::nullopt}};
            r.controller_id = 1;
            r.cluster_id = "c";
            metadata_response::topic t;
            t.name = "foo";
            metadata_response::partition p;
            p.partition_index = 0;
            p.leader_id = 1;
            p.leader_epoch = 5;
            p.replica_nodes = {1};
            p.isr_nodes = {1};
            t.partitions = {p};
            r.topics = {t};
            add_golden("Metadata v0 response", r, {0, false},
                   "00000001" "00000001" "0009" "6c6f63616c686f7374" "00002384"   // brokers
                   "00000001" "0000" "0003" "666f6f"                               // topics: error, name
                   "00000001" "0000" "00000000" "00000001"                         // partition: error, index, leader
                   "00000001" "00000001" "00000001" "00000001");                   // replicas, isr
            add_golden("Metadata v1 response", r, {1, false},
                   "00000001" "00000001" "0009" "6c6f63616c686f7374" "00002384" "ffff"   // rack null
                   "00000001"                                                             // controller id
                   "00000001" "0000" "0003" "666f6f" "00"                                 // is_internal
                   "00000001" "0000" "00000000" "00000001"
                   "00000001" "00000001" "00000001" "00000001");
        }

        // Produce (key 0) v3 request: transactional id (null), acks, timeout, topic data.
        {
            produce_request r;
            r.acks = -1;
            r.timeout_ms = 30000;
            r.topics = {{"foo", {{0, bytes{0xde, 0xad, 0xbe, 0xef}}}}};
            add_golden("Produce v3 request", r, {3, false},
                   "ffff"            // TransactionalId null
                   "ffff"            // Acks -1
                   "00007530"        // TimeoutMs 30000
                   "00000001" "0003" "666f6f"
                   "00000001" "00000000" "00000004" "deadbeef");
            add_golden("Produce v2 request", r, {2, false},
                   "ffff" "00007530" "00000001" "0003666f6f" "00000001" "00000000" "00000004deadbeef");
        }
        {
            produce_response r;
            produce_response::partition p;
            p.index = 2;
            p.base_offset = 42;
            p.log_append_time_ms = -1;
            p.log_start_offset = 7;
            r.responses = {{"foo", {p}}};
            r.throttle_time_ms = 0;
            add_golden("Produce v5 response", r, {5, false},
                   "00000001" "0003666f6f" "00000001" "00000002" "0000" "000000000000002a"
                   "ffffffffffffffff" "0000000000000007" "00000000");
            r.responses[0].partitions[0].error_message = "bad";
            add_golden("Produce v8 response", r, {8, false},
                   "00000001" "0003666f6f" "00000001" "00000002" "0000" "000000000000002a"
                   "ffffffffffffffff" "0000000000000007"
                   "00000000"        // RecordErrors: empty
                   "0003626164"      // ErrorMessage "bad"
                   "00000000");
        }

        // Fetch (key 1) v4 request: replica id, max wait, min bytes, max bytes, isolation, topics.
        {
            fetch_request r;
            r.replica_id = -1;
            r.max_wait_ms = 500;
            r.min_bytes = 1;
            r.max_bytes = 0x100000;
            r.isolation_level = 1;
            fetch_request::partition p;
            p.partition_index = 0;
            p.fetch_offset = 10;
            p.partition_max_bytes = 0x10000;
            r.topics = {{"foo", {p}}};
            add_golden("Fetch v4 request", r, {4, false},
                   "ffffffff" "000001f4" "00000001" "00100000" "01"
                   "00000001" "0003666f6f"
                   "00000001" "00000000" "000000000000000a" "00010000");
            r.topics[0].partitions[0].log_start_offset = -1;
            add_golden("Fetch v5 request", r, {5, false},
                   "ffffffff" "000001f4" "00000001" "00100000" "01"
                   "00000001" "0003666f6f"
                   "00000001" "00000000" "000000000000000a" "ffffffffffffffff" "00010000");
        }
        {
            fetch_response r;
            fetch_response::partition p;
            p.partition_index = 0;
            p.high_watermark = 5;
            p.last_stable_offset = 5;
            p.aborted_transactions.reset();
            p.records = bytes{0x01, 0x02};
            r.responses = {{"foo", {p}}};
            add_golden("Fetch v4 response", r, {4, false},
                   "00000000"        // ThrottleTimeMs
                   "00000001" "0003666f6f" "00000001"
                   "00000000" "0000" "0000000000000005" "0000000000000005"
                   "ffffffff"        // AbortedTransactions null
                   "00000002" "0102");
        }

        // ListOffsets (key 2).
        {
            list_offsets_request r;
            r.replica_id = -1;
            list_offsets_request::partition p;
            p.partition_index = 1;
            p.timestamp = earliest_timestamp;
            p.max_num_offsets = 1;
            r.topics = {{"foo", {p}}};
            add_golden("ListOffsets v0 request", r, {0, false},
                   "ffffffff" "00000001" "0003666f6f" "00000001" "00000001" "fffffffffffffffe" "00000001");
            add_golden("ListOffsets v1 request", r, {1, false},
                   "ffffffff" "00000001" "0003666f6f" "00000001" "00000001" "fffffffffffffffe");
        }
        {
            list_offsets_response r;
            list_offsets_response::partition p;
            p.partition_index = 0;
            p.old_style_offsets = {42};
            r.topics = {{"foo", {p}}};
            add_golden("ListOffsets v0 response", r, {0, false},
                   "00000001" "0003666f6f" "00000001" "00000000" "0000"
                   "00000001" "000000000000002a");   // OldStyleOffsets [42]
            list_offsets_response r1;
            list_offsets_response::partition p1;
            p1.partition_index = 0;
            p1.timestamp = 1700000000000;
            p1.offset = 42;
            r1.topics = {{"foo", {p1}}};
            add_golden("ListOffsets v1 response", r1, {1, false},
                   "00000001" "0003666f6f" "00000001" "00000000" "0000"
                   "0000018bcfe56800"    // Timestamp 1700000000000
                   "000000000000002a");  // Offset 42
        }

        // InitProducerId (key 22): classic v0-1, flexible from v2, ProducerId/ProducerEpoch from v3.
        {
            init_producer_id_request r;
            r.transaction_timeout_ms = 60000;
            r.producer_id = 7;
            r.producer_epoch = 2;
            add_golden("InitProducerId v0 request", r, {0, false},
                   "ffff"                // TransactionalId: null
                   "0000ea60");          // TransactionTimeoutMs 60000
            add_golden("InitProducerId v3 request", r, {3, true},
                   "00"                  // compact nullable string: null
                   "0000ea60"
                   "0000000000000007"    // ProducerId (v3+)
                   "0002"                // ProducerEpoch (v3+)
                   "00");                // tag section
            init_producer_id_response a;
            a.producer_id = 1000;
            a.producer_epoch = 0;
            add_golden("InitProducerId v0 response", a, {0, false},
                   "00000000" "0000" "00000000000003e8" "0000");
            add_golden("InitProducerId v4 response", a, {4, true},
                   "00000000" "0000" "00000000000003e8" "0000" "00");
        }

        // Tag sections, on a test-only schema.
        {
            tagged_probe t;
            t.a = 7;
            t.b = "x";
            add_golden("tagged: defaults are not written", t, {1, true}, "00000007" "0278" "00");
            add_golden("tagged: nothing in a classic version", t, {1, false}, "00000007" "000178");
            t.t0 = "hi";
            t.t1 = 5;
            add_golden("tagged: two tags in tag order", t, {1, true},
                   "00000007" "0278"
                   "02"                  // two tagged fields
                   "00" "03" "036869"    // tag 0, size 3, compact string "hi"
                   "01" "04" "00000005");// tag 1, size 4, int32 5
            add_golden("tagged: a tag outside its versions is not written", t, {0, true},
                   "00000007" "0278" "01" "00" "03" "036869");
            add_golden("tagged: classic version drops tags", t, {1, false}, "00000007" "000178");
            t.t5 = {1};
            add_golden("tagged: array tag", t, {1, true},
                   "00000007" "0278" "03" "0003036869" "010400000005" "05" "03" "020001");
        }
        {
            // CreateAcls (key 30): User:a may READ topic t from any host. v0 has no pattern type; v1 adds it
            // (3 LITERAL); v2 is flexible.
            create_acls_request r;
            r.creations.push_back({2, "t", 3, "User:a", "*", 3, 3});
            add_golden("CreateAcls v0 request", r, {0, false},
                       "00000001" "02" "000174" "0006557365723a61" "00012a" "03" "03");
            add_golden("CreateAcls v1 request", r, {1, false},
                       "00000001" "02" "000174" "03" "0006557365723a61" "00012a" "03" "03");
            add_golden("CreateAcls v2 request", r, {2, true},
                       "02" "02" "0274" "03" "07557365723a61" "022a" "03" "03" "00" "00");
        }
        {
            // DescribeClientQuotas (key 48): user alice exactly, strict. v1 is flexible.
            describe_client_quotas_request r;
            r.components.push_back({"user", 0, "alice"});
            r.strict = true;
            add_golden("DescribeClientQuotas v0 request", r, {0, false},
                       "00000001" "000475736572" "00" "0005616c696365" "01");
            add_golden("DescribeClientQuotas v1 request", r, {1, true},
                       "02" "0575736572" "00" "06616c696365" "00" "01" "00");
            // AlterClientQuotas (key 49): producer_byte_rate 1024.0 (float64 0x4090000000000000) for the
            // default client-id (null name).
            alter_client_quotas_request a;
            a.entries.push_back({{{"client-id", std::nullopt}}, {{"producer_byte_rate", 1024.0, false}}});
            add_golden("AlterClientQuotas v0 request", a, {0, false},
                       "00000001" "00000001" "0009636c69656e742d6964" "ffff" "00000001"
                       "001270726f64756365725f627974655f72617465" "4090000000000000" "00" "00");
        }
    }
    void golden() {
        QFETCH(golden_check, check);
        const QStringList diffs = check();
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join('\n')));
    }

    void unknown_tags_are_skipped() {
        // Tag 9 (unknown, 2 bytes) between known tags 0 and 1.
        const bytes wire = from_hex("00000007" "0278" "03" "00" "03" "036869" "09" "02" "abcd" "01" "04" "00000005");
        tagged_probe t;
        wire_reader r(wire);
        detail::decode_struct(r, t, {1, true});
        QVERIFY(!r.failed());
        QCOMPARE(r.position(), wire.size());
        QCOMPARE(t.a, 7);
        QCOMPARE(t.t0.value_or(""), std::string("hi"));
        QCOMPARE(t.t1, 5);

        // A known tag whose version does not carry it is skipped like an unknown one.
        tagged_probe t2;
        const bytes v0 = from_hex("00000007" "0278" "01" "01" "04" "00000005");
        wire_reader r2(v0);
        detail::decode_struct(r2, t2, {0, true});
        QVERIFY(!r2.failed());
        QCOMPARE(t2.t1, -1);

        // Unknown tags inside nested structs of a real message: ApiVersions v3 request and response.
        api_versions_request req;
        QVERIFY(decode_message(req, std::span<const uint8_t>(from_hex("07736c75696365" "04312e30" "01" "2a" "03" "010203")),
                               codec_context{3, true}));
        QCOMPARE(req.client_software_name, std::string("sluice"));
        QCOMPARE(req.client_software_version, std::string("1.0"));
        api_versions_response resp;
        // Element with an unknown tag; top-level unknown tags 0 and 3 (Kafka's SupportedFeatures, ZkMigrationReady).
        QVERIFY(decode_message(resp, std::span<const uint8_t>(from_hex("0000" "02" "001200000003" "01" "07" "01" "ff"
                                                                         "00000000" "02" "00" "01" "01" "03" "01" "01")),
                               codec_context{3, true}));
        QCOMPARE(resp.api_keys.size(), std::size_t{1});
        QCOMPARE(resp.api_keys[0].api_key, int16_t{18});
        QCOMPARE(resp.api_keys[0].max_version, int16_t{3});
    }

    void truncated_tag_sections_fail_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("no tag section") << QByteArray("00000007" "0278");
        QTest::newRow("count 1, nothing") << QByteArray("00000007" "0278" "01");
        QTest::newRow("count 2, one tag") << QByteArray("00000007" "0278" "02" "09" "01" "ff");
        QTest::newRow("size larger than the rest") << QByteArray("00000007" "0278" "01" "09" "05" "abcd");
        QTest::newRow("tag number cut") << QByteArray("00000007" "0278" "01" "89");
        QTest::newRow("size cut") << QByteArray("00000007" "0278" "01" "09");
        QTest::newRow("size over-long") << QByteArray("00000007" "0278" "01" "09" "808080808000");
        QTest::newRow("known tag payload short") << QByteArray("00000007" "0278" "01" "01" "02" "0000");
        QTest::newRow("known tag payload malformed") << QByteArray("00000007" "0278" "01" "00" "01" "05");
    }
    void truncated_tag_sections_fail() {
        QFETCH(QByteArray, input);
        const QByteArray raw = QByteArray::fromHex(input);
        const bytes data(raw.begin(), raw.end());
        tagged_probe t;
        wire_reader r(data);
        detail::decode_struct(r, t, {1, true});
        QVERIFY(r.failed());
    }

    void non_nullable_array_rejects_null() {
        // Produce's TopicData is not nullable: -1 is malformed.
        produce_request r;
        QVERIFY(!decode_message(r, std::span<const uint8_t>(from_hex("ffff" "ffff" "00007530" "ffffffff")),
                                codec_context{3, false}));
        // Metadata's Topics is: -1 comes back as null (all topics).
        metadata_request m;
        m.topics.emplace();
        QVERIFY(decode_message(m, std::span<const uint8_t>(from_hex("ffffffff")), codec_context{1, false}));
        QVERIFY(!m.topics.has_value());
    }
};

QTEST_GUILESS_MAIN(test_messages)
#include "test_messages.moc"
