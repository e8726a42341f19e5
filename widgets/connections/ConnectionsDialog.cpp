#include "ConnectionsDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "ConnectionDialog.h"
#include "EndpointLookup.h"
#include "SecretStore.h"

ConnectionsDialog::ConnectionsDialog(QSettings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_profiles(ConnectionProfiles::load(*settings))
    , m_list(new QListWidget(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_empty(new QLabel(tr("No saved connections yet: New… makes one (bootstrap servers, TLS, SASL) and tests it."), this))
{
    setWindowTitle(tr("Connect to Cluster"));
    auto *add = new QPushButton(tr("&New…"), this);
    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {add, m_edit, m_delete})
        buttons->addWidget(b);
    buttons->addStretch();
    m_list->setMinimumWidth(440);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    box->addButton(m_connect, QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_empty->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addLayout(row);
    layout->addWidget(box);

    m_prompt = passwordDialogPrompt(this);
    connect(add, &QPushButton::clicked, this, [this] { editProfile(nullptr); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editProfile(current()); });
    connect(m_list, &QListWidget::itemActivated, this, [this] {  // double-click or Enter
        if (const ConnectionProfile *p = current())
            connectTo(*p);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (const ConnectionProfile *p = current())
            if (QMessageBox::question(this, tr("Delete Connection"), tr("Delete the connection \"%1\"?").arg(p->name))
                == QMessageBox::Yes)
                deleteProfile(p->name);
    });
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (const ConnectionProfile *p = current())
            connectTo(*p);
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const bool any = current() != nullptr;
        for (QPushButton *b : {m_edit, m_delete, m_connect})
            b->setEnabled(any);
    });
    refreshList();
}

void ConnectionsDialog::refreshList()
{
    const QString was = current() ? current()->name : QString();
    m_list->clear();
    for (const ConnectionProfile &p : std::as_const(m_profiles))
        m_list->addItem(tr("%1 — %2 (%3)")
                            .arg(p.name, p.bootstrap, QString::fromLatin1(sluice::security::security_protocol_name(p.protocol))));
    int row = 0;
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles[i].name == was)
            row = i;
    m_list->setCurrentRow(m_profiles.isEmpty() ? -1 : row);
    m_empty->setVisible(m_profiles.isEmpty());
    for (QPushButton *b : {m_edit, m_delete, m_connect})
        b->setEnabled(!m_profiles.isEmpty());
}

const ConnectionProfile *ConnectionsDialog::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_profiles.size() ? &m_profiles[row] : nullptr;
}

void ConnectionsDialog::editProfile(const ConnectionProfile *existing)
{
    ConnectionDialog dialog(m_secrets, this);
    const QString oldName = existing ? existing->name : QString();
    QStringList taken;
    for (const ConnectionProfile &p : std::as_const(m_profiles))
        if (p.name != oldName)
            taken << p.name;
    dialog.setTakenNames(taken);
    if (existing) {
        dialog.setProfile(*existing);
        // The kept passwords fill the form when the keychain answers, so saving again keeps them.
        if (m_secrets && m_secrets->isAvailable()) {
            const QPointer<ConnectionDialog> form(&dialog);
            m_secrets->read(existing->saslPasswordKey(), [form](std::optional<QString> v, const QString &) {
                if (form && v)
                    form->passwordEdit()->setText(*v);
            });
            m_secrets->read(existing->keyPasswordKey(), [form](std::optional<QString> v, const QString &) {
                if (form && v)
                    form->keyPasswordEdit()->setText(*v);
            });
        }
    }
    if (dialog.exec() == QDialog::Accepted)
        saveProfile(oldName, dialog.profile(), dialog.secrets(), dialog.rememberSecrets());
}

void ConnectionsDialog::saveProfile(const QString &oldName, const ConnectionProfile &profile,
                                    const ConnectionSecrets &secrets, bool rememberSecrets)
{
    bool replaced = false;
    for (ConnectionProfile &p : m_profiles)
        if (!oldName.isEmpty() && p.name == oldName) {
            p = profile;
            replaced = true;
        }
    if (!replaced)
        m_profiles << profile;
    ConnectionProfiles::save(*m_settings, m_profiles);
    m_settings->sync();
    if (m_secrets && m_secrets->isAvailable()) {
        if (!oldName.isEmpty() && oldName != profile.name) {
            ConnectionProfile old = profile;
            old.name = oldName;
            m_secrets->remove(old.saslPasswordKey(), [](const QString &) {});
            m_secrets->remove(old.keyPasswordKey(), [](const QString &) {});
        }
        const auto keep = [this, rememberSecrets](const QString &key, const QString &secret) {
            if (rememberSecrets && !secret.isEmpty())
                m_secrets->write(key, secret, [](const QString &) {});
            else
                m_secrets->remove(key, [](const QString &) {});
        };
        keep(profile.saslPasswordKey(), secrets.saslPassword);
        keep(profile.keyPasswordKey(), secrets.keyPassword);
    }
    refreshList();
}

void ConnectionsDialog::deleteProfile(const QString &name)
{
    for (qsizetype i = 0; i < m_profiles.size(); ++i)
        if (m_profiles[i].name == name) {
            if (m_secrets && m_secrets->isAvailable()) {
                m_secrets->remove(m_profiles[i].saslPasswordKey(), [](const QString &) {});
                m_secrets->remove(m_profiles[i].keyPasswordKey(), [](const QString &) {});
            }
            m_profiles.removeAt(i);
            break;
        }
    ConnectionProfiles::save(*m_settings, m_profiles);
    m_settings->sync();
    refreshList();
}

void ConnectionsDialog::connectTo(const ConnectionProfile &profile)
{
    lookUpEndpoint(profile, m_secrets, this, m_prompt, [this, profile](std::optional<sluice::client::cluster_endpoint> endpoint) {
        if (endpoint)
            emit connectRequested(profile, *endpoint);
    });
}
