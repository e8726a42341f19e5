// AdminTypes: the value types the admin forms send and receive (requests, results, configs with their sources).
// Plain Qt values, so forms and tests compare them field by field; an AdminService turns them into Kafka requests.
#pragma once
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Kafka's ConfigResource.Type ids.
enum class ConfigResourceType
{
    Topic = 2,
    Broker = 4
};

// Kafka's DescribeConfigs ConfigSource ids.
enum class ConfigSource
{
    Unknown = 0,
    TopicOverride = 1,         // DYNAMIC_TOPIC_CONFIG
    DynamicBroker = 2,         // DYNAMIC_BROKER_CONFIG
    DynamicDefaultBroker = 3,  // DYNAMIC_DEFAULT_BROKER_CONFIG
    StaticBroker = 4,          // STATIC_BROKER_CONFIG (server.properties)
    Default = 5,               // DEFAULT_CONFIG
    DynamicBrokerLogger = 6
};

// The outcome of one admin request: Kafka's error code, its name and the cluster's message (empty when ok).
struct AdminResult
{
    int errorCode = 0;
    QString errorName;     // "TOPIC_ALREADY_EXISTS"
    QString errorMessage;  // the broker's message, or the client's when the request did not get an answer
    bool ok() const { return errorCode == 0 && errorMessage.isEmpty(); }
    // "TOPIC_ALREADY_EXISTS: Topic 'orders' already exists." (or "" when ok).
    QString text() const;
    static AdminResult failure(int code, const QString &name, const QString &message);
};

struct ConfigSynonym
{
    QString name;
    QString value;
    ConfigSource source = ConfigSource::Unknown;
};

struct ConfigEntry
{
    QString name;
    QString value;
    bool isNull = false;  // Kafka sent no value (sensitive or unset)
    ConfigSource source = ConfigSource::Unknown;
    bool readOnly = false;
    bool sensitive = false;
    QList<ConfigSynonym> synonyms;  // highest precedence first
};

struct ConfigDescription
{
    ConfigResourceType type = ConfigResourceType::Topic;
    QString resourceName;
    AdminResult result;
    QList<ConfigEntry> entries;
    const ConfigEntry *find(const QString &name) const;
};

struct NewTopicRequest
{
    QString name;
    int partitions = 1;
    int replicationFactor = 1;
    QMap<QString, QString> configs;  // overrides only
    bool validateOnly = false;
    bool operator==(const NewTopicRequest &) const = default;
};

struct ConfigAlteration
{
    enum class Operation
    {
        Set,
        Delete
    };
    QString name;
    Operation operation = Operation::Set;
    QString value;  // for Set
    bool operator==(const ConfigAlteration &) const = default;
};

// IncrementalAlterConfigs for one resource.
struct AlterConfigsRequest
{
    ConfigResourceType type = ConfigResourceType::Topic;
    QString resourceName;  // topic name, or broker id as text
    QList<ConfigAlteration> alterations;
    bool validateOnly = false;
    bool operator==(const AlterConfigsRequest &) const = default;
};

struct CreatePartitionsRequest
{
    QString topic;
    int totalCount = 0;  // the new number of partitions
    bool validateOnly = false;
    bool operator==(const CreatePartitionsRequest &) const = default;
};

struct DeleteRecordsRequest
{
    QString topic;
    QMap<int, qint64> offsets;  // partition -> delete records before this offset (-1: up to the high watermark)
    bool operator==(const DeleteRecordsRequest &) const = default;
};

// What a topic holds now: size on disk (one replica of each partition), oldest record and offsets.
struct TopicUsage
{
    QString topic;
    qint64 sizeBytes = -1;           // -1: unknown
    qint64 oldestTimestampMs = -1;   // -1: unknown or empty
    qint64 records = -1;             // sum of (end - start) offsets
    AdminResult result;
};

// One partition's replicas in order (the first is the preferred leader).
struct PartitionReplicas
{
    QString topic;
    int partition = 0;
    QList<int> replicas;
    bool operator==(const PartitionReplicas &) const = default;
};

// AlterPartitionReassignments: move each partition to its replicas, or cancel (cancel = true: replicas ignored).
struct ReassignmentRequest
{
    QList<PartitionReplicas> targets;
    bool cancel = false;
    bool operator==(const ReassignmentRequest &) const = default;
};

// A reassignment in progress (ListPartitionReassignments): replicas = target + those being removed.
struct ReassignmentProgress
{
    QString topic;
    int partition = 0;
    QList<int> replicas, adding, removing;
};

// Kafka's ElectLeaders election types.
enum class ElectionType
{
    Preferred = 0,
    Unclean = 1
};

struct ElectionRequest
{
    ElectionType type = ElectionType::Preferred;
    QList<QPair<QString, int>> partitions;  // (topic, partition)
    bool operator==(const ElectionRequest &) const = default;
};

// The answer for each partition of an election or reassignment, beside the request's own outcome.
struct PartitionOutcome
{
    QString topic;
    int partition = 0;
    AdminResult result;
};
struct PartitionResults
{
    AdminResult result;  // failed: the request did not get an answer, or was refused as a whole
    QList<PartitionOutcome> partitions;
};
struct ReassignmentStatus
{
    AdminResult result;
    QList<ReassignmentProgress> inProgress;
};

Q_DECLARE_METATYPE(AdminResult)
Q_DECLARE_METATYPE(PartitionResults)
