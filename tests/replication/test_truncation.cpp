// Follower truncation (KIP-101, KIP-279): one step at a time, and whole exchanges against a simulated leader.
#include <QTest>

#include "engine/replication/truncation.h"

using namespace sluice;
using namespace sluice::replication;

namespace {

// "1@0 2@10" → a cache with epoch 1 from offset 0 and epoch 2 from offset 10.
leader_epoch_cache parse_cache(const QString& text) {
    leader_epoch_cache cache;
    for (const auto& item : text.split(' ', Qt::SkipEmptyParts)) {
        const auto parts = item.split('@');
        if (!cache.assign(leader_epoch{parts[0].toInt()}, offset{parts[1].toLongLong()})) qFatal("bad entry");
    }
    return cache;
}

}  // namespace

class test_truncation : public QObject {
    Q_OBJECT

private slots:
    // A follower (entries, LEO, HW) against a leader (entries, LEO); the leader answers OffsetForLeaderEpoch
    // from its own cache. `asks` is how many requests the follower had to send.
    void resolve_data() {
        QTest::addColumn<QString>("follower");
        QTest::addColumn<qint64>("follower_leo");
        QTest::addColumn<qint64>("follower_hw");
        QTest::addColumn<QString>("leader");
        QTest::addColumn<qint64>("leader_leo");
        QTest::addColumn<qint64>("truncate_to");
        QTest::addColumn<int>("asks");

        QTest::newRow("same history, leader ahead: keep everything")
            << "1@0 3@10" << 20LL << 15LL << "1@0 3@10" << 30LL << 20LL << 1;
        QTest::newRow("leader with a higher epoch, logs diverge inside ours")
            << "0@0 1@10" << 20LL << 12LL << "0@0 1@10 2@15" << 30LL << 15LL << 1;
        QTest::newRow("leader with a higher epoch, we are behind its end")
            << "0@0 1@10" << 13LL << 12LL << "0@0 1@10 2@15" << 30LL << 13LL << 1;
        QTest::newRow("our latest epoch the leader never had")
            << "1@0 2@10" << 15LL << 8LL << "1@0 3@12" << 20LL << 10LL << 1;
        QTest::newRow("two epochs the leader never had: iterate")
            << "1@0 2@10 4@14" << 18LL << 8LL << "1@0 3@12 5@16" << 25LL << 10LL << 2;
        QTest::newRow("iterate down to a shared epoch ending at the leader's")
            << "1@0 2@10 4@14" << 18LL << 8LL << "1@0 2@10 3@11 5@20" << 25LL << 11LL << 2;
        // Cannot happen with a real leader (its current epoch is its latest), but Kafka's answer is defined.
        QTest::newRow("our epoch above the leader's latest: UNDEFINED, HW")
            << "1@0 2@10 4@14" << 18LL << 8LL << "1@0 2@10 3@11" << 25LL << 8LL << 1;
        QTest::newRow("unclean leader with a shorter log, below our HW")
            << "1@0 2@10" << 20LL << 12LL << "1@0 3@5" << 8LL << 5LL << 1;
        QTest::newRow("unclean leader, same epoch, shorter")
            << "1@0" << 20LL << 15LL << "1@0 2@12" << 12LL << 12LL << 1;
        QTest::newRow("leader knows no epoch: UNDEFINED, truncate to HW")
            << "1@0 2@10" << 20LL << 12LL << "" << 30LL << 12LL << 1;
        QTest::newRow("leader's epochs all above ours: its start")
            << "2@0" << 40LL << 30LL << "5@100" << 150LL << 40LL << 1;
        QTest::newRow("follower without epochs: HW, no request")
            << "" << 20LL << 7LL << "1@0" << 30LL << 7LL << 0;
    }

    void resolve() {
        QFETCH(QString, follower);
        QFETCH(qint64, follower_leo);
        QFETCH(qint64, follower_hw);
        QFETCH(QString, leader);
        QFETCH(qint64, leader_leo);
        QFETCH(qint64, truncate_to);
        QFETCH(int, asks);
        const auto own = parse_cache(follower);
        const auto theirs = parse_cache(leader);
        int asked = 0;
        auto ask = [&](leader_epoch e) {
            ++asked;
            return theirs.end_offset_for(e, offset{leader_leo});
        };
        const auto at = resolve_truncation(own, offset{follower_leo}, offset{follower_hw}, ask);
        QCOMPARE(at.value(), truncate_to);
        QCOMPARE(asked, asks);
        QCOMPARE(own.entries().size(), static_cast<std::size_t>(follower.split(' ', Qt::SkipEmptyParts).size()));
    }

    // Single steps, as the follower would apply a DivergingEpoch from a Fetch response or one
    // OffsetForLeaderEpoch answer. Follower: 1@0 2@10 4@14, LEO 18, HW 8.
    void next_step_data() {
        QTest::addColumn<int>("answer_epoch");
        QTest::addColumn<qint64>("answer_offset");
        QTest::addColumn<qint64>("truncate_to");
        QTest::addColumn<bool>("complete");
        QTest::newRow("UNDEFINED: the high watermark") << -1 << -1LL << 8LL << true;
        QTest::newRow("pre-epoch leader: its offset") << -1 << 12LL << 12LL << true;
        QTest::newRow("pre-epoch leader beyond us: our LEO") << -1 << 50LL << 18LL << true;
        QTest::newRow("our latest epoch, leader ends earlier") << 4 << 16LL << 16LL << true;
        QTest::newRow("our latest epoch, leader ends later") << 4 << 30LL << 18LL << true;
        QTest::newRow("a middle epoch we share") << 2 << 12LL << 12LL << true;
        QTest::newRow("a middle epoch, ours ends first") << 2 << 20LL << 14LL << true;
        QTest::newRow("an epoch we never had: go to the end of 2, ask again") << 3 << 16LL << 14LL << false;
        QTest::newRow("an epoch below all of ours") << 0 << 5LL << 0LL << true;
    }

    void next_step() {
        QFETCH(int, answer_epoch);
        QFETCH(qint64, answer_offset);
        QFETCH(qint64, truncate_to);
        QFETCH(bool, complete);
        const auto own = parse_cache("1@0 2@10 4@14");
        const auto step = next_truncation(own, offset{18}, offset{8},
                                          epoch_end_offset{leader_epoch{answer_epoch}, offset{answer_offset}});
        QCOMPARE(step.truncate_to.value(), truncate_to);
        QCOMPARE(step.complete, complete);
    }
};

QTEST_GUILESS_MAIN(test_truncation)
#include "test_truncation.moc"
