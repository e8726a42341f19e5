#include "ConnectionProfile.h"

#include <QFileInfo>
#include <QSettings>

using sluice::security::security_protocol;

namespace {

const char ProfilesArray[] = "Connections/profiles";

// A file the TLS settings name: there, a file, and readable by this user.
QString fileProblem(const QString &what, const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ConnectionProfile::tr("%1 %2 does not exist.").arg(what, path);
    if (!info.isFile())
        return ConnectionProfile::tr("%1 %2 is not a file.").arg(what, path);
    if (!info.isReadable())
        return ConnectionProfile::tr("%1 %2 cannot be read (check its permissions).").arg(what, path);
    return {};
}

}  // namespace

QStringList ConnectionProfile::saslMechanisms()
{
    return {QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")};
}

QString ConnectionProfile::bootstrapProblem(const QString &bootstrap)
{
    const QString text = bootstrap.trimmed();
    if (text.isEmpty())
        return tr("Bootstrap servers are empty: give host:port, or several separated by commas.");
    for (const QString &raw : text.split(QLatin1Char(','))) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            return tr("Bootstrap servers \"%1\" have an empty entry between commas.").arg(text);
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        QString host = colon > 0 ? entry.left(colon) : QString();
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);  // [IPv6]:port
        if (colon <= 0 || host.isEmpty() || host.contains(QLatin1Char(' ')))
            return tr("\"%1\" is not host:port (for example kafka.example.com:9092).").arg(entry);
        bool ok = false;
        const int port = entry.mid(colon + 1).toInt(&ok);
        if (!ok)
            return tr("\"%1\" has no port number after the colon.").arg(entry);
        if (port < 1 || port > 65535)
            return tr("\"%1\": port %2 is outside 1 to 65535.").arg(entry).arg(port);
    }
    return {};
}

QStringList ConnectionProfile::problems() const
{
    QStringList out;
    if (name.trimmed().isEmpty())
        out << tr("Give the connection a name.");
    else if (name.contains(QLatin1Char('/')))
        out << tr("The name cannot contain \"/\".");
    if (const QString bad = bootstrapProblem(bootstrap); !bad.isEmpty())
        out << bad;
    if (usesTls()) {
        if (!caFile.isEmpty())
            if (const QString bad = fileProblem(tr("CA file"), caFile); !bad.isEmpty())
                out << bad;
        if (!certificateFile.isEmpty())
            if (const QString bad = fileProblem(tr("Client certificate file"), certificateFile); !bad.isEmpty())
                out << bad;
    }
    if (usesSasl()) {
        if (!saslMechanisms().contains(saslMechanism))
            out << tr("SASL mechanism %1 is not one of %2.").arg(saslMechanism, saslMechanisms().join(QStringLiteral(", ")));
        if (username.trimmed().isEmpty())
            out << tr("%1 logs in with SASL: give the user name.")
                       .arg(QString::fromLatin1(sluice::security::security_protocol_name(protocol)));
    }
    return out;
}

sluice::client::cluster_endpoint ConnectionProfile::endpoint(const ConnectionSecrets &secrets) const
{
    sluice::client::cluster_endpoint out;
    QStringList servers;
    for (const QString &entry : bootstrap.split(QLatin1Char(','), Qt::SkipEmptyParts))
        servers << entry.trimmed();
    out.bootstrap = servers.join(QLatin1Char(',')).toStdString();
    out.security.protocol = protocol;
    if (usesTls()) {
        out.security.tls.truststore_location = caFile.toStdString();
        out.security.tls.keystore_location = certificateFile.toStdString();
        out.security.tls.key_password = secrets.keyPassword.toStdString();
        out.security.tls.verify_server_host = verifyServerHost;
    }
    if (usesSasl())
        out.security.sasl = {saslMechanism.toStdString(), username.trimmed().toStdString(), secrets.saslPassword.toStdString()};
    return out;
}

namespace ConnectionProfiles {

QList<ConnectionProfile> load(QSettings &store)
{
    QList<ConnectionProfile> out;
    const int count = store.beginReadArray(QLatin1String(ProfilesArray));
    for (int i = 0; i < count; ++i) {
        store.setArrayIndex(i);
        ConnectionProfile p;
        p.name = store.value(QStringLiteral("name")).toString();
        p.bootstrap = store.value(QStringLiteral("bootstrap")).toString();
        p.protocol = sluice::security::parse_security_protocol(
                         store.value(QStringLiteral("securityProtocol")).toString().toStdString())
                         .value_or(security_protocol::plaintext);
        p.caFile = store.value(QStringLiteral("caFile")).toString();
        p.certificateFile = store.value(QStringLiteral("certificateFile")).toString();
        p.verifyServerHost = store.value(QStringLiteral("verifyServerHost"), true).toBool();
        p.saslMechanism = store.value(QStringLiteral("saslMechanism"), QStringLiteral("PLAIN")).toString();
        p.username = store.value(QStringLiteral("username")).toString();
        if (!p.name.isEmpty())
            out << p;
    }
    store.endArray();
    return out;
}

void save(QSettings &settings, const QList<ConnectionProfile> &profiles)
{
    settings.remove(QLatin1String(ProfilesArray));  // no stale entries past the new end
    settings.beginWriteArray(QLatin1String(ProfilesArray), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &p = profiles[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("bootstrap"), p.bootstrap);
        settings.setValue(QStringLiteral("securityProtocol"),
                          QString::fromLatin1(sluice::security::security_protocol_name(p.protocol)));
        settings.setValue(QStringLiteral("caFile"), p.caFile);
        settings.setValue(QStringLiteral("certificateFile"), p.certificateFile);
        settings.setValue(QStringLiteral("verifyServerHost"), p.verifyServerHost);
        settings.setValue(QStringLiteral("saslMechanism"), p.saslMechanism);
        settings.setValue(QStringLiteral("username"), p.username);
    }
    settings.endArray();
}

const ConnectionProfile *find(const QList<ConnectionProfile> &profiles, const QString &name)
{
    for (const ConnectionProfile &p : profiles)
        if (p.name == name)
            return &p;
    return nullptr;
}

}  // namespace ConnectionProfiles
