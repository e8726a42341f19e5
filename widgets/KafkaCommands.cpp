#include "KafkaCommands.h"

#include <QRegularExpression>
#include <QStringList>

namespace KafkaCommands {
namespace {

QString entityType(ConfigResourceType type)
{
    return type == ConfigResourceType::Broker ? QStringLiteral("brokers") : QStringLiteral("topics");
}

// kafka-configs.sh splits --add-config at commas; a value holding commas goes in square brackets.
QString configAssignment(const QString &name, const QString &value)
{
    const QString shown = value.contains(QLatin1Char(',')) ? QLatin1Char('[') + value + QLatin1Char(']') : value;
    return name + QLatin1Char('=') + shown;
}

QString base(const QString &tool, const QString &bootstrap)
{
    return tool + QLatin1String(" --bootstrap-server ") + shellQuote(bootstrap);
}

}  // namespace

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._,:=/@%+\\-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString createTopic(const QString &bootstrap, const NewTopicRequest &request)
{
    QStringList parts{base(QStringLiteral("kafka-topics.sh"), bootstrap), QStringLiteral("--create"),
                      QStringLiteral("--topic"), shellQuote(request.name),
                      QStringLiteral("--partitions"), QString::number(request.partitions),
                      QStringLiteral("--replication-factor"), QString::number(request.replicationFactor)};
    for (auto it = request.configs.cbegin(); it != request.configs.cend(); ++it)
        parts << QStringLiteral("--config") << shellQuote(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(' '));
}

QString deleteTopic(const QString &bootstrap, const QString &topic)
{
    return base(QStringLiteral("kafka-topics.sh"), bootstrap) + QLatin1String(" --delete --topic ") + shellQuote(topic);
}

QString createPartitions(const QString &bootstrap, const CreatePartitionsRequest &request)
{
    return base(QStringLiteral("kafka-topics.sh"), bootstrap) + QLatin1String(" --alter --topic ") +
           shellQuote(request.topic) + QLatin1String(" --partitions ") + QString::number(request.totalCount);
}

QString alterConfigs(const QString &bootstrap, const AlterConfigsRequest &request)
{
    QStringList added, deleted;
    for (const ConfigAlteration &alteration : request.alterations) {
        if (alteration.operation == ConfigAlteration::Operation::Set)
            added << configAssignment(alteration.name, alteration.value);
        else
            deleted << alteration.name;
    }
    QStringList parts{base(QStringLiteral("kafka-configs.sh"), bootstrap), QStringLiteral("--alter"),
                      QStringLiteral("--entity-type"), entityType(request.type),
                      QStringLiteral("--entity-name"), shellQuote(request.resourceName)};
    if (!added.isEmpty())
        parts << QStringLiteral("--add-config") << shellQuote(added.join(QLatin1Char(',')));
    if (!deleted.isEmpty())
        parts << QStringLiteral("--delete-config") << shellQuote(deleted.join(QLatin1Char(',')));
    return parts.join(QLatin1Char(' '));
}

QString deleteRecords(const QString &bootstrap, const DeleteRecordsRequest &request)
{
    QStringList partitions;
    for (auto it = request.offsets.cbegin(); it != request.offsets.cend(); ++it) {
        // Topic names are [a-zA-Z0-9._-], nothing to escape in JSON.
        partitions << QStringLiteral("{\"topic\":\"%1\",\"partition\":%2,\"offset\":%3}")
                          .arg(request.topic)
                          .arg(it.key())
                          .arg(it.value());
    }
    const QString json = QStringLiteral("{\"partitions\":[%1],\"version\":1}").arg(partitions.join(QLatin1Char(',')));
    return QLatin1String("echo ") + shellQuote(json) + QLatin1String(" > delete-records.json && ") +
           base(QStringLiteral("kafka-delete-records.sh"), bootstrap) +
           QLatin1String(" --offset-json-file delete-records.json");
}

QString describeConfigs(const QString &bootstrap, ConfigResourceType type, const QString &name)
{
    return base(QStringLiteral("kafka-configs.sh"), bootstrap) + QLatin1String(" --describe --entity-type ") +
           entityType(type) + QLatin1String(" --entity-name ") + shellQuote(name) + QLatin1String(" --all");
}

QString reassignPartitions(const QString &bootstrap, const QString &jsonFile, ReassignAction action)
{
    const char *flag = action == ReassignAction::Execute ? " --execute"
                       : action == ReassignAction::Verify ? " --verify"
                                                          : " --cancel";
    return base(QStringLiteral("kafka-reassign-partitions.sh"), bootstrap) + QLatin1String(" --reassignment-json-file ") +
           shellQuote(jsonFile) + QLatin1String(flag);
}

QString electLeaders(const QString &bootstrap, ElectionType type, const QString &jsonFile)
{
    return base(QStringLiteral("kafka-leader-election.sh"), bootstrap) + QLatin1String(" --election-type ") +
           QLatin1String(type == ElectionType::Unclean ? "UNCLEAN" : "PREFERRED") +
           QLatin1String(" --path-to-json-file ") + shellQuote(jsonFile);
}

}  // namespace KafkaCommands
