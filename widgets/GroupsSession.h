// GroupsSession: polls one cluster's consumer groups on a worker thread, publishes versioned snapshots to the GUI,
// and runs offset-reset dry runs and commits there too, so the GUI thread never waits on the network.
#pragma once
#include <atomic>
#include <memory>
#include <vector>

#include <QMutex>
#include <QObject>
#include <QString>

#include "GroupsMetaTypes.h"

class QThread;
class QTimer;

class GroupsSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsSession)

public:
    static constexpr int DefaultRefreshIntervalMs = 2000;

    // The provider is used on the session's worker thread only, one call at a time.
    explicit GroupsSession(std::shared_ptr<GroupsProvider> provider, QObject *parent = nullptr);
    ~GroupsSession() override;

    void setRefreshInterval(int milliseconds);
    int refreshInterval() const;
    bool isRunning() const;
    GroupsSnapshotPtr latestSnapshot() const;
    quint64 latestVersion() const;

public slots:
    void start();
    // Stops polling and joins the worker (waits for a call in progress). No signal follows stop().
    void stop();
    void refreshNow();
    // Dry run off the GUI thread; answered by resetPlanned().
    void planReset(const OffsetResetRequest &request);
    // Commit off the GUI thread; answered by resetApplied(), then a refresh.
    void applyReset(const QString &groupId, const std::vector<OffsetResetChange> &plan);

signals:
    void groupsReady(GroupsSnapshotPtr snapshot, quint64 version);
    void errorOccurred(const QString &message);
    void runningChanged(bool running);
    // error is empty on success.
    void resetPlanned(const OffsetResetRequest &request, const std::vector<OffsetResetChange> &plan, const QString &error);
    void resetApplied(const QString &groupId, const QString &error);

private:
    void poll();  // worker thread
    template <class F>
    void runOnWorker(F &&f);

    std::shared_ptr<GroupsProvider> m_provider;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;  // lives in m_thread
    std::atomic<int> m_refreshIntervalMs{DefaultRefreshIntervalMs};
    std::atomic<bool> m_stopping{false};

    mutable QMutex m_latestMutex;
    GroupsSnapshotPtr m_latest;
    quint64 m_version = 0;
};
