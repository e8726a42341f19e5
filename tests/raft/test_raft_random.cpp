// Randomized schedules: hundreds of seeded runs of drops, delays, partitions, crashes and restarts,
// proposals, snapshots and resignations, with Raft's safety properties (invariants.h) checked after every
// step, then a liveness check: once the network heals, a leader emerges and commits everywhere.
// A failure prints its seed; SLUICE_RAFT_SEED=<seed> replays just that run (SLUICE_RAFT_TRACE=<node id>
// prints it), SLUICE_RAFT_RUNS=<n> runs more.
#include <QElapsedTimer>
#include <QTest>

#include <cstdlib>
#include <string>

#include <QTemporaryDir>

#include "engine/raft/persistent_log.h"
#include "tests/raft/invariants.h"

using namespace sluice;
using namespace sluice::raft;
using namespace sluice::raft::test;

namespace {

// Timeouts scaled down (and the step coarser) so that a run of several simulated seconds is cheap.
void fast_timeouts(raft_config& cfg) {
    cfg.election_timeout_ms = 150;
    cfg.fetch_timeout_ms = 300;
    cfg.election_backoff_max_ms = 150;
    cfg.request_timeout_ms = 60;
    cfg.retry_backoff_ms = 10;
    cfg.fetch_max_wait_ms = 40;
    cfg.fetch_max_entries = 4;  // many small fetches: more interleavings
    cfg.snapshot_chunk_bytes = 3;
}

struct run_stats {
    int64_t committed = 0;
    int truncations = 0;
    int installs = 0;
    int leaders = 0;
};

struct run_result {
    std::string failure;  // empty when every check held
    run_stats stats;
};

std::string describe(const envelope& e) {
    std::string out = std::to_string(e.from.value()) + "->" + std::to_string(e.to.value()) + " #" + std::to_string(e.correlation_id) + " ";
    if (auto* f = std::get_if<fetch_request>(&e.body))
        return out + "fetch offset " + std::to_string(f->fetch_offset.value()) + " last epoch " + std::to_string(f->last_fetched_epoch.value());
    if (auto* f = std::get_if<fetch_response>(&e.body))
        return out + "fetch response error " + std::to_string(static_cast<int>(f->error)) + " records " +
               std::to_string(f->records.size()) + "@" + std::to_string(f->records_offset.value()) + " hw " +
               std::to_string(f->high_watermark.value()) +
               (f->diverging_epoch ? " diverging " + std::to_string(f->diverging_epoch->epoch.value()) + "/" +
                                         std::to_string(f->diverging_epoch->offset.value())
                                   : "") +
               (f->snapshot_id ? " snapshot " + std::to_string(f->snapshot_id->offset.value()) : "");
    static const char* names[] = {"vote", "vote response", "begin quorum epoch", "begin quorum epoch response",
                                  "end quorum epoch", "end quorum epoch response", "fetch", "fetch response",
                                  "fetch snapshot", "fetch snapshot response"};
    return out + names[e.body.index()];
}

// SLUICE_RAFT_TRACE=<node id> with SLUICE_RAFT_SEED: print every voter's state when it changes and the
// messages delivered to or from that node.
void trace_states(sim_cluster& c, std::vector<std::string>& last) {
    for (int id = 1; id <= c.size(); ++id) {
        std::string d = "down";
        if (c.alive(id)) {
            auto& x = c.node(id);
            d = std::string(role_name(x.current_role())) + " epoch " + std::to_string(x.epoch().value()) + " leader " +
                std::to_string(x.leader() ? x.leader()->value() : -1) + " start " +
                std::to_string(x.log().start_offset().value()) + " end " + std::to_string(x.log_end_offset().value()) +
                " hw " + std::to_string(x.high_watermark().value());
        }
        if (d != last[static_cast<std::size_t>(id)]) qInfo("%6lld  node %d  %s", static_cast<long long>(c.now()), id, d.c_str());
        last[static_cast<std::size_t>(id)] = d;
    }
}

// `dir`: voters' logs are persistent_logs under it (reopened on every restart); empty: memory logs.
run_result run_schedule(uint32_t seed, const std::filesystem::path& dir) {
    std::mt19937 rng(seed);
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(1, n)(rng); };
    const int n = chance(0.5) ? 3 : 5;
    std::function<tracked_log::opener(int)> open_log;
    if (!dir.empty()) {
        open_log = [&](int i) -> tracked_log::opener {
            auto voter_dir = dir / ("seed-" + std::to_string(seed)) / ("voter-" + std::to_string(i + 1));
            return [voter_dir]() -> std::unique_ptr<raft_log> {
                auto log = persistent_log::open(voter_dir, false);  // a restart here is a process restart
                if (!log) qFatal("cannot open %s: %s", voter_dir.c_str(), log.err().message.c_str());
                return std::move(*log);
            };
        };
    }
    sim_cluster c(n, seed, fast_timeouts, 5, open_log);
    invariant_checker inv(c);
    c.net.max_delay_ms = std::uniform_int_distribution<int64_t>(1, 40)(rng);
    c.net.drop_rate = std::uniform_real_distribution<double>(0, 0.2)(rng);
    // One run in four crashes often: votes and epochs must survive restarts at any moment.
    const double restart_rate = chance(0.25) ? 0.05 : 0.003;
    int next_payload = 0;
    const char* trace_env = std::getenv("SLUICE_RAFT_TRACE");
    const bool trace = trace_env != nullptr;
    std::vector<std::string> last_seen(static_cast<std::size_t>(n + 1));
    if (trace) {
        const int traced = std::atoi(trace_env);
        c.on_deliver = [&c, traced](const envelope& e) {
            if (e.to.value() == traced || e.from.value() == traced) qInfo("%6lld  %s", static_cast<long long>(c.now()), describe(e).c_str());
        };
    }
    run_result out;
    auto fail = [&](const std::string& what) {
        out.failure = "seed " + std::to_string(seed) + " at " + std::to_string(c.now()) + " ms: " + what;
        return out;
    };

    for (int step = 0; step < 800; ++step) {  // 4 simulated seconds of chaos
        if (chance(0.25)) {
            for (int id = 1; id <= n; ++id) {
                if (!c.alive(id) || c.node(id).current_role() != role::leader) continue;
                std::vector<bytes> batch;
                for (int k = pick(3); k > 0; --k) {
                    auto s = std::to_string(++next_payload);
                    batch.emplace_back(s.begin(), s.end());
                }
                (void)c.node(id).propose(std::move(batch), c.now());
            }
        }
        if (chance(0.01)) c.isolate(pick(n));
        if (chance(0.01)) c.block(pick(n), pick(n));
        if (chance(0.02)) c.heal();
        if (chance(0.005)) c.crash(pick(n));
        if (chance(0.02)) {
            int id = pick(n);
            if (!c.alive(id)) c.restart(id);
        }
        if (chance(restart_rate)) {
            int id = pick(n);
            if (c.alive(id)) c.restart(id);  // crash and restart at once
        }
        if (chance(0.003)) {
            if (auto l = c.leader()) c.node(*l).resign(c.now());
        }
        if (chance(0.01)) {
            int id = pick(n);
            if (c.alive(id)) {
                auto& node = c.node(id);
                auto start = node.log().start_offset().value(), hw = node.high_watermark().value();
                if (hw > start) {
                    log_offset end{std::uniform_int_distribution<int64_t>(start + 1, hw)(rng)};
                    if (auto state = inv.snapshot_of(id, end)) {
                        auto r = node.create_snapshot(end, *state);
                        if (!r) return fail("create_snapshot: " + r.err().message);
                    }
                }
            }
        }
        c.step();
        if (trace) trace_states(c, last_seen);
        if (auto broken = inv.check(); !broken.empty()) return fail(broken);
    }

    // Liveness: heal everything, bring everyone back, and the quorum must settle and commit a new entry.
    c.heal();
    c.net.drop_rate = 0;
    for (int id = 1; id <= n; ++id)
        if (!c.alive(id)) c.restart(id);
    // A proposal can still be lost to a leader change (a voter that was cut off may time out after the
    // heal), so propose every 200 ms until one entry is committed on every voter.
    std::vector<offset_and_epoch> proposed;
    auto committed_everywhere = [&] {
        for (auto p : proposed) {
            bool all = true;
            for (int id = 1; id <= n && all; ++id)
                all = c.node(id).high_watermark() > p.offset && c.node(id).log().epoch_at(p.offset) == p.epoch;
            if (all) return true;
        }
        return false;
    };
    bool live = false;
    for (int step = 0; step < 2000 && !live; ++step) {  // 10 s
        if (step % 40 == 0) {
            if (auto l = c.leader()) {
                auto off = c.node(*l).propose({bytes{'e', 'n', 'd'}}, c.now());
                if (off) proposed.push_back(offset_and_epoch{*off, c.node(*l).epoch()});
            }
        }
        c.step();
        if (trace) trace_states(c, last_seen);
        if (auto broken = inv.check(); !broken.empty()) return fail(broken);
        live = committed_everywhere();
    }
    if (!live) return fail("nothing proposed after the heal committed on every voter within 10 s");
    int l = *c.leader();

    out.stats.committed = inv.committed_count();
    for (int i = 0; i < n; ++i) {
        out.stats.truncations += c.voter(i).log.truncations;
        out.stats.installs += c.voter(i).log.installs;
    }
    out.stats.leaders = c.node(l).epoch().value();
    return out;
}

}  // namespace

class test_raft_random : public QObject {
    Q_OBJECT

private slots:
    void random_schedules_keep_raft_safe_data() {
        QTest::addColumn<bool>("on_disk");
        QTest::addColumn<uint32_t>("runs");
        QTest::newRow("memory logs") << false << 2000u;
        // Fewer: every restart really closes and recovers the partition_log and snapshot files.
        QTest::newRow("persistent logs") << true << 12u;
    }
    void random_schedules_keep_raft_safe() {
        QFETCH(bool, on_disk);
        QFETCH(uint32_t, runs);
        uint32_t first = 1;
        if (auto* s = std::getenv("SLUICE_RAFT_SEED")) {
            first = static_cast<uint32_t>(std::stoul(s));
            runs = 1;
        }
        if (auto* r = std::getenv("SLUICE_RAFT_RUNS")) runs = static_cast<uint32_t>(std::stoul(r));
        QTemporaryDir tmp;
        const std::filesystem::path dir = on_disk ? std::filesystem::path(tmp.path().toStdString()) : std::filesystem::path{};
        QElapsedTimer timer;
        timer.start();
        run_stats total;
        for (uint32_t seed = first; seed < first + runs; ++seed) {
            auto r = run_schedule(seed, dir);
            QVERIFY2(r.failure.empty(), r.failure.c_str());
            total.committed += r.stats.committed;
            total.truncations += r.stats.truncations;
            total.installs += r.stats.installs;
            total.leaders += r.stats.leaders;
            if (on_disk) std::filesystem::remove_all(dir / ("seed-" + std::to_string(seed)));
        }
        qInfo("%u runs in %lld ms: %lld entries committed, %d epochs, %d truncations, %d snapshot installs", runs,
              static_cast<long long>(timer.elapsed()), static_cast<long long>(total.committed), total.leaders,
              total.truncations, total.installs);
        // The schedules must really exercise divergence and snapshot installs, or they prove little.
        if (!on_disk && runs >= 100) {
            QVERIFY(total.truncations > 0);
            QVERIFY(total.installs > 0);
            QVERIFY(total.committed > 1000 * static_cast<int64_t>(runs) / 100);
        }
    }
};

QTEST_GUILESS_MAIN(test_raft_random)
#include "test_raft_random.moc"
