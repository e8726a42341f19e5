// ClusterWindows: the app's windows, one per cluster — the first one (the local cluster, --bootstrap or --profile)
// and one more for each connection chosen in File › Connect to Cluster…. Owns the keychain the profiles use.
#pragma once
#include <memory>

#include <QObject>

#include "AppOptions.h"
#include "ConnectionProfile.h"

class KeychainSecretStore;
class MainWindow;

class ClusterWindows : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterWindows)

public:
    explicit ClusterWindows(const AppOptions &options, QObject *parent = nullptr);
    ~ClusterWindows() override;

    // Gives window its File › Connect to Cluster… (the window stays the caller's).
    void watch(MainWindow *window);
    // Shows the saved connections over parent; a chosen one opens in a new window.
    void showConnections(MainWindow *parent);
    // Opens the saved connection `name` in a new window (after its password, if asked for). False, with *error,
    // when there is no such connection; quits the app when the user cancels and no window is open.
    bool openProfile(const QString &name, QString *error);

private:
    void open(const ConnectionProfile &profile, const sluice::client::cluster_endpoint &endpoint);

    AppOptions m_options;
    std::unique_ptr<KeychainSecretStore> m_secrets;
};
