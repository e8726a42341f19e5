// FakeSecretStore: an in-memory SecretStore for tests — answers at once, or says it is unavailable.
#pragma once
#include <QMap>

#include "SecretStore.h"

class FakeSecretStore : public SecretStore {
public:
    QMap<QString, QString> secrets;
    QString unavailable;  // non-empty: behaves as a machine without a keychain

    QString unavailableReason() const override { return unavailable; }
    void read(const QString& key, ReadDone done) override {
        if (!unavailable.isEmpty()) return done(std::nullopt, unavailable);
        done(secrets.contains(key) ? std::optional<QString>(secrets.value(key)) : std::nullopt, QString());
    }
    void write(const QString& key, const QString& secret, Done done) override {
        if (!unavailable.isEmpty()) return done(unavailable);
        secrets.insert(key, secret);
        done(QString());
    }
    void remove(const QString& key, Done done) override {
        if (!unavailable.isEmpty()) return done(unavailable);
        secrets.remove(key);
        done(QString());
    }
};
