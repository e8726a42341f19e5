// ConnectionsDialog: File › Connect to Cluster… — the saved connection profiles with New, Edit, Delete and
// Connect. Connect gathers the profile's passwords (from the SecretStore, or asked for when it has none or there
// is no keychain) and emits connectRequested with the endpoint; the app opens a window for it.
#pragma once
#include <QDialog>

#include "ConnectionProfile.h"
#include "EndpointLookup.h"

class QLabel;
class QListWidget;
class QPushButton;
class QSettings;
class SecretStore;

class ConnectionsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsDialog)

public:
    // Profiles are read from and saved to settings; secrets may be null (no keychain). Takes neither.
    ConnectionsDialog(QSettings *settings, SecretStore *secrets, QWidget *parent = nullptr);

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    QListWidget *list() const { return m_list; }
    QPushButton *editButton() const { return m_edit; }

    // Asks for the SASL password of a profile that has none kept. Tests replace it.
    void setPasswordPrompt(PasswordPrompt prompt) { m_prompt = std::move(prompt); }

    // Adds or replaces (by oldName) a profile, saves the list, and keeps its secrets when asked to.
    void saveProfile(const QString &oldName, const ConnectionProfile &profile, const ConnectionSecrets &secrets,
                     bool rememberSecrets);
    void deleteProfile(const QString &name);
    // Gathers the profile's secrets, then emits connectRequested (or nothing when the user cancels the prompt).
    void connectTo(const ConnectionProfile &profile);

signals:
    void connectRequested(const ConnectionProfile &profile, const sluice::client::cluster_endpoint &endpoint);

private:
    void refreshList();
    void editProfile(const ConnectionProfile *existing);
    const ConnectionProfile *current() const;

    QSettings *m_settings;
    SecretStore *m_secrets;
    QList<ConnectionProfile> m_profiles;
    QListWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_connect;
    QLabel *m_empty;
    PasswordPrompt m_prompt;
};
