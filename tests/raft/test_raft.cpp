// raft_node scenarios on a simulated cluster: elections, commit rules, divergence, restart, check quorum,
// snapshots, long polls and graceful resignation. Every case runs on simulated time with fixed seeds.
#include <QTest>

#include "tests/raft/invariants.h"

using namespace sluice;
using namespace sluice::raft;
using namespace sluice::raft::test;

namespace {

bytes payload(int i) {
    auto s = "record-" + std::to_string(i);
    return bytes(s.begin(), s.end());
}

// Proposes on the current leader; returns the offset of the entry.
log_offset propose_one(sim_cluster& c, int i) {
    auto l = c.leader();
    if (!l) return log_offset{-1};
    auto r = c.node(*l).propose({payload(i)}, c.now());
    return r ? *r : log_offset{-1};
}

#define SLUICE_NO_VIOLATION(checker)                      \
    do {                                                  \
        auto broken = (checker).check();                  \
        QVERIFY2(broken.empty(), broken.c_str());         \
    } while (0)

}  // namespace

class test_raft : public QObject {
    Q_OBJECT

private slots:
    void single_node_elects_itself_and_commits() {
        sim_cluster c(1, 1);
        QCOMPARE(c.node(1).current_role(), role::leader);
        QCOMPARE(c.node(1).epoch().value(), 1);
        // The LeaderChange control entry opens the epoch and is committed at once in a quorum of one.
        QCOMPARE(c.node(1).high_watermark().value(), 1);
        auto r = c.node(1).propose({payload(1), payload(2)}, c.now());
        QVERIFY(r.ok());
        QCOMPARE(r->value(), 2);
        QCOMPARE(c.node(1).high_watermark().value(), 3);
        auto committed = c.node(1).committed_since(log_offset{0}, 10);
        QCOMPARE(committed.size(), std::size_t{3});
        QVERIFY(committed[0].control);
        QVERIFY(!committed[1].control);
        QCOMPARE(committed[2].payload, payload(2));
    }

    void election_data() {
        QTest::addColumn<int>("voters");
        QTest::newRow("3 voters") << 3;
        QTest::newRow("5 voters") << 5;
    }
    void election() {
        QFETCH(int, voters);
        sim_cluster c(voters, 42);
        invariant_checker inv(c);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        auto l = *c.leader();
        // An election takes one randomized timeout (1000..2000 ms) and a round trip.
        QVERIFY2(c.now() < 2'100, std::to_string(c.now()).c_str());
        QCOMPARE(c.node(l).voted_for(), node_id{l});
        // Every follower fetched, and committed the LeaderChange entry.
        QVERIFY(c.run_until([&] {
            for (int i = 1; i <= voters; ++i)
                if (c.node(i).high_watermark() < log_offset{1}) return false;
            return true;
        }, 1'000));
        auto states = c.node(l).replica_states();
        QCOMPARE(static_cast<int>(states.size()), voters);
        for (auto& [id, st] : states) {
            QCOMPARE(st.log_end_offset, c.node(l).log_end_offset());
            if (id != node_id{l}) QVERIFY(st.last_fetch_ms > 0 && st.last_caught_up_ms > 0);
        }
        SLUICE_NO_VIOLATION(inv);
    }

    void propose_on_follower_is_refused() {
        sim_cluster c(3, 7);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int follower = *c.leader() % 3 + 1;
        auto r = c.node(follower).propose({payload(1)}, c.now());
        QVERIFY(!r.ok());
        QCOMPARE(r.err().code, protocol::error_code::not_leader_or_follower);
    }

    void split_votes_are_resolved() {
        // Four voters (majority 3). While every message takes 1.5 s, all four time out (1..2 s) before any
        // vote request arrives: each votes for itself in epoch 1 and nobody can win it.
        sim_cluster c(4, 3);
        c.net.min_delay_ms = c.net.max_delay_ms = 1'500;
        c.run_for(1'999);  // every first timeout has fired, no candidate's own timeout (>= 2000) yet
        for (int i = 1; i <= 4; ++i) {
            QCOMPARE(c.node(i).current_role(), role::candidate);
            QCOMPARE(c.node(i).epoch().value(), 1);
        }
        c.net.min_delay_ms = 1;
        c.net.max_delay_ms = 5;
        QVERIFY(c.run_until([&] { return c.stable(); }, 20'000));
        // Randomized timeouts and backoffs separate the candidates: someone wins a later epoch.
        QVERIFY(c.node(*c.leader()).epoch() > epoch_id{1});
    }

    void commit_needs_a_majority_data() {
        QTest::addColumn<int>("cut_off");
        QTest::addColumn<bool>("commits");
        QTest::newRow("one follower partitioned") << 1 << true;
        QTest::newRow("both followers partitioned") << 2 << false;
    }
    void commit_needs_a_majority() {
        QFETCH(int, cut_off);
        QFETCH(bool, commits);
        sim_cluster c(3, 11);
        invariant_checker inv(c);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int l = *c.leader();
        for (int k = 1, cut = 0; k <= 3 && cut < cut_off; ++k)
            if (k != l) {
                c.isolate(k);
                ++cut;
            }
        auto off = propose_one(c, 1);
        QVERIFY(off >= log_offset{0});
        // Well within the check-quorum timeout, so the leader is still the leader.
        c.run_for(500);
        QCOMPARE(c.node(l).current_role(), role::leader);
        QCOMPARE(c.node(l).high_watermark() > off, commits);
        SLUICE_NO_VIOLATION(inv);
    }

    void stale_leader_entries_are_truncated() {
        sim_cluster c(3, 5);
        invariant_checker inv(c);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int old = *c.leader();
        auto old_epoch = c.node(old).epoch();
        propose_one(c, 1);
        c.run_for(100);
        auto committed_end = c.node(old).high_watermark();
        c.isolate(old);
        // Appended by the cut-off leader, never committed.
        auto stale = c.node(old).propose({payload(100), payload(101), payload(102)}, c.now());
        QVERIFY(stale.ok());
        QVERIFY(c.run_until([&] {
            auto l = c.leader();
            return l && *l != old;
        }, 10'000));
        int fresh = *c.leader();
        QVERIFY(c.node(fresh).epoch() > old_epoch);
        propose_one(c, 2);
        c.run_for(100);
        SLUICE_NO_VIOLATION(inv);
        c.heal();
        QVERIFY(c.run_until([&] { return c.stable() && c.node(old).log_end_offset() == c.node(fresh).log_end_offset(); },
                            10'000));
        QVERIFY(c.voter(old - 1).log.truncations > 0);
        // The old leader's log now is the new leader's, entry by entry, and its stale payloads are gone.
        auto mine = c.voter(old - 1).log.read(log_offset{0}, 1000, SIZE_MAX);
        auto theirs = c.voter(fresh - 1).log.read(log_offset{0}, 1000, SIZE_MAX);
        QVERIFY(mine == theirs);
        for (auto& e : mine) QVERIFY(e.payload != payload(100));
        QVERIFY(c.node(old).high_watermark() >= committed_end);
        SLUICE_NO_VIOLATION(inv);
    }

    void leader_cut_off_resigns_by_check_quorum() {
        sim_cluster c(3, 9);
        invariant_checker inv(c);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int old = *c.leader();
        auto cut_at = c.now();
        c.isolate(old);
        // fetch.timeout.ms (2000) without fetches from a majority: the leader steps down by itself.
        QVERIFY(c.run_until([&] { return c.node(old).current_role() != role::leader; }, 5'000));
        QVERIFY(c.now() - cut_at <= 2'100);
        QVERIFY(c.node(old).propose({payload(1)}, c.now()).err().code == protocol::error_code::not_leader_or_follower);
        QVERIFY(c.run_until([&] {
            for (int i = 1; i <= 3; ++i)
                if (i != old && c.node(i).current_role() == role::leader) return true;
            return false;
        }, 10'000));
        SLUICE_NO_VIOLATION(inv);
    }

    void graceful_resign_hands_over_quickly() {
        sim_cluster c(3, 13);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int old = *c.leader();
        auto at = c.now();
        c.node(old).resign(c.now());
        QCOMPARE(c.node(old).current_role(), role::resigned);
        QVERIFY(c.run_until([&] {
            auto l = c.leader();
            return l && *l != old;
        }, 10'000));
        // EndQuorumEpoch lets the preferred successor stand after a short backoff, not a 2 s fetch timeout.
        QVERIFY2(c.now() - at < 500, std::to_string(c.now() - at).c_str());
    }

    void restart_keeps_epoch_and_vote() {
        // One voter on its own: a vote in epoch 1 for voter 2 must survive a restart and rule out a vote for 3.
        memory_log log;
        memory_quorum_state_store store;
        raft_config cfg;
        cfg.id = node_id{1};
        cfg.voters = {node_id{1}, node_id{2}, node_id{3}};
        auto n = std::make_unique<raft_node>(cfg, log, store);
        QVERIFY(n->start(0).ok());
        n->receive(envelope{node_id{2}, node_id{1}, vote_request{epoch_id{1}, node_id{2}, epoch_id{0}, log_offset{0}}}, 10);
        auto out = n->take_outbox();
        QCOMPARE(out.size(), std::size_t{1});
        QVERIFY(std::get<vote_response>(out[0].body).vote_granted);
        QCOMPARE(store.read()->value().voted_for, node_id{2});

        n = std::make_unique<raft_node>(cfg, log, store);  // restart
        QVERIFY(n->start(20).ok());
        QCOMPARE(n->current_role(), role::voted);
        QCOMPARE(n->epoch().value(), 1);
        n->receive(envelope{node_id{3}, node_id{1}, vote_request{epoch_id{1}, node_id{3}, epoch_id{0}, log_offset{5}}}, 30);
        out = n->take_outbox();
        QCOMPARE(out.size(), std::size_t{1});
        QVERIFY(!std::get<vote_response>(out[0].body).vote_granted);
        // A repeated request from the one it voted for is granted again (its response may have been lost).
        n->receive(envelope{node_id{2}, node_id{1}, vote_request{epoch_id{1}, node_id{2}, epoch_id{0}, log_offset{0}}}, 40);
        QVERIFY(std::get<vote_response>(n->take_outbox().at(0).body).vote_granted);
        // A stale epoch is fenced.
        n->receive(envelope{node_id{3}, node_id{1}, vote_request{epoch_id{0}, node_id{3}, epoch_id{0}, log_offset{9}}}, 50);
        QCOMPARE(std::get<vote_response>(n->take_outbox().at(0).body).error, protocol::error_code::fenced_leader_epoch);
    }

    void late_answer_to_a_resent_fetch_is_ignored() {
        // A follower resends a fetch; the answer to the resend makes it truncate and refetch, and then the
        // answer to the first one arrives, telling it to truncate again. That answer is about a log the
        // follower no longer has: applying it would drop entries it has since validated.
        memory_log log;
        std::vector<log_entry> mine{{epoch_id{1}, false, {1}}, {epoch_id{1}, false, {2}}, {epoch_id{1}, false, {3}}};
        QVERIFY(log.append(mine).ok());
        memory_quorum_state_store store;
        QVERIFY(store.write(quorum_state{epoch_id{2}, std::nullopt, node_id{2}}).ok());
        raft_config cfg;
        cfg.id = node_id{1};
        cfg.voters = {node_id{1}, node_id{2}, node_id{3}};
        cfg.request_timeout_ms = 300;  // resend well before the fetch timeout (2000)
        raft_node n(cfg, log, store);
        QVERIFY(n.start(0).ok());
        QCOMPARE(n.current_role(), role::follower);
        auto first = n.take_outbox().at(0);
        n.tick(cfg.fetch_max_wait_ms + cfg.request_timeout_ms);  // no answer: resend
        auto second = n.take_outbox().at(0);
        QVERIFY(first.correlation_id != second.correlation_id);

        auto answer = [&](const envelope& req, fetch_response r, int64_t now) {
            r.current_leader = leader_and_epoch{node_id{2}, epoch_id{2}};
            n.receive(envelope{node_id{2}, node_id{1}, std::move(r), req.correlation_id}, now);
        };
        fetch_response diverged;
        diverged.high_watermark = log_offset{2};
        diverged.diverging_epoch = offset_and_epoch{log_offset{2}, epoch_id{1}};
        answer(second, diverged, 900);
        QCOMPARE(n.log_end_offset().value(), 2);
        auto third = n.take_outbox().at(0);
        QCOMPARE(std::get<fetch_request>(third.body).fetch_offset.value(), 2);
        fetch_response records;
        records.high_watermark = log_offset{4};
        records.records_offset = log_offset{2};
        records.records = {{epoch_id{2}, true, {}}, {epoch_id{2}, false, {9}}};
        answer(third, records, 910);
        QCOMPARE(n.log_end_offset().value(), 4);
        QCOMPARE(n.high_watermark().value(), 4);
        answer(first, diverged, 920);  // late
        QCOMPARE(n.log_end_offset().value(), 4);
        QCOMPARE(n.high_watermark().value(), 4);
    }

    void vote_needs_an_up_to_date_log_data() {
        QTest::addColumn<int>("candidate_last_epoch");
        QTest::addColumn<int>("candidate_end");
        QTest::addColumn<bool>("granted");
        // The voter's log: 3 entries, the last of epoch 2.
        QTest::newRow("same epoch, shorter") << 2 << 2 << false;
        QTest::newRow("same epoch, same end") << 2 << 3 << true;
        QTest::newRow("same epoch, longer") << 2 << 4 << true;
        QTest::newRow("older epoch, longer") << 1 << 10 << false;
        QTest::newRow("newer epoch, shorter") << 3 << 1 << true;
    }
    void vote_needs_an_up_to_date_log() {
        QFETCH(int, candidate_last_epoch);
        QFETCH(int, candidate_end);
        QFETCH(bool, granted);
        memory_log log;
        std::vector<log_entry> entries{{epoch_id{1}, false, {}}, {epoch_id{2}, false, {}}, {epoch_id{2}, false, {}}};
        QVERIFY(log.append(entries).ok());
        memory_quorum_state_store store;
        QVERIFY(store.write(quorum_state{epoch_id{2}, std::nullopt, std::nullopt}).ok());
        raft_config cfg;
        cfg.id = node_id{1};
        cfg.voters = {node_id{1}, node_id{2}, node_id{3}};
        raft_node n(cfg, log, store);
        QVERIFY(n.start(0).ok());
        n.receive(envelope{node_id{2}, node_id{1},
                           vote_request{epoch_id{3}, node_id{2}, epoch_id{candidate_last_epoch}, log_offset{candidate_end}}},
                  1);
        auto out = n.take_outbox();
        QCOMPARE(out.size(), std::size_t{1});
        QCOMPARE(std::get<vote_response>(out[0].body).vote_granted, granted);
        // The higher epoch is adopted (and persisted) whatever the answer.
        QCOMPARE(n.epoch().value(), 3);
        QCOMPARE(store.read()->value().epoch.value(), 3);
    }

    void restarted_cluster_keeps_its_committed_log() {
        sim_cluster c(3, 17);
        invariant_checker inv(c);
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        for (int i = 0; i < 5; ++i) propose_one(c, i);
        c.run_for(200);
        auto end = c.node(*c.leader()).high_watermark();
        auto epoch = c.node(*c.leader()).epoch();
        for (int i = 1; i <= 3; ++i) c.crash(i);
        for (int i = 1; i <= 3; ++i) c.restart(i);
        // The old leader comes back resigned; someone leads a later epoch and commits the old entries again.
        QVERIFY(c.run_until([&] { return c.stable() && c.node(*c.leader()).high_watermark() > end; }, 20'000));
        QVERIFY(c.node(*c.leader()).epoch() > epoch);
        SLUICE_NO_VIOLATION(inv);
    }

    void lagging_follower_installs_a_snapshot() {
        sim_cluster c(3, 21, [](raft_config& cfg) { cfg.snapshot_chunk_bytes = 7; });
        invariant_checker inv(c);
        int snapshot_fetches = 0;
        c.on_deliver = [&](const envelope& e) { snapshot_fetches += std::holds_alternative<fetch_snapshot_request>(e.body); };
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        int l = *c.leader();
        int lagging = l % 3 + 1;
        c.isolate(lagging);
        for (int i = 0; i < 20; ++i) propose_one(c, i);
        c.run_for(200);
        auto hw = c.node(l).high_watermark();
        bytes state(50, 0xab);  // 50 bytes in 7-byte chunks: 8 FetchSnapshot round trips
        // Both up-to-date voters snapshot, so whichever leads after the heal must send the snapshot.
        auto id = c.node(l).create_snapshot(hw, state);
        QVERIFY(id.ok());
        QCOMPARE(c.node(l).log().start_offset(), hw);
        int other = 6 - l - lagging;
        QCOMPARE(c.node(other).high_watermark(), hw);
        QVERIFY(c.node(other).create_snapshot(hw, state).ok());
        propose_one(c, 99);
        c.run_for(50);
        c.heal();
        QVERIFY(c.run_until([&] { return c.node(lagging).log_end_offset() == c.node(l).log_end_offset() &&
                                         c.node(lagging).high_watermark() == c.node(l).high_watermark(); },
                            5'000));
        QCOMPARE(c.voter(lagging - 1).log.installs, 1);
        QVERIFY(c.node(lagging).log().latest_snapshot() == *id);
        QCOMPARE(c.node(lagging).log().read_snapshot(*id).value(), state);
        QCOMPARE(c.node(lagging).log().start_offset(), hw);
        QCOMPARE(snapshot_fetches, 8);
        // After the snapshot come the entries written since (and LeaderChanges of any later election).
        auto after = c.node(lagging).committed_since(hw, 10);
        QVERIFY(std::any_of(after.begin(), after.end(), [](const log_entry& e) { return e.payload == payload(99); }));
        SLUICE_NO_VIOLATION(inv);
    }

    void leader_parks_fetches_until_data_arrives() {
        sim_cluster c(3, 23);
        int responses = 0;
        c.on_deliver = [&](const envelope& e) { responses += std::holds_alternative<fetch_response>(e.body); };
        QVERIFY(c.run_until([&] { return c.stable(); }, 10'000));
        c.run_for(1'000);
        responses = 0;
        c.run_for(2'000);
        // Idle: each follower's fetch is held for max wait (500 ms), so about 4 answers each, not one per ms.
        QVERIFY2(responses >= 6 && responses <= 10, std::to_string(responses).c_str());
        int l = *c.leader();
        auto off = propose_one(c, 1);
        auto at = c.now();
        // New data completes the parked fetches at once: followers have it after a round trip.
        QVERIFY(c.run_until([&] {
            for (int i = 1; i <= 3; ++i)
                if (c.node(i).log_end_offset() <= off) return false;
            return true;
        }, 1'000));
        QVERIFY2(c.now() - at <= 20, std::to_string(c.now() - at).c_str());
        QVERIFY(c.run_until([&] { return c.node(l).high_watermark() > off; }, 100));
    }
};

QTEST_GUILESS_MAIN(test_raft)
#include "test_raft.moc"
