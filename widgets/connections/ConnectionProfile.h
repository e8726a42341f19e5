// ConnectionProfile: how the user reaches one remote cluster (bootstrap servers, security protocol, TLS files,
// SASL mechanism and user), kept between runs in QSettings as a list of profiles. Secrets are not in it: the SASL
// password and the key's password live in the system keychain (SecretStore) or are asked for each time.
#pragma once
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include "engine/client/cluster_endpoint.h"

class QSettings;

// The secrets a profile needs at connect time; never saved with the profile.
struct ConnectionSecrets
{
    QString saslPassword;
    QString keyPassword;  // ssl.key.password of the client certificate's key (empty: not encrypted)
};

struct ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)

public:
    QString name;
    QString bootstrap;  // "host:port[,host:port…]"
    sluice::security::security_protocol protocol = sluice::security::security_protocol::plaintext;
    QString caFile;           // ssl.truststore.location (PEM); empty: the system's CAs
    QString certificateFile;  // ssl.keystore.location: PEM private key + certificate chain (mTLS); empty: none
    bool verifyServerHost = true;  // ssl.endpoint.identification.algorithm=https
    QString saslMechanism = QStringLiteral("PLAIN");
    QString username;

    bool usesTls() const { return sluice::security::uses_tls(protocol); }
    bool usesSasl() const { return sluice::security::uses_sasl(protocol); }

    // One message per bad field, in the form's order (empty when the profile can be used).
    QStringList problems() const;
    // The endpoint every client of this cluster is given.
    sluice::client::cluster_endpoint endpoint(const ConnectionSecrets &secrets) const;

    // The keychain keys of this profile's secrets.
    QString saslPasswordKey() const { return name + QStringLiteral("/sasl.password"); }
    QString keyPasswordKey() const { return name + QStringLiteral("/ssl.key.password"); }

    static QStringList saslMechanisms();  // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512

    // Checks one bootstrap list: empty, an entry that is not host:port, a port outside 1..65535. Empty when fine.
    static QString bootstrapProblem(const QString &bootstrap);

    bool operator==(const ConnectionProfile &) const = default;
};

// The saved profiles (QSettings array "Connections/profiles"), by name.
namespace ConnectionProfiles {
QList<ConnectionProfile> load(QSettings &settings);  // not const: reading an array moves QSettings' group
void save(QSettings &settings, const QList<ConnectionProfile> &profiles);
// The profile of that name, or nullptr.
const ConnectionProfile *find(const QList<ConnectionProfile> &profiles, const QString &name);
}  // namespace ConnectionProfiles
