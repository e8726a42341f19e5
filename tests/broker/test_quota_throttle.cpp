// Client quota throttling with a fake clock: Kafka's sampled rate (11 windows of 1 s by default) counts a
// fresh client over at least 10 s, forgets windows older than the whole span, and the throttle time is
// (rate - quota) / quota × window, capped at the span; a client that backs off for the throttle time it is
// told settles at its quota. The manager resolves the quota from the image and shares a sensor as Kafka's
// quota entities say.
#include <QtTest>

#include "engine/broker/client_quota_manager.h"
#include "engine/broker/rate_window.h"
#include "engine/metadata/client_quotas.h"

using namespace sluice;
using namespace sluice::broker;

namespace {
metadata::client_quota_record quota(std::vector<metadata::quota_entity_data> entity, std::string_view key,
                                    double value) {
    return {std::move(entity), std::string(key), value, false};
}

// A client that sends `batch` bytes whenever it is not muted, for `seconds` of fake time; returns its
// average byte rate over the second half (after it has settled).
double settled_rate(double limit, int64_t batch, int64_t seconds, int64_t& throttled) {
    rate_window w({11, 1000});
    int64_t now = 0, sent_late = 0;
    const int64_t end = seconds * 1000, half = end / 2;
    throttled = 0;
    while (now < end) {
        w.record(static_cast<double>(batch), now);
        if (now >= half) sent_late += batch;
        const int64_t t = w.throttle_ms(limit, now);
        if (t > 0) ++throttled;
        now += std::max<int64_t>(t, 5);  // a request takes 5 ms; a throttled one waits its time out
    }
    return static_cast<double>(sent_late) * 1000.0 / static_cast<double>(end - half);
}
}  // namespace

class test_quota_throttle : public QObject {
    Q_OBJECT
private slots:
    void fresh_client_is_judged_over_the_whole_window() {
        rate_window w({11, 1000});
        w.record(1000, 0);
        QCOMPARE(w.window_ms(0), int64_t{10000});  // samples - 1 whole windows at least
        QCOMPARE(w.rate(0), 100.0);
        QCOMPARE(w.throttle_ms(100, 0), int64_t{0});
        // Over a 50 B/s quota: (100 - 50) / 50 × 10 s.
        QCOMPARE(w.throttle_ms(50, 0), int64_t{10000});
        // Three seconds on, still within the minimum window; four more windows of data change nothing.
        w.record(1000, 3500);
        QCOMPARE(w.window_ms(3500), int64_t{10500});
        QCOMPARE(w.rate(3500), 2000.0 / 10.5);
    }

    void old_windows_are_forgotten() {
        rate_window w({11, 1000});
        w.record(5000, 0);
        QVERIFY(w.rate(10999) > 0);
        QCOMPARE(w.rate(11000), 0.0);  // the only sample is as old as the whole span: reset
        QCOMPARE(w.throttle_ms(1, 11000), int64_t{0});
    }

    void the_ring_reuses_its_windows() {
        rate_window w({3, 100});
        for (int64_t t = 0; t < 1000; t += 10) w.record(1, t);  // 100 B/s for a second, through many rings
        // Three windows retained (the current one partly): 21..30 events over the time they cover.
        const double r = w.rate(990);
        QVERIFY2(r > 90 && r < 110, qPrintable(QString::number(r)));
    }

    void throttle_is_capped_at_the_span() {
        rate_window w({11, 1000});
        w.record(1e9, 0);
        QCOMPARE(w.throttle_ms(1, 0), int64_t{11000});
        QCOMPARE(w.throttle_ms(0, 0), int64_t{11000});
    }

    void a_client_that_backs_off_settles_at_its_quota_data() {
        QTest::addColumn<double>("limit");
        QTest::addColumn<qint64>("batch");
        QTest::newRow("10 KB/s in 1 KB batches") << 10240.0 << qint64{1024};
        QTest::newRow("100 KB/s in 16 KB batches") << 102400.0 << qint64{16384};
        QTest::newRow("1 MB/s in 64 KB batches") << 1048576.0 << qint64{65536};
    }
    void a_client_that_backs_off_settles_at_its_quota() {
        QFETCH(double, limit);
        QFETCH(qint64, batch);
        int64_t throttled = 0;
        const double rate = settled_rate(limit, batch, 120, throttled);
        QVERIFY2(rate > limit * 0.9 && rate < limit * 1.1, qPrintable(QString::number(rate)));
        QVERIFY(throttled > 0);
        // Unthrottled it would have sent a batch every 5 ms.
        QVERIFY(rate < static_cast<double>(batch) * 200 * 0.5);
    }

    void manager_resolves_and_shares_sensors() {
        metadata::metadata_image image;
        client_quota_manager m({11, 1000});
        // No quotas at all: nothing measured.
        QCOMPARE(m.record(quota_kind::produce, image, "alice", "app", 1'000'000, 0), int64_t{0});
        // 100 B/s for each client-id by default; alice's fetches are not limited.
        image.apply(quota({{"client-id", std::nullopt}}, metadata::producer_byte_rate, 100));
        QCOMPARE(m.record(quota_kind::produce, image, "alice", "app", 1000, 0), int64_t{0});  // 100 B/s: at it
        QCOMPARE(m.record(quota_kind::produce, image, "alice", "app", 1000, 0), int64_t{10000});
        QCOMPARE(m.record(quota_kind::fetch, image, "alice", "app", 1'000'000, 0), int64_t{0});
        // A default quota is each client's own: another client-id starts fresh.
        QCOMPARE(m.record(quota_kind::produce, image, "alice", "other", 1000, 0), int64_t{0});
        // A user quota is shared by all the user's clients, and takes precedence over /clients/<default>.
        image.apply(quota({{"user", "bob"}}, metadata::producer_byte_rate, 100));
        QCOMPARE(m.record(quota_kind::produce, image, "bob", "one", 1000, 0), int64_t{0});
        QCOMPARE(m.record(quota_kind::produce, image, "bob", "two", 1000, 0), int64_t{10000});
        // Raising the quota applies at once (the resolution follows the image).
        image.apply(quota({{"user", "bob"}}, metadata::producer_byte_rate, 1000));
        QCOMPARE(m.record(quota_kind::produce, image, "bob", "two", 1, 0), int64_t{0});
    }
};

QTEST_GUILESS_MAIN(test_quota_throttle)
#include "test_quota_throttle.moc"
