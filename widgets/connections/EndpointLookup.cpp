#include "EndpointLookup.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QPointer>

#include "SecretStore.h"

PasswordPrompt passwordDialogPrompt(QWidget *parent)
{
    return [parent = QPointer<QWidget>(parent)](const ConnectionProfile &p) -> std::optional<QString> {
        bool ok = false;
        const QString password = QInputDialog::getText(
            parent, QCoreApplication::translate("EndpointLookup", "Password for %1").arg(p.name),
            QCoreApplication::translate("EndpointLookup", "SASL password of %1 on %2:").arg(p.username, p.bootstrap),
            QLineEdit::Password, QString(), &ok);
        return ok ? std::optional<QString>(password) : std::nullopt;
    };
}

void lookUpEndpoint(const ConnectionProfile &profile, SecretStore *secrets, QObject *context, PasswordPrompt prompt,
                    std::function<void(std::optional<sluice::client::cluster_endpoint>)> done)
{
    // The keychain answers later: the caller may be gone by then.
    auto finish = [guard = QPointer<QObject>(context), profile, prompt = std::move(prompt),
                   done = std::move(done)](ConnectionSecrets found) {
        if (!guard)
            return;
        if (profile.usesSasl() && found.saslPassword.isEmpty()) {
            const std::optional<QString> asked = prompt(profile);
            if (!asked) {
                done(std::nullopt);
                return;
            }
            found.saslPassword = *asked;
        }
        done(profile.endpoint(found));
    };
    if (!secrets || !secrets->isAvailable() || !(profile.usesSasl() || profile.usesTls())) {
        finish({});
        return;
    }
    secrets->read(profile.keyPasswordKey(), [secrets, profile, finish](std::optional<QString> keyPassword, const QString &) {
        secrets->read(profile.saslPasswordKey(), [finish, keyPassword](std::optional<QString> password, const QString &) {
            finish({password.value_or(QString()), keyPassword.value_or(QString())});
        });
    });
}
