// ClusterSession: polls a fake provider off the GUI thread, survives its failures, stops cleanly.
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

#include "ClusterSession.h"
#include "TopicsModel.h"
#include "snapshot_builder.h"

using sluice::client::cluster_snapshot;
using sluice::result;

class TestClusterSession : public QObject
{
    Q_OBJECT

private slots:
    void publishesVersionedSnapshotsOffTheGuiThread()
    {
        std::atomic<int> calls{0};
        std::atomic<bool> onGuiThread{false};
        QThread *gui = QThread::currentThread();
        ClusterSession session([&]() -> result<cluster_snapshot> {
            if (QThread::currentThread() == gui)
                onGuiThread = true;
            ++calls;
            return testing::snapshotOfNames({"t" + std::to_string(calls.load())});
        });
        session.setRefreshInterval(50);
        QSignalSpy ready(&session, &ClusterSession::snapshotReady);
        session.start();
        QVERIFY(session.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 3, 5000);
        session.stop();

        QVERIFY(!onGuiThread);
        for (int i = 0; i < ready.count(); ++i) {
            QCOMPARE(ready.at(i).at(1).toULongLong(), quint64(i + 1));
            QVERIFY(ready.at(i).at(0).value<ClusterSnapshotPtr>());
        }
        QCOMPARE(session.latestVersion(), quint64(ready.count()));
        QVERIFY(session.latestSnapshot());
    }

    void survivesProviderErrors()
    {
        std::atomic<int> calls{0};
        ClusterSession session([&]() -> result<cluster_snapshot> {
            switch (calls++) {
            case 0: return sluice::error{sluice::protocol::error_code::network_exception, "connection refused"};
            case 1: throw std::runtime_error("provider blew up");
            default: return testing::snapshotOfNames({"back"});
            }
        });
        session.setRefreshInterval(50);
        QSignalSpy errors(&session, &ClusterSession::errorOccurred);
        QSignalSpy ready(&session, &ClusterSession::snapshotReady);
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 5000);
        session.stop();

        QCOMPARE(errors.count(), 2);
        QCOMPARE(errors.at(0).at(0).toString(), QStringLiteral("connection refused"));
        QCOMPARE(errors.at(1).at(0).toString(), QStringLiteral("provider blew up"));
        QCOMPARE(ready.first().at(1).toULongLong(), quint64(1));  // errors do not use up versions
    }

    void stopsCleanlyAndRestarts()
    {
        std::atomic<int> calls{0};
        ClusterSession session([&]() -> result<cluster_snapshot> {
            ++calls;
            return testing::snapshotOfNames({"a"});
        });
        session.setRefreshInterval(20);
        QSignalSpy ready(&session, &ClusterSession::snapshotReady);
        QSignalSpy running(&session, &ClusterSession::runningChanged);
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 2, 5000);
        session.stop();
        QVERIFY(!session.isRunning());

        QCoreApplication::processEvents();  // deliver anything queued before stop()
        const int afterStop = ready.count();
        const int callsAfterStop = calls;
        QTest::qWait(150);
        QCOMPARE(ready.count(), afterStop);
        QCOMPARE(calls.load(), callsAfterStop);

        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > afterStop, 5000);
        session.stop();
        QCOMPARE(running.count(), 4);  // true, false, true, false
    }

    void refreshNowDoesNotWaitForTheTick()
    {
        ClusterSession session([] { return result<cluster_snapshot>(testing::snapshotOfNames({"a"})); });
        session.setRefreshInterval(60 * 60 * 1000);
        QSignalSpy ready(&session, &ClusterSession::snapshotReady);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 5000);
        session.refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 5000);
    }

    void destructionWaitsForASlowProvider()
    {
        std::atomic<bool> inProvider{false};
        auto *session = new ClusterSession([&]() -> result<cluster_snapshot> {
            inProvider = true;
            QThread::msleep(200);
            return testing::snapshotOfNames({"slow"});
        });
        session->start();
        QTRY_VERIFY_WITH_TIMEOUT(inProvider.load(), 5000);
        delete session;  // joins the worker; must neither crash nor hang
    }

    void feedsTheTopicsModel()
    {
        std::atomic<int> calls{0};
        ClusterSession session([&]() -> result<cluster_snapshot> {
            const int n = ++calls;
            return testing::snapshot({testing::topic("orders", 3, 1, n * 10)});
        });
        session.setRefreshInterval(30);
        TopicsModel model(&session);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(model.index(0, TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong() >= 90,
                                 5000);
        session.stop();
    }
};

QTEST_GUILESS_MAIN(TestClusterSession)
#include "test_cluster_session.moc"
