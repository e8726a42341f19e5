#include "GroupsSession.h"

#include <exception>

#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include "Guarded.h"

namespace {

QString messageOf(const sluice::error &error)
{
    return error.message.empty() ? QObject::tr("Kafka error code %1").arg(static_cast<int>(error.code))
                                 : QString::fromStdString(error.message);
}

}  // namespace

GroupsSession::GroupsSession(std::shared_ptr<GroupsProvider> provider, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
{
    qRegisterMetaType<GroupsSnapshotPtr>();
    qRegisterMetaType<OffsetResetRequest>();
    qRegisterMetaType<std::vector<OffsetResetChange>>();
}

GroupsSession::~GroupsSession()
{
    stop();
}

void GroupsSession::setRefreshInterval(int milliseconds)
{
    m_refreshIntervalMs = qMax(50, milliseconds);
}

int GroupsSession::refreshInterval() const
{
    return m_refreshIntervalMs;
}

bool GroupsSession::isRunning() const
{
    return m_thread != nullptr;
}

GroupsSnapshotPtr GroupsSession::latestSnapshot() const
{
    QMutexLocker locker(&m_latestMutex);
    return m_latest;
}

quint64 GroupsSession::latestVersion() const
{
    QMutexLocker locker(&m_latestMutex);
    return m_version;
}

void GroupsSession::start()
{
    if (m_thread)
        return;
    m_stopping = false;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("GroupsSession"));
    m_timer = new QTimer;
    m_timer->setSingleShot(true);
    m_timer->moveToThread(m_thread);
    connect(m_timer, &QTimer::timeout, m_timer, [this] { poll(); });
    connect(m_thread, &QThread::finished, m_timer, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(m_timer, [this] { poll(); }, Qt::QueuedConnection);
    emit runningChanged(true);
}

void GroupsSession::stop()
{
    if (!m_thread)
        return;
    m_stopping = true;
    QTimer *timer = m_timer;
    QMetaObject::invokeMethod(timer, [timer] { timer->stop(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_timer = nullptr;
    emit runningChanged(false);
}

void GroupsSession::refreshNow()
{
    runOnWorker([this] {
        m_timer->stop();
        poll();
    });
}

template <class F>
void GroupsSession::runOnWorker(F &&f)
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_timer, std::forward<F>(f), Qt::QueuedConnection);
}

void GroupsSession::planReset(const OffsetResetRequest &request)
{
    if (!m_thread) {
        emit resetPlanned(request, {}, tr("Not connected to the cluster"));
        return;
    }
    runOnWorker([this, request] {
        auto plan = guarded<std::vector<OffsetResetChange>>([&] { return m_provider->planReset(request); });
        if (m_stopping)
            return;
        if (plan.ok())
            emit resetPlanned(request, plan.value(), QString());
        else
            emit resetPlanned(request, {}, messageOf(plan.err()));
    });
}

void GroupsSession::applyReset(const QString &groupId, const std::vector<OffsetResetChange> &plan)
{
    if (!m_thread) {
        emit resetApplied(groupId, tr("Not connected to the cluster"));
        return;
    }
    runOnWorker([this, groupId, plan] {
        auto applied = guarded<bool>([&]() -> sluice::result<bool> {
            auto done = m_provider->applyReset(groupId.toStdString(), plan);
            if (!done.ok())
                return done.err();
            return true;
        });
        if (m_stopping)
            return;
        emit resetApplied(groupId, applied.ok() ? QString() : messageOf(applied.err()));
        m_timer->stop();
        poll();  // show the new committed offsets at once
    });
}

void GroupsSession::poll()
{
    if (m_stopping)
        return;
    auto result = guarded<GroupsSnapshot>([this]() -> sluice::result<GroupsSnapshot> {
        if (!m_provider)
            return sluice::make_error(sluice::protocol::error_code::unknown_server_error, "no groups provider");
        return m_provider->readGroups();
    });
    if (m_stopping)
        return;
    if (result.ok()) {
        auto snapshot = std::make_shared<const GroupsSnapshot>(std::move(result).value());
        quint64 version = 0;
        {
            QMutexLocker locker(&m_latestMutex);
            m_latest = snapshot;
            version = ++m_version;
        }
        emit groupsReady(snapshot, version);
    } else {
        emit errorOccurred(messageOf(result.err()));
    }
    if (!m_stopping && m_timer)
        m_timer->start(m_refreshIntervalMs.load());
}
