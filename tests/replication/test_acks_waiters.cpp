// acks_waiters: completion order, timeouts, leadership loss, min.insync.replicas before and after append.
#include <QTest>

#include <vector>

#include "engine/replication/acks_waiters.h"

using namespace sluice;
using namespace sluice::replication;
using protocol::error_code;

namespace {

// Records which waiter completed with what, in order.
struct log_of_completions {
    std::vector<std::pair<int, error_code>> seen;
    acks_waiters::completion make(int tag) {
        return [this, tag](error_code code) { seen.emplace_back(tag, code); };
    }
    QString tags() const {
        QStringList parts;
        for (auto& [tag, code] : seen) parts << QString::number(tag);
        return parts.join(',');
    }
};

}  // namespace

Q_DECLARE_METATYPE(sluice::protocol::error_code)

class test_acks_waiters : public QObject {
    Q_OBJECT

private slots:
    // Waiters need 10, 20, 20, 30 (tags 1..4, added 3,1,4,2 so arrival order differs from offset order).
    void completes_in_offset_order_data() {
        QTest::addColumn<qint64>("hw");
        QTest::addColumn<QString>("completed");
        QTest::newRow("below all") << 9LL << "";
        QTest::newRow("exactly the first") << 10LL << "1";
        QTest::newRow("between") << 19LL << "1";
        QTest::newRow("ties in arrival order") << 20LL << "1,2,3";
        QTest::newRow("all") << 1000LL << "1,2,3,4";
    }

    void completes_in_offset_order() {
        QFETCH(qint64, hw);
        QFETCH(QString, completed);
        log_of_completions log;
        acks_waiters w;
        w.add(offset{20}, 5000, log.make(2));
        w.add(offset{10}, 5000, log.make(1));
        w.add(offset{30}, 5000, log.make(4));
        w.add(offset{20}, 5000, log.make(3));
        const auto n = w.on_high_watermark(offset{hw});
        QCOMPARE(log.tags(), completed);
        QCOMPARE(n, static_cast<std::size_t>(log.seen.size()));
        QCOMPARE(w.size(), 4 - n);
        for (auto& [tag, code] : log.seen) QCOMPARE(code, error_code::none);
        // What completed is gone: a second call completes nothing new.
        QCOMPARE(w.on_high_watermark(offset{hw}), std::size_t{0});
    }

    void timeouts() {
        log_of_completions log;
        acks_waiters w;
        QVERIFY(!w.next_deadline());
        w.add(offset{10}, 3000, log.make(1));
        w.add(offset{5}, 2000, log.make(2));
        w.add(offset{7}, 4000, log.make(3));
        QCOMPARE(*w.next_deadline(), 2000);
        QCOMPARE(w.on_deadline(1999), std::size_t{0});
        QCOMPARE(w.on_deadline(3000), std::size_t{2});  // a deadline equal to now has expired
        QCOMPARE(log.tags(), QStringLiteral("2,1"));    // earliest deadline first
        QCOMPARE(log.seen[0].second, error_code::request_timed_out);
        QCOMPARE(log.seen[1].second, error_code::request_timed_out);
        QCOMPARE(*w.next_deadline(), 4000);
        // A timed-out waiter does not complete again when the HW passes it.
        QCOMPARE(w.on_high_watermark(offset{10}), std::size_t{1});
        QCOMPARE(log.tags(), QStringLiteral("2,1,3"));
        QCOMPARE(log.seen[2].second, error_code::none);
        QVERIFY(w.empty());
        QVERIFY(!w.next_deadline());
    }

    void fail_all_on_leadership_loss() {
        log_of_completions log;
        acks_waiters w;
        w.add(offset{30}, 9000, log.make(3));
        w.add(offset{10}, 9000, log.make(1));
        QCOMPARE(w.fail_all(error_code::not_leader_or_follower), std::size_t{2});
        QCOMPARE(log.tags(), QStringLiteral("1,3"));
        for (auto& [tag, code] : log.seen) QCOMPARE(code, error_code::not_leader_or_follower);
        QVERIFY(w.empty());
        QCOMPARE(w.on_deadline(100'000), std::size_t{0});
    }

    void cancel_forgets_without_calling() {
        log_of_completions log;
        acks_waiters w;
        auto a = w.add(offset{10}, 9000, log.make(1));
        w.add(offset{10}, 8000, log.make(2));
        QVERIFY(w.cancel(a));
        QVERIFY(!w.cancel(a));
        QCOMPARE(w.on_high_watermark(offset{10}), std::size_t{1});
        QCOMPARE(log.tags(), QStringLiteral("2"));
        QVERIFY(!w.next_deadline());
    }

    void completion_may_reenter() {
        acks_waiters w;
        std::vector<int> order;
        w.add(offset{10}, 9000, [&](error_code) {
            order.push_back(1);
            // A pipelined produce on the same connection adds its own waiter from inside a completion.
            w.add(offset{15}, 9000, [&](error_code) { order.push_back(3); });
        });
        w.add(offset{12}, 9000, [&](error_code) { order.push_back(2); });
        QCOMPARE(w.on_high_watermark(offset{20}), std::size_t{2});
        QCOMPARE(order, (std::vector<int>{1, 2}));  // the new one was not satisfied by this call...
        QCOMPARE(w.size(), std::size_t{1});
        QCOMPARE(w.on_high_watermark(offset{20}), std::size_t{1});  // ...but by the next
        QCOMPARE(order, (std::vector<int>{1, 2, 3}));
    }

    void not_enough_replicas_after_append() {
        // min.insync.replicas=2 and the ISR shrank to the leader while waiting: the HW passes (only the leader
        // holds it back now) but the produce is answered NOT_ENOUGH_REPLICAS_AFTER_APPEND.
        log_of_completions log;
        acks_waiters w;
        w.add(offset{10}, 9000, log.make(1));
        w.on_high_watermark(offset{10}, check_min_isr_after_append(1, 2));
        QCOMPARE(log.seen.size(), std::size_t{1});
        QCOMPARE(log.seen[0].second, error_code::not_enough_replicas_after_append);
    }

    void min_isr_checks_data() {
        QTest::addColumn<int>("isr");
        QTest::addColumn<int>("min_insync");
        QTest::addColumn<sluice::protocol::error_code>("before");
        QTest::addColumn<sluice::protocol::error_code>("after");
        QTest::newRow("enough") << 3 << 2 << error_code::none << error_code::none;
        QTest::newRow("exactly enough") << 2 << 2 << error_code::none << error_code::none;
        QTest::newRow("one short") << 1 << 2 << error_code::not_enough_replicas
                                   << error_code::not_enough_replicas_after_append;
        QTest::newRow("default min 1, leader alone") << 1 << 1 << error_code::none << error_code::none;
        QTest::newRow("empty ISR") << 0 << 1 << error_code::not_enough_replicas
                                   << error_code::not_enough_replicas_after_append;
    }

    void min_isr_checks() {
        QFETCH(int, isr);
        QFETCH(int, min_insync);
        QFETCH(sluice::protocol::error_code, before);
        QFETCH(sluice::protocol::error_code, after);
        QCOMPARE(check_min_isr_before_append(static_cast<std::size_t>(isr), min_insync), before);
        QCOMPARE(check_min_isr_after_append(static_cast<std::size_t>(isr), min_insync), after);
    }
};

QTEST_GUILESS_MAIN(test_acks_waiters)
#include "test_acks_waiters.moc"
