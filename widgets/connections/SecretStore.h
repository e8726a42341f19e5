// SecretStore: where connection passwords are kept between runs — the system keychain in the app, an in-memory
// fake in tests. Never QSettings. Calls may finish later (a keychain asks a D-Bus service): each reports to its
// callback on the GUI thread.
#pragma once
#include <functional>
#include <optional>

#include <QString>

class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // Empty when secrets can be kept; otherwise why not, in words for the user ("no secret service on D-Bus").
    // May change after a failed call (the service went away).
    virtual QString unavailableReason() const = 0;
    bool isAvailable() const { return unavailableReason().isEmpty(); }

    // value: the secret, or nullopt when none is kept under key (or the store failed: error says why).
    using ReadDone = std::function<void(std::optional<QString> value, QString error)>;
    using Done = std::function<void(QString error)>;  // empty error: done
    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &secret, Done done) = 0;
    virtual void remove(const QString &key, Done done) = 0;
};
