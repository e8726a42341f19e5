// ClusterSession: polls one cluster on a worker thread and publishes immutable, versioned snapshots to the GUI.
#pragma once
#include <atomic>

#include <QMutex>
#include <QObject>
#include <QString>

#include "SnapshotProvider.h"

class QThread;
class QTimer;

class ClusterSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSession)

public:
    static constexpr int DefaultRefreshIntervalMs = 1000;

    // provider is called on the session's worker thread only, never concurrently with itself.
    explicit ClusterSession(SnapshotProvider provider, QObject *parent = nullptr);
    ~ClusterSession() override;

    // Gap between the end of one read and the start of the next; takes effect from the next read.
    void setRefreshInterval(int milliseconds);
    int refreshInterval() const;

    bool isRunning() const;
    // The last snapshot published (null before the first) and its version (0 before the first).
    ClusterSnapshotPtr latestSnapshot() const;
    quint64 latestVersion() const;

public slots:
    // Starts the worker thread and reads at once, then every refreshInterval().
    void start();
    // Stops polling and joins the worker thread (waits for a read in progress). No signal follows stop().
    void stop();
    // Reads as soon as the worker is free instead of waiting for the next tick.
    void refreshNow();

signals:
    // Emitted from the worker thread; receivers in the GUI thread get it queued. version grows by one per snapshot.
    void snapshotReady(ClusterSnapshotPtr snapshot, quint64 version);
    void errorOccurred(const QString &message);
    void runningChanged(bool running);

private:
    void poll();      // worker thread
    void scheduleNext(); // worker thread

    SnapshotProvider m_provider;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;  // lives in m_thread
    std::atomic<int> m_refreshIntervalMs{DefaultRefreshIntervalMs};
    std::atomic<bool> m_stopping{false};

    mutable QMutex m_latestMutex;
    ClusterSnapshotPtr m_latest;
    quint64 m_version = 0;
};
