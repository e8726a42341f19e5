#include "ClusterSession.h"

#include <exception>

#include <QMutexLocker>
#include <QThread>
#include <QTimer>

ClusterSession::ClusterSession(SnapshotProvider provider, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
{
    qRegisterMetaType<ClusterSnapshotPtr>();
}

ClusterSession::~ClusterSession()
{
    stop();
}

void ClusterSession::setRefreshInterval(int milliseconds)
{
    m_refreshIntervalMs = qMax(50, milliseconds);
}

int ClusterSession::refreshInterval() const
{
    return m_refreshIntervalMs;
}

bool ClusterSession::isRunning() const
{
    return m_thread != nullptr;
}

ClusterSnapshotPtr ClusterSession::latestSnapshot() const
{
    QMutexLocker locker(&m_latestMutex);
    return m_latest;
}

quint64 ClusterSession::latestVersion() const
{
    QMutexLocker locker(&m_latestMutex);
    return m_version;
}

void ClusterSession::start()
{
    if (m_thread)
        return;
    m_stopping = false;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("ClusterSession"));
    m_timer = new QTimer;
    m_timer->setSingleShot(true);
    m_timer->moveToThread(m_thread);
    // The timer is the context object, so poll() runs on the worker thread.
    connect(m_timer, &QTimer::timeout, m_timer, [this] { poll(); });
    connect(m_thread, &QThread::finished, m_timer, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(m_timer, [this] { poll(); }, Qt::QueuedConnection);
    emit runningChanged(true);
}

void ClusterSession::stop()
{
    if (!m_thread)
        return;
    m_stopping = true;
    QTimer *timer = m_timer;
    QMetaObject::invokeMethod(timer, [timer] { timer->stop(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();  // the timer is deleted on the thread's way out (finished -> deleteLater)
    delete m_thread;
    m_thread = nullptr;
    m_timer = nullptr;
    emit runningChanged(false);
}

void ClusterSession::refreshNow()
{
    if (!m_thread)
        return;
    QTimer *timer = m_timer;
    QMetaObject::invokeMethod(timer, [this, timer] {
        timer->stop();
        poll();
    }, Qt::QueuedConnection);
}

void ClusterSession::poll()
{
    if (m_stopping)
        return;

    QString failure;
    ClusterSnapshotPtr snapshot;
    try {
        auto result = m_provider ? m_provider() : sluice::result<sluice::client::cluster_snapshot>(
                          sluice::error{sluice::protocol::error_code::unknown_server_error, "no snapshot provider"});
        if (result.ok())
            snapshot = std::make_shared<const sluice::client::cluster_snapshot>(std::move(result).value());
        else
            failure = QString::fromStdString(result.err().message);
    } catch (const std::exception &e) {
        failure = QString::fromUtf8(e.what());
    } catch (...) {
        failure = tr("Unknown error while reading the cluster");
    }

    if (m_stopping)
        return;
    if (snapshot) {
        quint64 version = 0;
        {
            QMutexLocker locker(&m_latestMutex);
            m_latest = snapshot;
            version = ++m_version;
        }
        emit snapshotReady(snapshot, version);
    } else {
        emit errorOccurred(failure.isEmpty() ? tr("Unknown error while reading the cluster") : failure);
    }
    scheduleNext();
}

void ClusterSession::scheduleNext()
{
    if (!m_stopping && m_timer)
        m_timer->start(m_refreshIntervalMs.load());
}
