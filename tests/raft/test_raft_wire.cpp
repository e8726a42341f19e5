// raft/wire: every quorum message survives raft -> Kafka wire struct -> bytes (at the version the quorum
// speaks) -> Kafka wire struct -> raft, both ways; fetched entries keep epochs, control flags and offsets.
#include <QTest>

#include "engine/protocol/api_key.h"
#include "engine/raft/wire.h"

using namespace sluice;
using namespace sluice::raft;

namespace {

// Encodes at `version` and decodes again, as the quorum's connections and handlers do.
template <class Wire>
Wire through_bytes(const Wire& m, protocol::api_key key, int16_t version) {
    const auto* api = protocol::find_api(static_cast<int16_t>(key));
    protocol::codec_context ctx{version, api && protocol::is_flexible(*api, version)};
    protocol::bytes out;
    protocol::encode_message(m, ctx, out);
    Wire back;
    if (!protocol::decode_message(back, out, ctx)) qFatal("cannot decode what was encoded");
    return back;
}

template <class T>
T request_back(const result<wire::inbound_request>& r, int32_t from) {
    if (!r) qFatal("from_wire failed: %s", r.err().message.c_str());
    if (r->from != node_id{from}) qFatal("wrong sender");
    return std::get<T>(r->body);
}

template <class T>
T response_back(const result<message>& r) {
    if (!r) qFatal("from_wire failed: %s", r.err().message.c_str());
    return std::get<T>(*r);
}

}  // namespace

class test_raft_wire : public QObject {
    Q_OBJECT
private slots:
    void vote() {
        vote_request req{epoch_id{7}, node_id{2}, epoch_id{5}, log_offset{42}};
        auto w = through_bytes(wire::to_wire(req, "abc"), protocol::api_key::vote, wire::vote_version);
        QCOMPARE(w.cluster_id.value_or(""), std::string("abc"));
        QCOMPARE(w.topics.at(0).topic_name, std::string("__cluster_metadata"));
        auto back = request_back<vote_request>(wire::from_wire(w), 2);
        QCOMPARE(back.candidate_epoch, req.candidate_epoch);
        QCOMPARE(back.last_offset_epoch, req.last_offset_epoch);
        QCOMPARE(back.last_offset, req.last_offset);

        vote_response resp{error_code::none, {node_id{3}, epoch_id{7}}, true};
        auto rb = response_back<vote_response>(
            wire::from_wire(through_bytes(wire::to_wire(resp), protocol::api_key::vote, wire::vote_version)));
        QVERIFY(rb.vote_granted);
        QVERIFY(rb.leader == resp.leader);
        vote_response none{error_code::fenced_leader_epoch, {std::nullopt, epoch_id{9}}, false};
        auto nb = response_back<vote_response>(wire::from_wire(wire::to_wire(none)));
        QVERIFY(!nb.leader.leader_id);
        QCOMPARE(nb.error, error_code::fenced_leader_epoch);
        // A top-level error (no partitions) is the message's error.
        auto top = response_back<vote_response>(wire::from_wire(wire::vote_error(error_code::inconsistent_cluster_id)));
        QCOMPARE(top.error, error_code::inconsistent_cluster_id);
    }

    void begin_and_end_quorum_epoch() {
        begin_quorum_epoch_request b{node_id{1}, epoch_id{4}};
        auto bw = through_bytes(wire::to_wire(b, "c"), protocol::api_key::begin_quorum_epoch, wire::begin_quorum_epoch_version);
        auto bb = request_back<begin_quorum_epoch_request>(wire::from_wire(bw), 1);
        QCOMPARE(bb.leader_epoch, b.leader_epoch);
        begin_quorum_epoch_response br{error_code::none, {node_id{1}, epoch_id{4}}};
        auto brb = response_back<begin_quorum_epoch_response>(wire::from_wire(
            through_bytes(wire::to_wire(br), protocol::api_key::begin_quorum_epoch, wire::begin_quorum_epoch_version)));
        QVERIFY(brb.leader == br.leader);

        end_quorum_epoch_request e{node_id{1}, epoch_id{4}, {node_id{3}, node_id{2}}};
        auto ew = through_bytes(wire::to_wire(e, "c"), protocol::api_key::end_quorum_epoch, wire::end_quorum_epoch_version);
        auto eb = request_back<end_quorum_epoch_request>(wire::from_wire(ew), 1);
        QCOMPARE(eb.preferred_successors.size(), std::size_t{2});
        QCOMPARE(eb.preferred_successors[0], node_id{3});
        end_quorum_epoch_response er{error_code::not_leader_or_follower, {std::nullopt, epoch_id{5}}};
        auto erb = response_back<end_quorum_epoch_response>(wire::from_wire(
            through_bytes(wire::to_wire(er), protocol::api_key::end_quorum_epoch, wire::end_quorum_epoch_version)));
        QCOMPARE(erb.error, er.error);
        QVERIFY(erb.leader == er.leader);
    }

    void fetch_with_entries() {
        fetch_request req{node_id{2}, epoch_id{3}, log_offset{10}, epoch_id{2}, 500};
        auto w = through_bytes(wire::to_wire(req, "cid"), protocol::api_key::fetch, wire::fetch_version);
        QCOMPARE(w.cluster_id.value_or(""), std::string("cid"));
        auto back = request_back<fetch_request>(wire::from_wire(w), 2);
        QCOMPARE(back.fetch_offset, req.fetch_offset);
        QCOMPARE(back.last_fetched_epoch, req.last_fetched_epoch);
        QCOMPARE(back.current_leader_epoch, req.current_leader_epoch);
        QCOMPARE(back.max_wait_ms, 500);

        fetch_response resp;
        resp.high_watermark = log_offset{12};
        resp.log_start_offset = log_offset{0};
        resp.current_leader = {node_id{1}, epoch_id{3}};
        resp.records_offset = log_offset{10};
        resp.records = {log_entry{epoch_id{2}, false, {1, 2, 3}}, log_entry{epoch_id{3}, true, {9}},
                        log_entry{epoch_id{3}, false, {4}}, log_entry{epoch_id{3}, false, {}}};
        auto encoded = wire::to_wire(resp);
        QVERIFY(encoded.ok());
        auto rb = response_back<fetch_response>(
            wire::from_wire(through_bytes(*encoded, protocol::api_key::fetch, wire::fetch_version), log_offset{10}));
        QCOMPARE(rb.high_watermark, resp.high_watermark);
        QCOMPARE(rb.records_offset, resp.records_offset);
        QVERIFY(rb.records == resp.records);
        QVERIFY(rb.current_leader == resp.current_leader);
        QVERIFY(!rb.diverging_epoch);
        QVERIFY(!rb.snapshot_id);

        fetch_response diverged;
        diverged.diverging_epoch = offset_and_epoch{log_offset{7}, epoch_id{2}};
        diverged.snapshot_id = offset_and_epoch{log_offset{5}, epoch_id{1}};
        diverged.current_leader = {std::nullopt, epoch_id{4}};
        auto db = response_back<fetch_response>(wire::from_wire(
            through_bytes(*wire::to_wire(diverged), protocol::api_key::fetch, wire::fetch_version), log_offset{3}));
        QVERIFY(db.diverging_epoch == diverged.diverging_epoch);
        QVERIFY(db.snapshot_id == diverged.snapshot_id);
        QVERIFY(!db.current_leader.leader_id);
        QVERIFY(db.records.empty());
        QCOMPARE(db.records_offset, log_offset{3});
    }

    void fetch_snapshot() {
        fetch_snapshot_request req{node_id{3}, epoch_id{2}, {log_offset{100}, epoch_id{1}}, 4096, 1 << 16};
        auto w = through_bytes(wire::to_wire(req, "x"), protocol::api_key::fetch_snapshot, wire::fetch_snapshot_version);
        auto back = request_back<fetch_snapshot_request>(wire::from_wire(w), 3);
        QVERIFY(back.snapshot_id == req.snapshot_id);
        QCOMPARE(back.position, req.position);
        QCOMPARE(back.max_bytes, req.max_bytes);
        fetch_snapshot_response resp{error_code::none, {log_offset{100}, epoch_id{1}}, {node_id{1}, epoch_id{2}}, 9000, 4096,
                                     {5, 6, 7}};
        auto rb = response_back<fetch_snapshot_response>(wire::from_wire(
            through_bytes(wire::to_wire(resp), protocol::api_key::fetch_snapshot, wire::fetch_snapshot_version)));
        QVERIFY(rb.snapshot_id == resp.snapshot_id);
        QVERIFY(rb.current_leader == resp.current_leader);
        QCOMPARE(rb.size, resp.size);
        QVERIFY(rb.unaligned_records == resp.unaligned_records);
    }

    void rejects_other_partitions() {
        auto w = wire::to_wire(fetch_request{node_id{2}, epoch_id{1}, log_offset{0}, epoch_id{0}, 0}, "");
        QVERIFY(!w.cluster_id);
        w.topics[0].name = "orders";
        QVERIFY(!wire::from_wire(w).ok());
        auto v = wire::to_wire(vote_request{epoch_id{1}, node_id{1}, epoch_id{0}, log_offset{0}}, "");
        v.topics[0].partitions[0].partition_index = 1;
        QCOMPARE(wire::from_wire(v).err().code, error_code::invalid_request);
    }
};

QTEST_APPLESS_MAIN(test_raft_wire)
#include "test_raft_wire.moc"
