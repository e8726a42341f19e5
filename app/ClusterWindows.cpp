#include "ClusterWindows.h"

#include <QApplication>
#include <QSettings>

#include "ConnectionsDialog.h"
#include "EndpointLookup.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "Startup.h"

ClusterWindows::ClusterWindows(const AppOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_secrets(std::make_unique<KeychainSecretStore>())
{
}

ClusterWindows::~ClusterWindows() = default;

void ClusterWindows::watch(MainWindow *window)
{
    connect(window, &MainWindow::connectToClusterRequested, this, [this, window] { showConnections(window); });
}

void ClusterWindows::showConnections(MainWindow *parent)
{
    QSettings settings;
    ConnectionsDialog dialog(&settings, m_secrets.get(), parent);
    connect(&dialog, &ConnectionsDialog::connectRequested, this,
            [this, &dialog](const ConnectionProfile &profile, const sluice::client::cluster_endpoint &endpoint) {
                open(profile, endpoint);
                dialog.accept();
            });
    dialog.exec();
}

bool ClusterWindows::openProfile(const QString &name, QString *error)
{
    QSettings settings;
    const QList<ConnectionProfile> profiles = ConnectionProfiles::load(settings);
    const ConnectionProfile *profile = ConnectionProfiles::find(profiles, name);
    if (!profile) {
        *error = tr("No saved connection named \"%1\" (make one in File › Connect to Cluster…)").arg(name);
        return false;
    }
    lookUpEndpoint(*profile, m_secrets.get(), this, passwordDialogPrompt(nullptr),
                   [this, profile = *profile](std::optional<sluice::client::cluster_endpoint> endpoint) {
                       if (endpoint)
                           open(profile, *endpoint);
                       else if (QApplication::topLevelWindows().isEmpty())
                           QCoreApplication::quit();
                   });
    return true;
}

void ClusterWindows::open(const ConnectionProfile &profile, const sluice::client::cluster_endpoint &endpoint)
{
    // Qt owns the window from here: closing it deletes it, which stops its sessions.
    MainWindow *window = createClusterWindow(endpoint, profile.name, m_options).release();
    window->setAttribute(Qt::WA_DeleteOnClose);
    watch(window);
    window->show();
}
