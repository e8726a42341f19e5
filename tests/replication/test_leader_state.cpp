// leader_state: high watermark over the (maximal) ISR, Kafka's caught-up rule, ISR shrink and expansion
// proposals with one change in flight.
#include <QTest>

#include "engine/replication/leader_state.h"

using namespace sluice;
using namespace sluice::replication;

namespace {

constexpr int64_t lag_ms = 10'000;  // replica.lag.time.max.ms
constexpr int64_t t0 = 1'000;       // when this node became leader

std::vector<replica_id> ids(std::initializer_list<int32_t> list) {
    std::vector<replica_id> out;
    for (auto i : list) out.push_back(replica_id{i});
    return out;
}

// Leader 1 of replicas {1,2,3}, leader epoch 5, partition epoch 10, LEO 100.
leader_state make_leader(std::initializer_list<int32_t> isr = {1, 2, 3}, int64_t hw = 100, int64_t leo = 100,
                         std::initializer_list<int32_t> replicas = {1, 2, 3}) {
    return leader_state(leader_state_init{replica_id{1}, ids(replicas), ids(isr), leader_epoch{5}, partition_epoch{10},
                                          offset{leo}, offset{hw}, t0});
}

void fetch(leader_state& s, int32_t replica, int64_t at, int64_t now) {
    auto r = s.on_follower_fetch(replica_id{replica}, offset{at}, now);
    if (!r.ok()) qFatal("fetch failed: %s", r.err().message.c_str());
}

QString describe(const std::vector<replica_id>& v) {
    QStringList parts;
    for (auto id : v) parts << QString::number(id.value());
    return parts.join(',');
}

}  // namespace

class test_leader_state : public QObject {
    Q_OBJECT

private slots:
    // The leader (LEO 110 after an append) with ISR {1,2,3}; `fetches` is "replica:offset ..." in order.
    void high_watermark_over_isr_data() {
        QTest::addColumn<QString>("fetches");
        QTest::addColumn<qint64>("hw");
        QTest::newRow("nobody fetched yet") << "" << 100LL;
        QTest::newRow("one of two followers has it") << "2:110" << 100LL;
        QTest::newRow("the slower one decides") << "2:110 3:105" << 105LL;
        QTest::newRow("both have it") << "2:110 3:110" << 110LL;
        QTest::newRow("order does not matter") << "3:108 2:104" << 104LL;
        QTest::newRow("never decreases when a follower goes back") << "2:110 3:110 3:102" << 110LL;
        QTest::newRow("a fetch below the HW changes nothing") << "2:90 3:110" << 100LL;
    }

    void high_watermark_over_isr() {
        QFETCH(QString, fetches);
        QFETCH(qint64, hw);
        auto s = make_leader();
        QCOMPARE(s.on_leader_append(offset{110}).advanced, false);  // followers have not acknowledged anything
        int64_t now = t0;
        for (const auto& step : fetches.split(' ', Qt::SkipEmptyParts)) {
            const auto parts = step.split(':');
            fetch(s, parts[0].toInt(), parts[1].toLongLong(), ++now);
        }
        QCOMPARE(s.high_watermark().value(), hw);
    }

    void single_replica_follows_appends() {
        auto s = make_leader({1}, 100, 100, {1});
        auto u = s.on_leader_append(offset{105});
        QVERIFY(u.advanced);
        QCOMPARE(u.high_watermark.value(), 105);
        QCOMPARE(s.high_watermark().value(), 105);
    }

    void follower_outside_isr_does_not_hold_hw() {
        auto s = make_leader({1, 2});
        s.on_leader_append(offset{110});
        auto r = s.on_follower_fetch(replica_id{2}, offset{110}, t0 + 1);
        QVERIFY(r.ok());
        QVERIFY(r->advanced);
        QCOMPARE(s.high_watermark().value(), 110);  // replica 3 has fetched nothing, but is not in the ISR
    }

    void initial_hw_is_clamped_and_kept() {
        auto s = make_leader({1, 2, 3}, 150, 100);
        QCOMPARE(s.high_watermark().value(), 100);
        auto t = make_leader({1, 2, 3}, 80, 100);
        QCOMPARE(t.high_watermark().value(), 80);
        QCOMPARE(t.epoch_start_offset().value(), 100);
        fetch(t, 2, 90, t0 + 1);
        fetch(t, 3, 95, t0 + 2);
        QCOMPARE(t.high_watermark().value(), 90);
    }

    void rejects_bad_fetches() {
        auto s = make_leader();
        auto stranger = s.on_follower_fetch(replica_id{9}, offset{10}, t0);
        QVERIFY(!stranger.ok());
        QCOMPARE(stranger.err().code, protocol::error_code::not_leader_or_follower);
        auto self = s.on_follower_fetch(replica_id{1}, offset{10}, t0);
        QCOMPARE(self.err().code, protocol::error_code::not_leader_or_follower);
        auto beyond = s.on_follower_fetch(replica_id{2}, offset{101}, t0 + 5);
        QVERIFY(!beyond.ok());
        QCOMPARE(beyond.err().code, protocol::error_code::offset_out_of_range);
        QCOMPARE(s.follower(replica_id{2})->log_end_offset, undefined_offset);  // nothing recorded
        QCOMPARE(s.follower(replica_id{2})->last_fetch_ms, never_ms);
    }

    // Kafka's lastCaughtUpTimeMs, step by step.
    void caught_up_rule() {
        auto s = make_leader();
        const auto* f = s.follower(replica_id{2});
        QCOMPARE(f->last_caught_up_ms, t0);  // in the ISR when the leader took over
        QCOMPARE(s.follower(replica_id{3})->last_caught_up_ms, t0);
        QCOMPARE(make_leader({1, 2}).follower(replica_id{3})->last_caught_up_ms, never_ms);

        fetch(s, 2, 100, 2000);  // at the LEO: caught up now
        QCOMPARE(f->last_caught_up_ms, 2000);
        s.on_leader_append(offset{120});
        fetch(s, 2, 110, 3000);                // behind the LEO (120) but past the LEO at its previous fetch (100)
        QCOMPARE(f->last_caught_up_ms, 2000);  // ... so caught up as of that previous fetch, 2000
        fetch(s, 2, 120, 4000);                // at the LEO again
        QCOMPARE(f->last_caught_up_ms, 4000);
        s.on_leader_append(offset{130});
        fetch(s, 2, 125, 5000);  // previous fetch saw LEO 120; 125 >= 120: caught up as of 4000
        QCOMPARE(f->last_caught_up_ms, 4000);
        s.on_leader_append(offset{140});
        fetch(s, 2, 128, 6000);  // previous fetch saw LEO 130; 128 < 130: not caught up
        QCOMPARE(f->last_caught_up_ms, 4000);
        fetch(s, 2, 130, 7000);  // previous fetch saw LEO 140 (6000); 130 < 140
        QCOMPARE(f->last_caught_up_ms, 4000);
        fetch(s, 2, 140, 8000);  // at the LEO
        QCOMPARE(f->last_caught_up_ms, 8000);
        QCOMPARE(f->last_fetch_ms, 8000);
        QCOMPARE(f->log_end_offset.value(), 140);
    }

    // Follower 3 stops fetching after t0; follower 2 keeps fetching at the LEO. Checked at `now`.
    void shrink_after_lag_time_data() {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QString>("proposal");  // "" = none
        QTest::newRow("well within the lag time") << qint64{t0 + 5'000} << "";
        QTest::newRow("exactly the lag time") << qint64{t0 + lag_ms} << "";
        QTest::newRow("just past the lag time") << qint64{t0 + lag_ms + 1} << "1,2";
        QTest::newRow("long past") << qint64{t0 + 10 * lag_ms} << "1,2";
    }

    void shrink_after_lag_time() {
        QFETCH(qint64, now);
        QFETCH(QString, proposal);
        auto s = make_leader();
        s.on_leader_append(offset{110});
        fetch(s, 2, 110, now);
        auto change = s.isr_shrink_candidates(now, lag_ms);
        QCOMPARE(change ? describe(change->new_isr) : QString(), proposal);
        if (change) {
            QCOMPARE(change->epoch, leader_epoch{5});
            QCOMPARE(change->based_on, partition_epoch{10});
        }
    }

    // Followers 2 and 3 stop fetching after an append: acks=all's min.insync.replicas count drops with the lag
    // time, and stays down while the shrink it implies is in flight (the controller may be unreachable).
    void caught_up_isr_counts_what_a_shrink_would_keep() {
        auto s = make_leader();
        s.on_leader_append(offset{110});
        QCOMPARE(s.caught_up_isr_size(t0 + lag_ms, lag_ms), std::size_t{3});
        QCOMPARE(s.caught_up_isr_size(t0 + lag_ms + 1, lag_ms), std::size_t{1});
        fetch(s, 2, 110, t0 + lag_ms + 2);  // 2 comes back at the LEO: it counts again at once
        QCOMPARE(s.caught_up_isr_size(t0 + lag_ms + 2, lag_ms), std::size_t{2});
        auto shrink = s.isr_shrink_candidates(t0 + lag_ms + 2, lag_ms);
        QVERIFY(shrink);
        QVERIFY(s.begin_isr_change(*shrink).ok());
        QCOMPARE(s.isr().size(), std::size_t{3});                                 // not committed yet ...
        QCOMPARE(s.caught_up_isr_size(t0 + lag_ms + 2, lag_ms), std::size_t{2});  // ... and still counted out
        // Without any append the followers at the LEO are in sync however long ago they fetched.
        auto idle = make_leader();
        fetch(idle, 2, 100, t0);
        QCOMPARE(idle.caught_up_isr_size(t0 + 100 * lag_ms, lag_ms), std::size_t{2});
    }

    void no_shrink_while_fetching_at_leo() {
        auto s = make_leader();
        // No new data: the followers sit at the LEO, fetching now and then; time passing alone drops nobody.
        fetch(s, 2, 100, t0 + 1);
        fetch(s, 3, 100, t0 + 1);
        QVERIFY(!s.isr_shrink_candidates(t0 + 100 * lag_ms, lag_ms));
        // Steady traffic: follower 2 always reaches the LEO the leader had at its previous fetch.
        int64_t leo = 100, now = t0 + 1;
        for (int i = 0; i < 50; ++i) {
            leo += 10;
            now += lag_ms / 2;
            s.on_leader_append(offset{leo});
            fetch(s, 2, leo - 10, now);
            fetch(s, 3, leo, now);
        }
        QVERIFY(!s.isr_shrink_candidates(now, lag_ms));
        // Follower 2 stalls behind: after the lag time it is proposed for removal; 3 is not.
        s.on_leader_append(offset{leo + 10});
        fetch(s, 3, leo + 10, now + 2 * lag_ms);
        auto change = s.isr_shrink_candidates(now + 2 * lag_ms, lag_ms);
        QVERIFY(change);
        QCOMPARE(describe(change->new_isr), QStringLiteral("1,3"));
    }

    void expand_only_after_catching_up() {
        // ISR {1,2}; replica 3 is out. HW 80, epoch start 100.
        auto s = make_leader({1, 2}, 80, 100);
        QVERIFY(!s.isr_expand_candidates());
        fetch(s, 3, 95, t0 + 1);  // past the HW, short of the epoch start
        QCOMPARE(s.high_watermark().value(), 80);
        QVERIFY(!s.isr_expand_candidates());
        fetch(s, 3, 100, t0 + 2);  // reached both
        auto change = s.isr_expand_candidates();
        QVERIFY(change);
        QCOMPARE(describe(change->new_isr), QStringLiteral("1,2,3"));

        // Past the epoch start but short of the HW.
        auto t = make_leader({1, 2}, 100, 100);
        t.on_leader_append(offset{150});
        fetch(t, 2, 150, t0 + 1);
        QCOMPARE(t.high_watermark().value(), 150);
        fetch(t, 3, 120, t0 + 2);
        QVERIFY(!t.isr_expand_candidates());
        fetch(t, 3, 150, t0 + 3);
        QVERIFY(t.isr_expand_candidates());
    }

    void one_pending_change_at_a_time() {
        auto s = make_leader();
        s.on_leader_append(offset{110});
        fetch(s, 2, 110, t0 + lag_ms + 1);
        auto shrink = s.isr_shrink_candidates(t0 + lag_ms + 1, lag_ms);
        QVERIFY(shrink);
        QVERIFY(s.begin_isr_change(*shrink).ok());
        QCOMPARE(s.pending_isr_change(), shrink);
        // While it is in flight nothing else is proposed, and nothing else can be begun.
        QVERIFY(!s.isr_shrink_candidates(t0 + 5 * lag_ms, lag_ms));
        QVERIFY(!s.isr_expand_candidates());
        auto again = s.begin_isr_change(*shrink);
        QCOMPARE(again.err().code, protocol::error_code::operation_not_attempted);
        // The controller refused: the next check proposes again.
        s.abandon_isr_change();
        QVERIFY(!s.pending_isr_change());
        QVERIFY(s.isr_shrink_candidates(t0 + lag_ms + 1, lag_ms));
        // Committed: the pending change ends and the ISR is the committed one.
        QVERIFY(s.begin_isr_change(*shrink).ok());
        QVERIFY(s.apply_committed_isr(ids({1, 2}), partition_epoch{11}).ok());
        QVERIFY(!s.pending_isr_change());
        QCOMPARE(describe(s.isr()), QStringLiteral("1,2"));
        QCOMPARE(s.committed_partition_epoch(), partition_epoch{11});
        // A proposal computed before the commit is stale now.
        auto stale = s.begin_isr_change(*shrink);
        QCOMPARE(stale.err().code, protocol::error_code::invalid_update_version);
    }

    void maximal_isr_while_shrink_pending() {
        auto s = make_leader();
        s.on_leader_append(offset{110});
        fetch(s, 3, 100, t0 + 1);  // 3 stays at 100
        fetch(s, 2, 110, t0 + lag_ms + 1);
        auto shrink = s.isr_shrink_candidates(t0 + lag_ms + 1, lag_ms);
        QVERIFY(shrink);
        QCOMPARE(describe(shrink->new_isr), QStringLiteral("1,2"));
        QVERIFY(s.begin_isr_change(*shrink).ok());
        // Until the controller commits, 3 may still be in the ISR: the HW waits for it.
        QCOMPARE(describe(s.maximal_isr()), QStringLiteral("1,2,3"));
        QCOMPARE(s.high_watermark().value(), 100);
        auto u = s.apply_committed_isr(ids({1, 2}), partition_epoch{11});
        QVERIFY(u.ok());
        QVERIFY(u->advanced);
        QCOMPARE(s.high_watermark().value(), 110);
    }

    void maximal_isr_while_expand_pending() {
        auto s = make_leader({1, 2});
        fetch(s, 3, 100, t0 + 1);
        auto grow = s.isr_expand_candidates();
        QVERIFY(grow);
        QVERIFY(s.begin_isr_change(*grow).ok());
        QCOMPARE(describe(s.isr()), QStringLiteral("1,2"));
        QCOMPARE(describe(s.maximal_isr()), QStringLiteral("1,2,3"));
        QVERIFY(!s.isr_expand_candidates());  // still eligible, but already in flight
        // The new member counts at once: the HW waits for it too.
        s.on_leader_append(offset{120});
        fetch(s, 2, 120, t0 + 2);
        fetch(s, 3, 110, t0 + 2);
        QCOMPARE(s.high_watermark().value(), 110);
        fetch(s, 3, 120, t0 + 3);
        QCOMPARE(s.high_watermark().value(), 120);
    }

    // The controller took follower 3 out (fenced while caught up): its stale position must not propose it back;
    // a fetch after that does.
    void removed_member_rejoins_only_after_fetching() {
        auto s = make_leader();
        fetch(s, 2, 100, t0 + 1);
        fetch(s, 3, 100, t0 + 1);
        QVERIFY(s.apply_committed_isr(ids({1, 2}), partition_epoch{11}).ok());
        QVERIFY(!s.isr_expand_candidates());
        fetch(s, 3, 100, t0 + 2);
        auto grow = s.isr_expand_candidates();
        QVERIFY(grow);
        QCOMPARE(describe(grow->new_isr), QStringLiteral("1,2,3"));
    }

    void committed_state_checks() {
        auto s = make_leader();
        QCOMPARE(s.apply_committed_isr(ids({1, 2}), partition_epoch{9}).err().code,
                 protocol::error_code::invalid_update_version);
        QCOMPARE(s.apply_committed_isr(ids({1, 2}), partition_epoch{10}).err().code,
                 protocol::error_code::invalid_update_version);
        QCOMPARE(s.apply_committed_isr(ids({1, 2, 7}), partition_epoch{11}).err().code,
                 protocol::error_code::invalid_request);
        QCOMPARE(describe(s.isr()), QStringLiteral("1,2,3"));
        // Replayed state keeps a pending change computed from it.
        s.on_leader_append(offset{110});
        fetch(s, 2, 110, t0 + lag_ms + 1);
        auto shrink = s.isr_shrink_candidates(t0 + lag_ms + 1, lag_ms);
        QVERIFY(s.begin_isr_change(*shrink).ok());
        QVERIFY(s.apply_committed_isr(ids({1, 2, 3}), partition_epoch{10}).ok());
        QVERIFY(s.pending_isr_change());
        // Proposals must be replicas and include the leader.
        s.abandon_isr_change();
        QCOMPARE(s.begin_isr_change(isr_change{ids({2, 3}), leader_epoch{5}, partition_epoch{10}}).err().code,
                 protocol::error_code::invalid_request);
        QCOMPARE(s.begin_isr_change(isr_change{ids({1, 8}), leader_epoch{5}, partition_epoch{10}}).err().code,
                 protocol::error_code::invalid_request);
        QCOMPARE(s.begin_isr_change(isr_change{ids({1, 2}), leader_epoch{4}, partition_epoch{10}}).err().code,
                 protocol::error_code::invalid_update_version);
    }
};

QTEST_GUILESS_MAIN(test_leader_state)
#include "test_leader_state.moc"
