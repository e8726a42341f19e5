// lookUpEndpoint: turns a saved ConnectionProfile into the endpoint a window connects with — its passwords from
// the SecretStore, or asked for when none is kept or there is no keychain. Shared by the profile list and
// `sluice --profile NAME`.
#pragma once
#include <functional>
#include <optional>

#include <QString>

#include "ConnectionProfile.h"

class QObject;
class QWidget;
class SecretStore;

// Asks for the SASL password of a profile that has none kept; nullopt: the user cancelled.
using PasswordPrompt = std::function<std::optional<QString>(const ConnectionProfile &)>;
// The prompt of the desktop: a password field in a small dialog over parent.
PasswordPrompt passwordDialogPrompt(QWidget *parent);

// Calls done (perhaps later, after the keychain answers; never once context is gone) with the endpoint, or with
// nullopt when the user cancelled the prompt. secrets may be null.
void lookUpEndpoint(const ConnectionProfile &profile, SecretStore *secrets, QObject *context, PasswordPrompt prompt,
                    std::function<void(std::optional<sluice::client::cluster_endpoint>)> done);
