#include "AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<AppOptions> AppOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "Kafka desktop: an embedded local cluster and a monitor for remote clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QCoreApplication::translate("AppOptions", "Keep the local cluster's logs in <dir>."),
        QCoreApplication::translate("AppOptions", "dir"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QCoreApplication::translate("AppOptions", "Listen on <port> for the local cluster (0: any free port)."),
        QCoreApplication::translate("AppOptions", "port"));
    const QCommandLineOption nodesOption(
        QStringLiteral("nodes"),
        QCoreApplication::translate("AppOptions", "Run <n> nodes in the local cluster (1 to 9; default 3)."),
        QCoreApplication::translate("AppOptions", "n"));
    const QCommandLineOption noEmbeddedOption(
        QStringLiteral("no-embedded"), QCoreApplication::translate("AppOptions", "Do not start the local cluster."));
    const QCommandLineOption bootstrapOption(
        QStringLiteral("bootstrap"),
        QCoreApplication::translate("AppOptions", "Connect to the cluster at <host:port> (with --no-embedded)."),
        QCoreApplication::translate("AppOptions", "host:port"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QCoreApplication::translate("AppOptions",
                                    "Connect to the saved connection <name> (File › Connect to Cluster…), without the "
                                    "local cluster."),
        QCoreApplication::translate("AppOptions", "name"));
    const QCommandLineOption refreshOption(
        QStringLiteral("refresh-ms"), QCoreApplication::translate("AppOptions", "Read the cluster every <ms> milliseconds."),
        QCoreApplication::translate("AppOptions", "ms"));
    parser.addOptions({dataDirOption, portOption, nodesOption, noEmbeddedOption, bootstrapOption, profileOption, refreshOption});

    // parse(), not process(): the caller decides whether to exit, so tests can check bad command lines.
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }

    AppOptions options;
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        options.informationText = parser.helpText();
    else if (parser.isSet(QStringLiteral("version")))
        options.informationText = QCoreApplication::applicationName() + QLatin1Char(' ')
                                  + QCoreApplication::applicationVersion() + QLatin1Char('\n');
    options.embedded = !parser.isSet(noEmbeddedOption);
    options.dataDir = parser.value(dataDirOption);
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            *error = QCoreApplication::translate("AppOptions", "Invalid port: %1").arg(parser.value(portOption));
            return std::nullopt;
        }
        options.port = static_cast<quint16>(port);
    }
    if (parser.isSet(nodesOption)) {
        bool ok = false;
        const int nodes = parser.value(nodesOption).toInt(&ok);
        if (!ok || nodes < 1 || nodes > 9) {
            *error = QCoreApplication::translate("AppOptions", "Invalid number of nodes: %1 (1 to 9)")
                         .arg(parser.value(nodesOption));
            return std::nullopt;
        }
        options.nodes = nodes;
    }
    options.bootstrap = parser.value(bootstrapOption);
    if (parser.isSet(refreshOption))
        options.refreshIntervalMs = parser.value(refreshOption).toInt();
    options.profile = parser.value(profileOption);
    if (!options.profile.isEmpty()) {
        if (!options.bootstrap.isEmpty()) {
            *error = QCoreApplication::translate("AppOptions", "--profile and --bootstrap name two clusters: give one");
            return std::nullopt;
        }
        if (parser.isSet(nodesOption) || parser.isSet(portOption) || parser.isSet(dataDirOption)) {
            *error = QCoreApplication::translate("AppOptions", "--profile opens a remote cluster: no --nodes, --port or --data-dir");
            return std::nullopt;
        }
        options.embedded = false;
        return options;
    }
    if (!options.embedded && options.bootstrap.isEmpty()) {
        *error = QCoreApplication::translate("AppOptions", "--no-embedded needs --bootstrap host:port");
        return std::nullopt;
    }
    if (!options.embedded && options.nodes) {
        *error = QCoreApplication::translate("AppOptions", "--nodes needs the local cluster (not --no-embedded)");
        return std::nullopt;
    }
    if (options.embedded && !options.bootstrap.isEmpty()) {
        *error = QCoreApplication::translate("AppOptions", "--bootstrap needs --no-embedded");
        return std::nullopt;
    }
    return options;
}
