#include "TopicConfigCatalog.h"

#include "engine/metadata/config_definition.h"

namespace {
using sluice::metadata::config_definition;
using sluice::metadata::config_scope;
using sluice::metadata::config_type;

QString fromView(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

TopicConfigCatalog::Info infoFrom(const QString &name, const config_definition *def)
{
    TopicConfigCatalog::Info info;
    info.name = name;
    if (!def)
        return info;
    info.known = true;
    info.kafkaDefault = fromView(def->default_value);
    info.documentation = fromView(def->doc);
    info.brokerSynonyms = fromView(def->synonyms).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList choices = fromView(def->allowed).split(QLatin1Char(','), Qt::SkipEmptyParts);
    switch (def->type) {
    case config_type::boolean:
        info.kind = TopicConfigCatalog::Kind::Boolean;
        info.choices = {QStringLiteral("true"), QStringLiteral("false")};
        break;
    case config_type::int16:
    case config_type::int32:
    case config_type::int64:
    case config_type::double_value:
        info.kind = TopicConfigCatalog::Kind::Number;
        break;
    case config_type::list:
        info.kind = choices.isEmpty() ? TopicConfigCatalog::Kind::Text : TopicConfigCatalog::Kind::MultiChoice;
        info.choices = choices;
        break;
    case config_type::string:
        info.kind = choices.isEmpty() ? TopicConfigCatalog::Kind::Text : TopicConfigCatalog::Kind::Choice;
        info.choices = choices;
        break;
    }
    return info;
}

// A broker synonym's value in the topic config's unit.
QString convertSynonym(const QString &synonym, const QString &value)
{
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < 0)
        return value;
    if (synonym.endsWith(QLatin1String(".hours")))
        return QString::number(number * 3600000);
    if (synonym.endsWith(QLatin1String(".minutes")))
        return QString::number(number * 60000);
    return value;
}
}  // namespace

QStringList TopicConfigCatalog::commonTopicConfigs()
{
    return {QStringLiteral("retention.ms"),        QStringLiteral("retention.bytes"),
            QStringLiteral("cleanup.policy"),      QStringLiteral("segment.bytes"),
            QStringLiteral("segment.ms"),          QStringLiteral("min.insync.replicas"),
            QStringLiteral("max.message.bytes"),   QStringLiteral("compression.type"),
            QStringLiteral("message.timestamp.type"), QStringLiteral("delete.retention.ms"),
            QStringLiteral("min.compaction.lag.ms"), QStringLiteral("unclean.leader.election.enable")};
}

QStringList TopicConfigCatalog::retentionConfigs()
{
    return {QStringLiteral("retention.ms"), QStringLiteral("retention.bytes"), QStringLiteral("cleanup.policy")};
}

TopicConfigCatalog::Info TopicConfigCatalog::topicConfig(const QString &name)
{
    return infoFrom(name, sluice::metadata::find_config(name.toStdString(), config_scope::topic));
}

TopicConfigCatalog::Info TopicConfigCatalog::brokerConfig(const QString &name)
{
    return infoFrom(name, sluice::metadata::find_config(name.toStdString(), config_scope::broker));
}

QString TopicConfigCatalog::validateTopicConfig(const QString &name, const QString &value)
{
    const config_definition *def = sluice::metadata::find_config(name.toStdString(), config_scope::topic);
    if (!def)
        return tr("Unknown topic config %1.").arg(name);
    if (value.trimmed().isEmpty())
        return tr("%1 needs a value.").arg(name);
    auto valid = sluice::metadata::validate_config_value(*def, value.toStdString());
    if (!valid)
        return QString::fromStdString(valid.err().message);
    return {};
}

QString TopicConfigCatalog::validateBrokerConfig(const QString &name, const QString &value)
{
    const config_definition *def = sluice::metadata::find_config(name.toStdString(), config_scope::broker);
    if (!def)
        return {};
    auto valid = sluice::metadata::validate_config_value(*def, value.toStdString());
    if (!valid)
        return QString::fromStdString(valid.err().message);
    return {};
}

QString TopicConfigCatalog::sourceText(ConfigSource source, const QString &synonymName)
{
    const QString suffix = synonymName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(synonymName);
    switch (source) {
    case ConfigSource::TopicOverride:
        return tr("Topic override");
    case ConfigSource::DynamicBroker:
        return tr("Broker, dynamic") + suffix;
    case ConfigSource::DynamicDefaultBroker:
        return tr("Cluster default, dynamic") + suffix;
    case ConfigSource::StaticBroker:
        return tr("Broker, server.properties") + suffix;
    case ConfigSource::Default:
        return tr("Kafka default");
    case ConfigSource::DynamicBrokerLogger:
        return tr("Broker logger");
    case ConfigSource::Unknown:
        break;
    }
    return tr("Unknown");
}

QString TopicConfigCatalog::sourceKafkaName(ConfigSource source)
{
    switch (source) {
    case ConfigSource::TopicOverride:
        return QStringLiteral("DYNAMIC_TOPIC_CONFIG");
    case ConfigSource::DynamicBroker:
        return QStringLiteral("DYNAMIC_BROKER_CONFIG");
    case ConfigSource::DynamicDefaultBroker:
        return QStringLiteral("DYNAMIC_DEFAULT_BROKER_CONFIG");
    case ConfigSource::StaticBroker:
        return QStringLiteral("STATIC_BROKER_CONFIG");
    case ConfigSource::Default:
        return QStringLiteral("DEFAULT_CONFIG");
    case ConfigSource::DynamicBrokerLogger:
        return QStringLiteral("DYNAMIC_BROKER_LOGGER_CONFIG");
    case ConfigSource::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

TopicConfigCatalog::Inherited TopicConfigCatalog::inheritedFromBroker(const QString &topicConfig,
                                                                      const ConfigDescription &brokerConfigs)
{
    const Info info = TopicConfigCatalog::topicConfig(topicConfig);
    // Kafka's precedence: the first synonym set anywhere but its default wins; else the first synonym's default.
    for (const QString &synonym : info.brokerSynonyms) {
        const ConfigEntry *entry = brokerConfigs.find(synonym);
        if (entry && !entry->isNull && entry->source != ConfigSource::Default && entry->source != ConfigSource::Unknown)
            return {convertSynonym(synonym, entry->value), entry->source, synonym};
    }
    for (const QString &synonym : info.brokerSynonyms) {
        const ConfigEntry *entry = brokerConfigs.find(synonym);
        if (entry && !entry->isNull)
            return {convertSynonym(synonym, entry->value), ConfigSource::Default, {}};
    }
    return {info.kafkaDefault, ConfigSource::Default, {}};
}
