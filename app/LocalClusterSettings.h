// LocalClusterSettings: the embedded cluster's node count, data directory and first port as the user keeps them
// between runs (QSettings), with the checks that turn bad values into messages instead of silent substitutes.
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QSettings;

struct LocalClusterSettings
{
    Q_DECLARE_TR_FUNCTIONS(LocalClusterSettings)

public:
    static constexpr int MinPort = 1024;  // below: a privileged port the app cannot bind without root

    int nodes = 3;
    QString dataDir;  // LocalCluster::defaultDataDir() unless the user chose another
    int firstPort = 9092;

    // The saved values, or the defaults for those never saved.
    static LocalClusterSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    // One message per bad value (empty when every value is usable): a node count outside 1..9, ports outside
    // MinPort..65535 for every node, a data directory that is not there and cannot be made, or is not writable.
    QStringList problems() const;

    bool operator==(const LocalClusterSettings &) const = default;
};
