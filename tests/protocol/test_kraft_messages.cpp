// The cluster and KRaft message schemas (Vote, Begin/EndQuorumEpoch, DescribeQuorum, FetchSnapshot,
// AlterPartition, BrokerRegistration/Heartbeat, UnregisterBroker, OffsetForLeaderEpoch, ElectLeaders,
// Alter/ListPartitionReassignments) and Fetch v12+, at every version their schema describes (Kafka 3.7):
// round trips with every field set, every nullable null, and nothing set (tagged fields absent); every strict
// prefix of every encoding rejected; byte-exact vectors written by hand from Kafka's JSON schemas.
//
// Adding a message: one row in api_rows() and a byte-exact vector or two in golden_data().
#include <QtTest>

#include "engine/protocol/codec.h"
#include "engine/protocol/messages/alter_partition.h"
#include "engine/protocol/messages/alter_partition_reassignments.h"
#include "engine/protocol/messages/begin_quorum_epoch.h"
#include "engine/protocol/messages/broker_heartbeat.h"
#include "engine/protocol/messages/broker_registration.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/end_quorum_epoch.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/fetch_snapshot.h"
#include "engine/protocol/messages/list_partition_reassignments.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"
#include "engine/protocol/messages/unregister_broker.h"
#include "engine/protocol/messages/vote.h"
#include "tests/protocol/message_codec_checks.h"

using namespace sluice::protocol;
using namespace sluice::protocol::testing;

namespace {

struct api_row {
    int16_t min_version;
    int16_t max_version;  // the highest version the schema describes (Kafka 3.7's validVersions)
    void (*add_rows)(int16_t version);
};

template <class Api>
void add_api_rows(int16_t version) {
    const auto c = context_for(Api::key, version);
    const char* name = find_api(static_cast<int16_t>(Api::key))->name.data();
    for (fill_mode mode : {fill_mode::full, fill_mode::nulls, fill_mode::defaults}) {
        QTest::addRow("%s v%d request %s", name, version, fill_name(mode)) << make_case<typename Api::request>(c, mode);
        QTest::addRow("%s v%d response %s", name, version, fill_name(mode)) << make_case<typename Api::response>(c, mode);
    }
}

template <class Api>
api_row row(int16_t min_version, int16_t max_version) {
    return {min_version, max_version, &add_api_rows<Api>};
}

// THE table of this file: one line per message, with the versions its schema describes.
const std::vector<api_row>& api_rows() {
    static const std::vector<api_row> rows{
        row<vote_api>(0, 0),
        row<begin_quorum_epoch_api>(0, 0),
        row<end_quorum_epoch_api>(0, 0),
        row<describe_quorum_api>(0, 1),
        row<alter_partition_api>(0, 3),
        row<fetch_snapshot_api>(0, 0),
        row<broker_registration_api>(0, 3),
        row<broker_heartbeat_api>(0, 1),
        row<unregister_broker_api>(0, 0),
        row<offset_for_leader_epoch_api>(0, 4),
        row<elect_leaders_api>(0, 2),
        row<alter_partition_reassignments_api>(0, 0),
        row<list_partition_reassignments_api>(0, 0),
        row<fetch_api>(12, 13),  // v0-11 are in test_messages (the broker's advertised range)
    };
    return rows;
}

void all_codec_rows() {
    QTest::addColumn<codec_case>("c");
    for (const auto& r : api_rows())
        for (int16_t v = r.min_version; v <= r.max_version; ++v) r.add_rows(v);
}

// 00 01 02 .. 0f
uuid seq_uuid() {
    uuid u;
    for (std::size_t i = 0; i < u.value.size(); ++i) u.value[i] = static_cast<uint8_t>(i);
    return u;
}
#define SEQ_UUID "000102030405060708090a0b0c0d0e0f"

codec_context ctx(api_key key, int16_t version) { return context_for(key, version); }

}  // namespace

class test_kraft_messages : public QObject {
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

    // The API table: names and first flexible versions from Kafka's schemas ("flexibleVersions").
    void api_table_data() {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("first_flexible");
        QTest::newRow("Fetch") << 1 << "Fetch" << 12;
        QTest::newRow("OffsetForLeaderEpoch") << 23 << "OffsetForLeaderEpoch" << 4;
        QTest::newRow("ElectLeaders") << 43 << "ElectLeaders" << 2;
        QTest::newRow("AlterPartitionReassignments") << 45 << "AlterPartitionReassignments" << 0;
        QTest::newRow("ListPartitionReassignments") << 46 << "ListPartitionReassignments" << 0;
        QTest::newRow("Vote") << 52 << "Vote" << 0;
        QTest::newRow("BeginQuorumEpoch (v0 classic)") << 53 << "BeginQuorumEpoch" << 1;
        QTest::newRow("EndQuorumEpoch (v0 classic)") << 54 << "EndQuorumEpoch" << 1;
        QTest::newRow("DescribeQuorum") << 55 << "DescribeQuorum" << 0;
        QTest::newRow("AlterPartition") << 56 << "AlterPartition" << 0;
        QTest::newRow("FetchSnapshot") << 59 << "FetchSnapshot" << 0;
        QTest::newRow("BrokerRegistration") << 62 << "BrokerRegistration" << 0;
        QTest::newRow("BrokerHeartbeat") << 63 << "BrokerHeartbeat" << 0;
        QTest::newRow("UnregisterBroker") << 64 << "UnregisterBroker" << 0;
    }
    void api_table() {
        QFETCH(int, key);
        QFETCH(QString, name);
        QFETCH(int, first_flexible);
        const api_info* api = find_api(static_cast<int16_t>(key));
        QVERIFY(api != nullptr);
        QCOMPARE(QString::fromLatin1(api->name.data(), static_cast<qsizetype>(api->name.size())), name);
        QCOMPARE(int(api->first_flexible_version), first_flexible);
    }

    void golden_data() {
        QTest::addColumn<golden_check>("check");

        // ---- Vote (52) v0, flexible ------------------------------------------------------------------------
        {
            vote_request r;
            r.cluster_id = "c1";
            r.topics = {{"meta", {{0, 5, 1, 4, 100}}}};
            add_golden("Vote v0 request", r, ctx(api_key::vote, 0),
                   "03" "6331"               // ClusterId: compact nullable string "c1"
                   "02"                      // Topics: 1 (+1)
                   "05" "6d657461"           //   TopicName "meta"
                   "02"                      //   Partitions: 1
                   "00000000"                //     PartitionIndex 0
                   "00000005"                //     CandidateEpoch 5
                   "00000001"                //     CandidateId 1
                   "00000004"                //     LastOffsetEpoch 4
                   "0000000000000064"        //     LastOffset 100
                   "00"                      //     partition tags
                   "00"                      //   topic tags
                   "00");                    // tags
            r.cluster_id.reset();
            r.topics.clear();
            add_golden("Vote v0 request, null cluster id", r, ctx(api_key::vote, 0), "00" "01" "00");
        }
        {
            vote_response r;
            r.topics = {{"meta", {{0, 0, 1, 5, true}}}};
            add_golden("Vote v0 response", r, ctx(api_key::vote, 0),
                   "0000"                    // ErrorCode
                   "02" "05" "6d657461"      // Topics: 1, TopicName "meta"
                   "02"                      //   Partitions: 1
                   "00000000" "0000"         //     PartitionIndex, ErrorCode
                   "00000001" "00000005"     //     LeaderId 1, LeaderEpoch 5
                   "01"                      //     VoteGranted true
                   "00" "00" "00");          // partition, topic, top-level tags
        }

        // ---- BeginQuorumEpoch (53) v0: classic encoding, no tag sections ------------------------------------
        {
            begin_quorum_epoch_request r;
            r.cluster_id = "c1";
            r.topics = {{"meta", {{0, 2, 6}}}};
            add_golden("BeginQuorumEpoch v0 request", r, ctx(api_key::begin_quorum_epoch, 0),
                   "0002" "6331"             // ClusterId: int16-length nullable string "c1"
                   "00000001"                // Topics: 1 (int32 count)
                   "0004" "6d657461"         //   TopicName "meta"
                   "00000001"                //   Partitions: 1
                   "00000000"                //     PartitionIndex 0
                   "00000002"                //     LeaderId 2
                   "00000006");              //     LeaderEpoch 6
        }
        {
            begin_quorum_epoch_response r;
            r.topics = {{"meta", {{0, 0, 2, 6}}}};
            add_golden("BeginQuorumEpoch v0 response", r, ctx(api_key::begin_quorum_epoch, 0),
                   "0000" "00000001" "00046d657461" "00000001"
                   "00000000" "0000" "00000002" "00000006");   // PartitionIndex, ErrorCode, LeaderId, LeaderEpoch
        }

        // ---- EndQuorumEpoch (54) v0: classic ----------------------------------------------------------------
        {
            end_quorum_epoch_request r;
            r.topics = {{"meta", {{0, 2, 6, {3, 1}}}}};
            add_golden("EndQuorumEpoch v0 request", r, ctx(api_key::end_quorum_epoch, 0),
                   "ffff"                    // ClusterId null
                   "00000001" "00046d657461" "00000001"
                   "00000000" "00000002" "00000006"   // PartitionIndex, LeaderId, LeaderEpoch
                   "00000002" "00000003" "00000001"); // PreferredSuccessors [3, 1]
        }
        {
            end_quorum_epoch_response r;
            r.error_code = 6;
            r.topics = {{"meta", {{0, 0, -1, 6}}}};
            add_golden("EndQuorumEpoch v0 response", r, ctx(api_key::end_quorum_epoch, 0),
                   "0006" "00000001" "00046d657461" "00000001"
                   "00000000" "0000" "ffffffff" "00000006");   // LeaderId -1 (unknown)
        }

        // ---- DescribeQuorum (55) v0-1 -----------------------------------------------------------------------
        {
            describe_quorum_request r;
            r.topics = {{"meta", {{0}}}};
            add_golden("DescribeQuorum v0 request", r, ctx(api_key::describe_quorum, 0),
                   "02" "056d657461" "02" "00000000" "00" "00" "00");
        }
        {
            describe_quorum_response r;
            describe_quorum_response::partition p;
            p.leader_id = 1;
            p.leader_epoch = 5;
            p.high_watermark = 200;
            p.current_voters = {{1, 200, 1700000000000, 1700000000000}};
            r.topics = {{"meta", {p}}};
            add_golden("DescribeQuorum v1 response", r, ctx(api_key::describe_quorum, 1),
                   "0000"                    // ErrorCode
                   "02" "056d657461" "02"    // Topics: 1 "meta", Partitions: 1
                   "00000000" "0000"         //   PartitionIndex, ErrorCode
                   "00000001" "00000005"     //   LeaderId, LeaderEpoch
                   "00000000000000c8"        //   HighWatermark 200
                   "02"                      //   CurrentVoters: 1
                   "00000001"                //     ReplicaId 1
                   "00000000000000c8"        //     LogEndOffset 200
                   "0000018bcfe56800"        //     LastFetchTimestamp 1700000000000 (v1+)
                   "0000018bcfe56800"        //     LastCaughtUpTimestamp (v1+)
                   "00"                      //     replica tags
                   "01"                      //   Observers: empty
                   "00" "00" "00");
            // v0: the same without the two timestamps (and they decode to their -1 defaults).
            r.topics[0].partitions[0].current_voters[0].last_fetch_timestamp = -1;
            r.topics[0].partitions[0].current_voters[0].last_caught_up_timestamp = -1;
            add_golden("DescribeQuorum v0 response", r, ctx(api_key::describe_quorum, 0),
                   "0000" "02056d657461" "02" "00000000" "0000" "00000001" "00000005" "00000000000000c8"
                   "02" "00000001" "00000000000000c8" "00" "01" "00" "00" "00");
        }

        // ---- FetchSnapshot (59) v0, tagged ClusterId / CurrentLeader ----------------------------------------
        {
            fetch_snapshot_request r;
            r.cluster_id = "c1";
            r.replica_id = 2;
            r.topics = {{"meta", {{0, 5, {100, 4}, 0}}}};
            add_golden("FetchSnapshot v0 request", r, ctx(api_key::fetch_snapshot, 0),
                   "00000002"                // ReplicaId 2
                   "7fffffff"                // MaxBytes
                   "02" "056d657461" "02"    // Topics: 1 "meta", Partitions: 1
                   "00000000"                //   Partition 0
                   "00000005"                //   CurrentLeaderEpoch 5
                   "0000000000000064" "00000004" "00"   // SnapshotId {EndOffset 100, Epoch 4}, its tags
                   "0000000000000000"        //   Position 0
                   "00" "00"                 //   partition, topic tags
                   "01" "00" "03" "036331"); // tags: 1; tag 0 (ClusterId), 3 bytes, compact string "c1"
            r.cluster_id.reset();
            add_golden("FetchSnapshot v0 request without cluster id", r, ctx(api_key::fetch_snapshot, 0),
                   "00000002" "7fffffff" "02056d657461" "02" "00000000" "00000005"
                   "0000000000000064" "00000004" "00" "0000000000000000" "00" "00" "00");
        }
        {
            fetch_snapshot_response r;
            fetch_snapshot_response::partition p;
            p.snapshot_id = {100, 4};
            p.current_leader = {1, 5};
            p.size = 3;
            p.unaligned_records = {0x01, 0x02, 0x03};
            r.topics = {{"meta", {p}}};
            add_golden("FetchSnapshot v0 response", r, ctx(api_key::fetch_snapshot, 0),
                   "00000000" "0000"         // ThrottleTimeMs, ErrorCode
                   "02" "056d657461" "02"    // Topics: 1 "meta", Partitions: 1
                   "00000000" "0000"         //   Index, ErrorCode
                   "0000000000000064" "00000004" "00"   // SnapshotId {100, 4}
                   "0000000000000003"        //   Size 3
                   "0000000000000000"        //   Position 0
                   "04" "010203"             //   UnalignedRecords: compact bytes
                   "01" "00" "09"            //   partition tags: 1; tag 0 (CurrentLeader), 9 bytes:
                   "00000001" "00000005" "00" //     LeaderId 1, LeaderEpoch 5, struct tags
                   "00" "00");
        }

        // ---- AlterPartition (56) v0-3 -----------------------------------------------------------------------
        {
            alter_partition_request r;
            r.broker_id = 1;
            r.broker_epoch = 10;
            alter_partition_request::partition p;
            p.leader_epoch = 3;
            p.new_isr = {1, 2};
            p.new_isr_with_epochs = {{1, 10}, {2, -1}};
            p.partition_epoch = 7;
            r.topics = {{"foo", seq_uuid(), {p}}};
            add_golden("AlterPartition v0 request", r, ctx(api_key::alter_partition, 0),
                   "00000001" "000000000000000a"   // BrokerId 1, BrokerEpoch 10
                   "02" "04666f6f"           // Topics: 1, TopicName "foo" (v0-1)
                   "02"                      //   Partitions: 1
                   "00000000" "00000003"     //     PartitionIndex, LeaderEpoch
                   "03" "00000001" "00000002"//     NewIsr [1, 2] (v0-2)
                   "00000007"                //     PartitionEpoch
                   "00" "00" "00");
            add_golden("AlterPartition v2 request", r, ctx(api_key::alter_partition, 2),
                   "00000001" "000000000000000a"
                   "02" SEQ_UUID             // TopicId (v2+) replaces TopicName
                   "02" "00000000" "00000003" "03" "00000001" "00000002"
                   "00"                      //     LeaderRecoveryState (v1+)
                   "00000007" "00" "00" "00");
            add_golden("AlterPartition v3 request", r, ctx(api_key::alter_partition, 3),
                   "00000001" "000000000000000a"
                   "02" SEQ_UUID
                   "02" "00000000" "00000003"
                   "03"                      //     NewIsrWithEpochs: 2 (v3+) replaces NewIsr
                   "00000001" "000000000000000a" "00"   // BrokerId 1, BrokerEpoch 10
                   "00000002" "ffffffffffffffff" "00"   // BrokerId 2, BrokerEpoch -1
                   "00" "00000007" "00" "00" "00");
        }
        {
            alter_partition_response r;
            alter_partition_response::partition p;
            p.leader_id = 1;
            p.leader_epoch = 3;
            p.isr = {1, 2};
            p.leader_recovery_state = 1;
            p.partition_epoch = 8;
            r.topics = {{"foo", seq_uuid(), {p}}};
            add_golden("AlterPartition v2 response", r, ctx(api_key::alter_partition, 2),
                   "00000000" "0000"         // ThrottleTimeMs, ErrorCode
                   "02" SEQ_UUID "02"        // Topics: 1, TopicId; Partitions: 1
                   "00000000" "0000"         //   PartitionIndex, ErrorCode
                   "00000001" "00000003"     //   LeaderId, LeaderEpoch
                   "03" "00000001" "00000002"//   Isr [1, 2]
                   "01"                      //   LeaderRecoveryState 1
                   "00000008" "00" "00" "00");
            r.topics[0].partitions[0].leader_recovery_state = 0;
            add_golden("AlterPartition v0 response", r, ctx(api_key::alter_partition, 0),
                   "00000000" "0000" "02" "04666f6f" "02" "00000000" "0000" "00000001" "00000003"
                   "03" "00000001" "00000002" "00000008" "00" "00" "00");
        }

        // ---- BrokerRegistration (62) v0-3 -------------------------------------------------------------------
        {
            broker_registration_request r;
            r.broker_id = 1;
            r.cluster_id = "c1";
            r.incarnation_id = seq_uuid();
            r.listeners = {{"PLAINTEXT", "localhost", 9092, 0}};
            r.features = {{"metadata.version", 1, 19}};
            add_golden("BrokerRegistration v1 request", r, ctx(api_key::broker_registration, 1),
                   "00000001"                // BrokerId
                   "03" "6331"               // ClusterId "c1"
                   SEQ_UUID                  // IncarnationId
                   "02"                      // Listeners: 1
                   "0a" "504c41494e54455854" //   Name "PLAINTEXT"
                   "0a" "6c6f63616c686f7374" //   Host "localhost"
                   "2384"                    //   Port 9092 (uint16)
                   "0000" "00"               //   SecurityProtocol 0, tags
                   "02"                      // Features: 1
                   "11" "6d657461646174612e76657273696f6e"   // Name "metadata.version"
                   "0001" "0013" "00"        //   MinSupportedVersion 1, MaxSupportedVersion 19, tags
                   "00"                      // Rack null
                   "00"                      // IsMigratingZkBroker false (v1+)
                   "00");
            r.rack = "r";
            r.log_dirs = {seq_uuid()};
            r.previous_broker_epoch = 9;
            add_golden("BrokerRegistration v3 request", r, ctx(api_key::broker_registration, 3),
                   "00000001" "036331" SEQ_UUID
                   "02" "0a504c41494e54455854" "0a6c6f63616c686f7374" "2384" "0000" "00"
                   "02" "116d657461646174612e76657273696f6e" "0001" "0013" "00"
                   "02" "72"                 // Rack "r"
                   "00"                      // IsMigratingZkBroker
                   "02" SEQ_UUID             // LogDirs: 1 (v2+)
                   "0000000000000009"        // PreviousBrokerEpoch 9 (v3+)
                   "00");
        }
        {
            broker_registration_response r;
            r.broker_epoch = 5;
            add_golden("BrokerRegistration v0 response", r, ctx(api_key::broker_registration, 0),
                   "00000000" "0000" "0000000000000005" "00");
        }

        // ---- BrokerHeartbeat (63) v0-1, tagged OfflineLogDirs -----------------------------------------------
        {
            broker_heartbeat_request r;
            r.broker_id = 1;
            r.broker_epoch = 5;
            r.current_metadata_offset = 100;
            r.offline_log_dirs = {seq_uuid()};
            add_golden("BrokerHeartbeat v1 request", r, ctx(api_key::broker_heartbeat, 1),
                   "00000001"                // BrokerId
                   "0000000000000005"        // BrokerEpoch
                   "0000000000000064"        // CurrentMetadataOffset 100
                   "00" "00"                 // WantFence, WantShutDown
                   "01" "00" "11"            // tags: 1; tag 0 (OfflineLogDirs), 17 bytes:
                   "02" SEQ_UUID);           //   compact array of 1 uuid
            add_golden("BrokerHeartbeat v0 request drops the v1 tag", r, ctx(api_key::broker_heartbeat, 0),
                   "00000001" "0000000000000005" "0000000000000064" "00" "00" "00");
        }
        {
            broker_heartbeat_response r;
            r.is_caught_up = true;
            r.is_fenced = false;
            add_golden("BrokerHeartbeat v0 response", r, ctx(api_key::broker_heartbeat, 0),
                   "00000000" "0000" "01" "00" "00" "00");   // IsCaughtUp, IsFenced, ShouldShutDown, tags
        }

        // ---- UnregisterBroker (64) v0 -----------------------------------------------------------------------
        add_golden("UnregisterBroker v0 request", unregister_broker_request{3}, ctx(api_key::unregister_broker, 0),
                   "00000003" "00");
        add_golden("UnregisterBroker v0 response", unregister_broker_response{0, 69, "gone"},
                   ctx(api_key::unregister_broker, 0),
                   "00000000" "0045" "05" "676f6e65" "00");  // ErrorCode 69, ErrorMessage "gone"

        // ---- OffsetForLeaderEpoch (23) v0-4 -----------------------------------------------------------------
        {
            offset_for_leader_epoch_request r;
            r.replica_id = 1;
            r.topics = {{"foo", {{0, 5, 4}}}};
            add_golden("OffsetForLeaderEpoch v0 request", r, ctx(api_key::offset_for_leader_epoch, 0),
                   "00000001" "0003666f6f" "00000001"
                   "00000000" "00000004");   // Partition, LeaderEpoch
            add_golden("OffsetForLeaderEpoch v2 request", r, ctx(api_key::offset_for_leader_epoch, 2),
                   "00000001" "0003666f6f" "00000001"
                   "00000000" "00000005" "00000004");   // + CurrentLeaderEpoch (v2+)
            add_golden("OffsetForLeaderEpoch v3 request", r, ctx(api_key::offset_for_leader_epoch, 3),
                   "00000001"                // ReplicaId (v3+)
                   "00000001" "0003666f6f" "00000001" "00000000" "00000005" "00000004");
            add_golden("OffsetForLeaderEpoch v4 request", r, ctx(api_key::offset_for_leader_epoch, 4),
                   "00000001" "02" "04666f6f" "02" "00000000" "00000005" "00000004" "00" "00" "00");
        }
        {
            offset_for_leader_epoch_response r;
            r.topics = {{"foo", {{0, 0, 4, 100}}}};
            add_golden("OffsetForLeaderEpoch v0 response", r, ctx(api_key::offset_for_leader_epoch, 0),
                   "00000001" "0003666f6f" "00000001"
                   "0000" "00000000" "0000000000000064");   // ErrorCode, Partition, EndOffset
            add_golden("OffsetForLeaderEpoch v2 response", r, ctx(api_key::offset_for_leader_epoch, 2),
                   "00000000"                // ThrottleTimeMs (v2+)
                   "00000001" "0003666f6f" "00000001"
                   "0000" "00000000" "00000004" "0000000000000064");   // + LeaderEpoch (v1+)
        }

        // ---- ElectLeaders (43) v0-2 -------------------------------------------------------------------------
        {
            elect_leaders_request r;
            r.election_type = 1;
            r.topic_partitions_list = std::vector<elect_leaders_request::topic_partitions>{{"foo", {0}}};
            add_golden("ElectLeaders v0 request", r, ctx(api_key::elect_leaders, 0),
                   "00000001" "0003666f6f" "00000001" "00000000"   // TopicPartitions
                   "0000ea60");              // TimeoutMs 60000
            add_golden("ElectLeaders v1 request", r, ctx(api_key::elect_leaders, 1),
                   "01"                      // ElectionType 1 (v1+)
                   "00000001" "0003666f6f" "00000001" "00000000" "0000ea60");
            add_golden("ElectLeaders v2 request", r, ctx(api_key::elect_leaders, 2),
                   "01" "02" "04666f6f" "02" "00000000" "00" "0000ea60" "00");
            r.topic_partitions_list.reset();
            add_golden("ElectLeaders v2 request, all partitions", r, ctx(api_key::elect_leaders, 2),
                   "01" "00" "0000ea60" "00");   // TopicPartitions null
        }
        {
            elect_leaders_response r;
            r.replica_election_results = {{"foo", {{0, 0, std::nullopt}}}};
            add_golden("ElectLeaders v0 response", r, ctx(api_key::elect_leaders, 0),
                   "00000000"                // ThrottleTimeMs
                   "00000001" "0003666f6f" "00000001"
                   "00000000" "0000" "ffff");   // PartitionId, ErrorCode, ErrorMessage null
            add_golden("ElectLeaders v1 response", r, ctx(api_key::elect_leaders, 1),
                   "00000000" "0000"         // + ErrorCode (v1+)
                   "00000001" "0003666f6f" "00000001" "00000000" "0000" "ffff");
        }

        // ---- AlterPartitionReassignments (45) / ListPartitionReassignments (46) v0 --------------------------
        {
            alter_partition_reassignments_request r;
            r.topics = {{"foo", {{0, std::vector<int32_t>{1, 2, 3}}, {1, std::nullopt}}}};
            add_golden("AlterPartitionReassignments v0 request", r, ctx(api_key::alter_partition_reassignments, 0),
                   "0000ea60"                // TimeoutMs 60000
                   "02" "04666f6f" "03"      // Topics: 1 "foo", Partitions: 2
                   "00000000" "04" "00000001" "00000002" "00000003" "00"   // 0 -> [1, 2, 3]
                   "00000001" "00" "00"      // 1 -> null (cancel)
                   "00" "00");
        }
        {
            alter_partition_reassignments_response r;
            r.responses = {{"foo", {{0, 0, std::nullopt}}}};
            add_golden("AlterPartitionReassignments v0 response", r, ctx(api_key::alter_partition_reassignments, 0),
                   "00000000" "0000" "00"    // ThrottleTimeMs, ErrorCode, ErrorMessage null
                   "02" "04666f6f" "02" "00000000" "0000" "00" "00" "00" "00");
        }
        {
            list_partition_reassignments_request r;
            add_golden("ListPartitionReassignments v0 request, all", r, ctx(api_key::list_partition_reassignments, 0),
                   "0000ea60" "00" "00");    // Topics null
            r.topics = std::vector<list_partition_reassignments_request::topic>{{"foo", {0}}};
            add_golden("ListPartitionReassignments v0 request", r, ctx(api_key::list_partition_reassignments, 0),
                   "0000ea60" "02" "04666f6f" "02" "00000000" "00" "00");
        }
        {
            list_partition_reassignments_response r;
            r.topics = {{"foo", {{0, {1, 2, 3}, {3}, {}}}}};
            add_golden("ListPartitionReassignments v0 response", r, ctx(api_key::list_partition_reassignments, 0),
                   "00000000" "0000" "00"
                   "02" "04666f6f" "02" "00000000"
                   "04" "00000001" "00000002" "00000003"   // Replicas
                   "02" "00000003"           // AddingReplicas
                   "01"                      // RemovingReplicas: empty
                   "00" "00" "00");
        }

        // ---- Fetch (1) v12-13 -------------------------------------------------------------------------------
        {
            fetch_request r;
            r.replica_id = 2;
            r.max_wait_ms = 500;
            r.min_bytes = 1;
            r.max_bytes = 0x100000;
            r.cluster_id = "c1";
            fetch_request::partition p;
            p.current_leader_epoch = 5;
            p.fetch_offset = 10;
            p.last_fetched_epoch = 4;
            p.log_start_offset = 0;
            p.partition_max_bytes = 0x10000;
            r.topics = {{"foo", {p}, seq_uuid()}};
            add_golden("Fetch v12 request", r, ctx(api_key::fetch, 12),
                   "00000002"                // ReplicaId 2 (a follower)
                   "000001f4"                // MaxWaitMs 500
                   "00000001"                // MinBytes
                   "00100000"                // MaxBytes
                   "00"                      // IsolationLevel
                   "00000000" "ffffffff"     // SessionId 0, SessionEpoch -1
                   "02" "04666f6f" "02"      // Topics: 1 "foo", Partitions: 1
                   "00000000"                //   Partition 0
                   "00000005"                //   CurrentLeaderEpoch 5
                   "000000000000000a"        //   FetchOffset 10
                   "00000004"                //   LastFetchedEpoch 4 (v12+)
                   "0000000000000000"        //   LogStartOffset 0
                   "00010000"                //   PartitionMaxBytes
                   "00" "00"                 //   partition, topic tags
                   "01"                      // ForgottenTopicsData: empty
                   "01"                      // RackId ""
                   "01" "00" "03" "036331"); // tags: 1; tag 0 (ClusterId), 3 bytes, "c1"
            r.cluster_id.reset();
            r.forgotten_topics = {{"bar", {1}, seq_uuid()}};
            add_golden("Fetch v13 request", r, ctx(api_key::fetch, 13),
                   "00000002" "000001f4" "00000001" "00100000" "00" "00000000" "ffffffff"
                   "02" SEQ_UUID "02"        // Topics: 1, TopicId (v13+) instead of the name
                   "00000000" "00000005" "000000000000000a" "00000004" "0000000000000000" "00010000" "00" "00"
                   "02" SEQ_UUID "02" "00000001" "00"   // ForgottenTopicsData: TopicId, Partitions [1]
                   "01"                      // RackId ""
                   "00");                    // no tags: ClusterId null
        }
        {
            fetch_response r;
            fetch_response::partition p;
            p.high_watermark = 100;
            p.last_stable_offset = 100;
            p.log_start_offset = 0;
            p.records = bytes{0x01, 0x02};
            p.diverging_epoch = {4, 80};
            p.current_leader = {1, 5};
            p.snapshot = {50, 3};
            r.responses = {{"foo", {p}, seq_uuid()}};
            add_golden("Fetch v12 response with tagged fields", r, ctx(api_key::fetch, 12),
                   "00000000"                // ThrottleTimeMs
                   "0000"                    // ErrorCode
                   "00000000"                // SessionId
                   "02" "04666f6f" "02"      // Responses: 1 "foo", Partitions: 1
                   "00000000" "0000"         //   PartitionIndex, ErrorCode
                   "0000000000000064"        //   HighWatermark 100
                   "0000000000000064"        //   LastStableOffset 100
                   "0000000000000000"        //   LogStartOffset 0
                   "00"                      //   AbortedTransactions null
                   "ffffffff"                //   PreferredReadReplica -1
                   "03" "0102"               //   Records: compact nullable bytes
                   "03"                      //   partition tags: 3
                   "00" "0d" "00000004" "0000000000000050" "00"   // tag 0 DivergingEpoch {Epoch 4, EndOffset 80}
                   "01" "09" "00000001" "00000005" "00"           // tag 1 CurrentLeader {LeaderId 1, LeaderEpoch 5}
                   "02" "0d" "0000000000000032" "00000003" "00"   // tag 2 SnapshotId {EndOffset 50, Epoch 3}
                   "00"                      //   topic tags
                   "00");                    // tags
            fetch_response::partition& q = r.responses[0].partitions[0];
            q.diverging_epoch = {};
            q.snapshot = {};
            q.current_leader = {1, -1};  // differs from the default in one member only: still written
            add_golden("Fetch v12 response, one tagged field", r, ctx(api_key::fetch, 12),
                   "00000000" "0000" "00000000" "02" "04666f6f" "02" "00000000" "0000"
                   "0000000000000064" "0000000000000064" "0000000000000000" "00" "ffffffff" "030102"
                   "01" "01" "09" "00000001" "ffffffff" "00"
                   "00" "00");
            q.current_leader = {};
            add_golden("Fetch v13 response, no tagged fields", r, ctx(api_key::fetch, 13),
                   "00000000" "0000" "00000000" "02" SEQ_UUID "02" "00000000" "0000"
                   "0000000000000064" "0000000000000064" "0000000000000000" "00" "ffffffff" "030102"
                   "00" "00" "00");
            // The same partition in classic v11: the tagged fields and the topic id are not on the wire.
            q.current_leader = {1, 5};
            add_golden("Fetch v11 response ignores v12 fields", r, ctx(api_key::fetch, 11),
                   "00000000" "0000" "00000000" "00000001" "0003666f6f" "00000001" "00000000" "0000"
                   "0000000000000064" "0000000000000064" "0000000000000000" "ffffffff" "ffffffff"
                   "00000002" "0102");
        }
    }
    void golden() {
        QFETCH(golden_check, check);
        const QStringList diffs = check();
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join('\n')));
    }

    // A tagged field arriving in a version before its taggedVersions is skipped like an unknown tag, and an
    // unknown tag in a nested struct (a Fetch v12 partition) is skipped without losing the fields after it.
    void tags_outside_their_versions_are_skipped() {
        broker_heartbeat_request hb;
        QVERIFY(decode_message(hb, std::span<const uint8_t>(from_hex("00000001" "0000000000000005" "0000000000000064" "00" "00"
                                                                       "01" "00" "11" "02" SEQ_UUID)),
                               ctx(api_key::broker_heartbeat, 0)));
        QVERIFY(hb.offline_log_dirs.empty());

        fetch_response r;
        QVERIFY(decode_message(r, std::span<const uint8_t>(from_hex(
                                      "00000000" "0000" "00000000" "02" "04666f6f" "02" "00000000" "0000"
                                      "0000000000000064" "0000000000000064" "0000000000000000" "00" "ffffffff" "030102"
                                      "02" "07" "02" "abcd"                      // unknown tag 7
                                      "01" "09" "00000001" "00000005" "00"       // CurrentLeader
                                      "00" "00")),
                               ctx(api_key::fetch, 12)));
        QCOMPARE(r.responses.size(), std::size_t{1});
        QCOMPARE(r.responses[0].partitions[0].current_leader.leader_id, 1);
        QCOMPARE(r.responses[0].partitions[0].current_leader.leader_epoch, 5);
        QVERIFY(r.responses[0].partitions[0].diverging_epoch == fetch_response::epoch_end_offset{});
    }

    // A tagged struct whose payload is shorter than the struct fails the whole message.
    void short_tagged_struct_fails() {
        fetch_response r;
        QVERIFY(!decode_message(r, std::span<const uint8_t>(from_hex(
                                       "00000000" "0000" "00000000" "02" "04666f6f" "02" "00000000" "0000"
                                       "0000000000000064" "0000000000000064" "0000000000000000" "00" "ffffffff" "030102"
                                       "01" "01" "04" "00000001"                  // CurrentLeader cut to 4 bytes
                                       "00" "00")),
                                ctx(api_key::fetch, 12)));
    }
};

QTEST_GUILESS_MAIN(test_kraft_messages)
#include "test_kraft_messages.moc"
