// TopicConfigCatalog: what the forms know about Kafka configs — which topic configs they offer, their types, choices,
// defaults and validation (all read from the engine's one config registry), and how sources read for people.
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "AdminTypes.h"

class TopicConfigCatalog
{
    Q_DECLARE_TR_FUNCTIONS(TopicConfigCatalog)

public:
    enum class Kind
    {
        Number,
        Choice,    // one of choices
        MultiChoice,  // a list of choices, e.g. cleanup.policy "compact,delete"
        Boolean,
        Text
    };

    struct Info
    {
        QString name;
        Kind kind = Kind::Text;
        QStringList choices;      // Choice/MultiChoice/Boolean: the values offered
        QString kafkaDefault;     // Kafka's default for the config
        QString documentation;
        QStringList brokerSynonyms;  // broker configs that supply the default, highest precedence first
        bool known = false;          // false: not in the registry (then only name is set)
    };

    // The configs the topic form offers, in display order (retention first).
    static QStringList commonTopicConfigs();
    // The configs the retention view edits.
    static QStringList retentionConfigs();
    static Info topicConfig(const QString &name);
    static Info brokerConfig(const QString &name);

    // Empty when value is acceptable for the topic config, else Kafka's reason ("Invalid value x for configuration
    // retention.ms: not a whole number").
    static QString validateTopicConfig(const QString &name, const QString &value);
    // The same for a broker config (unknown broker configs are left to the cluster to judge).
    static QString validateBrokerConfig(const QString &name, const QString &value);

    // "Topic override", "Broker default (log.retention.hours)", "Kafka default"…
    static QString sourceText(ConfigSource source, const QString &synonymName = {});
    // Kafka's name of the source, as kafka-configs.sh --describe prints it: "DYNAMIC_TOPIC_CONFIG".
    static QString sourceKafkaName(ConfigSource source);

    // The value a new topic would get for topicConfig from the broker's configs (synonyms converted to the topic
    // config's unit: log.retention.hours=168 -> 604800000) and where it comes from. Falls back to Kafka's default.
    struct Inherited
    {
        QString value;
        ConfigSource source = ConfigSource::Default;
        QString synonym;  // the broker config that supplied it, if any
    };
    static Inherited inheritedFromBroker(const QString &topicConfig, const ConfigDescription &brokerConfigs);
};
