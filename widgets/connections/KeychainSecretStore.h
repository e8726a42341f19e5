// KeychainSecretStore: the SecretStore of the desktop — qtkeychain (Secret Service / KWallet on Linux, the macOS
// Keychain, Windows Credential Manager). Never falls back to plain-text files: without a keychain service it says
// it is unavailable and the app asks for passwords each time.
#pragma once
#include <QObject>

#include "SecretStore.h"

class KeychainSecretStore : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    QString unavailableReason() const override { return m_unavailable; }
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &secret, Done done) override;
    void remove(const QString &key, Done done) override;

private:
    QString m_unavailable;
};
