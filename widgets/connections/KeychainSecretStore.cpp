#include "KeychainSecretStore.h"

#include <QCoreApplication>

#include <qt6keychain/keychain.h>

namespace {

const char Service[] = "Sluice Kafka connections";

// An error that means there is no keychain to use (rather than a missing entry or a refusal).
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented || error == QKeychain::OtherError;
}

template <class Job>
Job *makeJob(QObject *parent, const QString &key)
{
    auto *job = new Job(QLatin1String(Service), parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);  // never a plain-text file instead of the keychain
    job->setKey(key);
    return job;
}

}  // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : QObject(parent)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a session bus there is no Secret Service or KWallet to ask (headless machines, CI); asking would
    // only wait for D-Bus to time out.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        m_unavailable = QCoreApplication::translate("KeychainSecretStore",
                                                    "No keychain: there is no D-Bus session, so no Secret Service or KWallet.");
#endif
}

void KeychainSecretStore::read(const QString &key, ReadDone done)
{
    if (!isAvailable()) {
        done(std::nullopt, m_unavailable);
        return;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(this, key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError)
            done(job->textData(), QString());
        else if (job->error() == QKeychain::EntryNotFound)
            done(std::nullopt, QString());
        else {
            if (meansNoKeychain(job->error()))
                m_unavailable = QCoreApplication::translate("KeychainSecretStore", "No keychain: %1").arg(job->errorString());
            done(std::nullopt, job->errorString());
        }
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, Done done)
{
    if (!isAvailable()) {
        done(m_unavailable);
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(this, key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && meansNoKeychain(job->error()))
            m_unavailable = QCoreApplication::translate("KeychainSecretStore", "No keychain: %1").arg(job->errorString());
        done(job->error() == QKeychain::NoError ? QString() : job->errorString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, Done done)
{
    if (!isAvailable()) {
        done(m_unavailable);
        return;
    }
    auto *job = makeJob<QKeychain::DeletePasswordJob>(this, key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        const bool gone = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(gone ? QString() : job->errorString());
    });
    job->start();
}
