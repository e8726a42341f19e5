#include "LocalClusterSettings.h"

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include "LocalCluster.h"

namespace {
const char SettingsDataDir[] = "LocalCluster/dataDir";
const char SettingsPort[] = "LocalCluster/port";
const char SettingsNodes[] = "LocalCluster/nodes";

// The directory itself if it exists, else its nearest existing parent: where a mkpath would start writing.
QFileInfo nearestExisting(const QString &path)
{
    QFileInfo info(QDir::cleanPath(QDir(path).absolutePath()));
    while (!info.exists() && !info.isRoot() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    return info;
}
}  // namespace

LocalClusterSettings LocalClusterSettings::load(const QSettings &settings)
{
    LocalClusterSettings loaded;
    loaded.nodes = settings.value(QLatin1String(SettingsNodes), LocalCluster::DefaultNodeCount).toInt();
    loaded.dataDir = settings.value(QLatin1String(SettingsDataDir), LocalCluster::defaultDataDir()).toString();
    loaded.firstPort = settings.value(QLatin1String(SettingsPort), LocalCluster::DefaultPort).toInt();
    return loaded;
}

void LocalClusterSettings::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(SettingsNodes), nodes);
    settings.setValue(QLatin1String(SettingsDataDir), dataDir);
    settings.setValue(QLatin1String(SettingsPort), firstPort);
}

QStringList LocalClusterSettings::problems() const
{
    QStringList out;
    if (nodes < 1 || nodes > LocalCluster::MaxNodeCount)
        out << tr("The local cluster has 1 to %1 nodes, not %2.").arg(LocalCluster::MaxNodeCount).arg(nodes);
    const int lastPort = firstPort + std::max(nodes, 1) - 1;
    if (firstPort < MinPort || lastPort > 65535)
        out << tr("The first port must be between %1 and %2 so that every node has a port (node N listens on the "
                  "first port + N - 1), not %3.")
                   .arg(MinPort)
                   .arg(65535 - std::max(nodes, 1) + 1)
                   .arg(firstPort);
    if (dataDir.trimmed().isEmpty()) {
        out << tr("Choose a data directory for the local cluster.");
    } else {
        const QFileInfo existing = nearestExisting(dataDir);
        const QString shown = QDir::toNativeSeparators(dataDir);
        if (!existing.exists() || !existing.isDir())
            out << tr("The data directory %1 cannot be created: %2 is not a directory.")
                       .arg(shown, QDir::toNativeSeparators(existing.absoluteFilePath()));
        else if (!existing.isWritable())
            out << (existing.absoluteFilePath() == QFileInfo(dataDir).absoluteFilePath()
                        ? tr("The data directory %1 is not writable.").arg(shown)
                        : tr("The data directory %1 cannot be created: %2 is not writable.")
                              .arg(shown, QDir::toNativeSeparators(existing.absoluteFilePath())));
    }
    return out;
}
