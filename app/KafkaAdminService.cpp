#include "KafkaAdminService.h"

#include <algorithm>
#include <exception>
#include <map>

#include <QPromise>
#include <QThread>

#include "engine/client/admin_client.h"
#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/describe_log_dirs.h"

using namespace sluice;

struct KafkaAdminService::Clients
{
    client::cluster_endpoint endpoint;
    std::unique_ptr<client::admin_client> admin;
    std::unique_ptr<client::cluster_client> cluster;

    client::admin_client &adminClient()
    {
        if (!admin)
            admin = std::make_unique<client::admin_client>(endpoint.bootstrap, std::chrono::seconds(10), endpoint.security);
        return *admin;
    }
    client::cluster_client &clusterClient()
    {
        if (!cluster)
            cluster = std::make_unique<client::cluster_client>(endpoint.bootstrap, std::chrono::seconds(10),
                                                               endpoint.security);
        return *cluster;
    }
    // After a transport failure: reconnect from the bootstrap address next time.
    void reset()
    {
        admin.reset();
        cluster.reset();
    }
};

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

AdminResult fromError(const sluice::error &error)
{
    return AdminResult::failure(static_cast<int>(error.code),
                                qs(std::string(protocol::error_name(error.code))), qs(error.message));
}

AdminResult fromCode(int16_t code, const std::string &message)
{
    if (code == 0)
        return {};
    return AdminResult::failure(code, qs(std::string(protocol::error_name(static_cast<protocol::error_code>(code)))),
                                qs(message));
}

// The first failing item, or success.
AdminResult fromItems(const result<std::vector<client::item_result>> &items, const std::string &expected)
{
    if (!items)
        return fromError(items.err());
    for (const auto &item : items.value())
        if (!item.ok())
            return fromCode(item.error, item.message);
    if (items.value().empty())
        return AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"),
                                    QStringLiteral("the cluster did not answer for %1").arg(qs(expected)));
    return {};
}

ConfigEntry entryFrom(const client::config_entry_info &info)
{
    ConfigEntry entry;
    entry.name = qs(info.name);
    entry.isNull = !info.value.has_value();
    entry.value = info.value ? qs(*info.value) : QString();
    entry.source = info.source >= 0 && info.source <= 6 ? static_cast<ConfigSource>(info.source)
                   : info.is_default                   ? ConfigSource::Default
                                                       : ConfigSource::Unknown;
    entry.readOnly = info.read_only;
    entry.sensitive = info.sensitive;
    for (const auto &synonym : info.synonyms)
        entry.synonyms << ConfigSynonym{qs(synonym.name), synonym.value ? qs(*synonym.value) : QString(),
                                        static_cast<ConfigSource>(synonym.source)};
    return entry;
}

}  // namespace

KafkaAdminService::KafkaAdminService(client::cluster_endpoint endpoint, QObject *parent)
    : AdminService(parent)
    , m_bootstrap(QString::fromStdString(endpoint.bootstrap))
    , m_thread(new QThread(this))
    , m_worker(new QObject)
    , m_clients(std::make_unique<Clients>())
{
    m_clients->endpoint = std::move(endpoint);
    m_thread->setObjectName(QStringLiteral("KafkaAdminService"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

KafkaAdminService::~KafkaAdminService()
{
    // Finishes the request in progress; requests still queued are dropped and their futures cancelled.
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

template <class T>
QFuture<T> KafkaAdminService::run(std::function<T(Clients &)> work, std::function<T(const QString &)> onFailure)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    Clients *clients = m_clients.get();
    QMetaObject::invokeMethod(
        m_worker,
        [promise, clients, work = std::move(work), onFailure = std::move(onFailure)] {
            try {
                promise->addResult(work(*clients));
            } catch (const std::exception &e) {
                clients->reset();
                promise->addResult(onFailure(QString::fromUtf8(e.what())));
            }
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<AdminResult> KafkaAdminService::runChange(std::function<AdminResult(Clients &)> work)
{
    return run<AdminResult>(
        [this, work = std::move(work)](Clients &clients) {
            AdminResult result = work(clients);
            if (result.ok())
                emit clusterChanged();
            return result;
        },
        [](const QString &message) { return AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"), message); });
}

QFuture<QList<ConfigDescription>> KafkaAdminService::describeConfigs(ConfigResourceType type, const QStringList &names)
{
    return run<QList<ConfigDescription>>(
        [type, names](Clients &clients) {
            std::vector<client::config_resource> resources;
            for (const QString &name : names)
                resources.push_back({static_cast<client::resource_type>(type), name.toStdString()});
            auto described = clients.adminClient().describe_configs(resources, true);
            QList<ConfigDescription> out;
            if (!described) {
                clients.reset();
                for (const QString &name : names)
                    out << ConfigDescription{type, name, fromError(described.err()), {}};
                return out;
            }
            for (const auto &resource : described.value()) {
                ConfigDescription description{type, qs(resource.resource.name), fromCode(resource.error, resource.message), {}};
                for (const auto &entry : resource.entries)
                    description.entries << entryFrom(entry);
                out << description;
            }
            return out;
        },
        [type, names](const QString &message) {
            QList<ConfigDescription> out;
            for (const QString &name : names)
                out << ConfigDescription{type, name, AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"), message), {}};
            return out;
        });
}

QFuture<QList<TopicUsage>> KafkaAdminService::describeTopicUsage(const QStringList &topics)
{
    return run<QList<TopicUsage>>(
        [topics](Clients &clients) {
            QList<TopicUsage> out;
            std::map<std::string, TopicUsage> usage;
            for (const QString &topic : topics)
                usage[topic.toStdString()].topic = topic;
            client::cluster_client &cluster = clients.clusterClient();
            auto snapshot = cluster.snapshot();  // leaders, start/end offsets, broker addresses
            if (!snapshot) {
                clients.reset();
                for (auto &[name, u] : usage) {
                    u.result = fromError(snapshot.err());
                    out << u;
                }
                return out;
            }
            // Records retained, and the oldest record's timestamp of each non-empty partition.
            std::vector<client::offset_query> oldest;
            for (const auto &topic : snapshot->topics) {
                auto it = usage.find(topic.name);
                if (it == usage.end())
                    continue;
                qint64 records = 0;
                for (const auto &p : topic.partitions) {
                    if (p.start_offset >= 0 && p.end_offset >= 0)
                        records += p.end_offset - p.start_offset;
                    if (p.leader < 0 || p.end_offset <= p.start_offset)
                        continue;  // empty partitions have no oldest record
                    // The first record at or after the epoch: the oldest one.
                    oldest.push_back({topic.name, p.partition, 0});
                }
                it->second.records = records;
            }
            for (const auto &o : cluster.list_offsets(snapshot.value(), oldest)) {
                if (o.failure || o.error != 0 || o.timestamp < 0)
                    continue;
                TopicUsage &u = usage[o.topic];
                if (u.oldestTimestampMs < 0 || o.timestamp < u.oldestTimestampMs)
                    u.oldestTimestampMs = o.timestamp;
            }
            // Sizes: the largest replica of each partition, summed per topic.
            std::map<std::pair<std::string, int32_t>, int64_t> partitionSizes;
            for (const auto &broker : snapshot->brokers) {
                auto conn = cluster.broker(broker.node_id);
                if (!conn)
                    continue;
                auto version = conn.value()->pick_version(protocol::api_key::describe_log_dirs);
                if (!version)
                    continue;
                protocol::describe_log_dirs_request request;
                request.topics = std::vector<protocol::describe_log_dirs_request::topic>{};
                for (const auto &topic : snapshot->topics) {
                    if (!usage.count(topic.name))
                        continue;
                    protocol::describe_log_dirs_request::topic t;
                    t.topic = topic.name;
                    for (const auto &p : topic.partitions)
                        t.partitions.push_back(p.partition);
                    request.topics->push_back(t);
                }
                auto answer = conn.value()->send<protocol::describe_log_dirs_api>(request, version.value());
                if (!answer)
                    continue;
                for (const auto &dir : answer->results) {
                    if (dir.error_code != 0)
                        continue;
                    for (const auto &t : dir.topics)
                        for (const auto &p : t.partitions) {
                            if (p.is_future_key)
                                continue;
                            auto &size = partitionSizes[{t.name, p.partition_index}];
                            size = std::max(size, p.partition_size);
                        }
                }
            }
            for (const auto &[key, size] : partitionSizes) {
                auto it = usage.find(key.first);
                if (it == usage.end())
                    continue;
                it->second.sizeBytes = std::max<qint64>(it->second.sizeBytes, 0) + size;
            }
            for (auto &[name, u] : usage)
                out << u;
            return out;
        },
        [topics](const QString &message) {
            QList<TopicUsage> out;
            for (const QString &topic : topics) {
                TopicUsage u;
                u.topic = topic;
                u.result = AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"), message);
                out << u;
            }
            return out;
        });
}

QFuture<AdminResult> KafkaAdminService::createTopic(const NewTopicRequest &request)
{
    return runChange([request](Clients &clients) {
        client::new_topic_spec spec;
        spec.name = request.name.toStdString();
        spec.partitions = request.partitions;
        spec.replication_factor = static_cast<int16_t>(request.replicationFactor);
        for (auto it = request.configs.cbegin(); it != request.configs.cend(); ++it)
            spec.configs[it.key().toStdString()] = it.value().toStdString();
        auto answer = clients.adminClient().create_topics({spec}, request.validateOnly);
        if (!answer)
            clients.reset();
        AdminResult result = fromItems(answer, spec.name);
        return result;
    });
}

QFuture<AdminResult> KafkaAdminService::deleteTopic(const QString &topic)
{
    return runChange([topic](Clients &clients) {
        auto answer = clients.adminClient().delete_topics({topic.toStdString()});
        if (!answer)
            clients.reset();
        return fromItems(answer, topic.toStdString());
    });
}

QFuture<AdminResult> KafkaAdminService::createPartitions(const CreatePartitionsRequest &request)
{
    return runChange([request](Clients &clients) {
        auto answer = clients.adminClient().create_partitions({{request.topic.toStdString(), request.totalCount}},
                                                              request.validateOnly);
        if (!answer)
            clients.reset();
        return fromItems(answer, request.topic.toStdString());
    });
}

QFuture<AdminResult> KafkaAdminService::alterConfigs(const AlterConfigsRequest &request)
{
    return runChange([request](Clients &clients) {
        std::vector<client::config_alteration> alterations;
        for (const ConfigAlteration &alteration : request.alterations) {
            client::config_alteration a;
            a.name = alteration.name.toStdString();
            if (alteration.operation == ConfigAlteration::Operation::Set) {
                a.op = client::config_op::set;
                a.value = alteration.value.toStdString();
            } else {
                a.op = client::config_op::remove;
            }
            alterations.push_back(std::move(a));
        }
        const client::config_resource resource{static_cast<client::resource_type>(request.type),
                                               request.resourceName.toStdString()};
        auto answer = clients.adminClient().incremental_alter_configs({{resource, alterations}}, request.validateOnly);
        if (!answer)
            clients.reset();
        return fromItems(answer, resource.name);
    });
}

QFuture<AdminResult> KafkaAdminService::deleteRecords(const DeleteRecordsRequest &request)
{
    return runChange([request](Clients &clients) {
        std::map<int32_t, int64_t> offsets;
        for (auto it = request.offsets.cbegin(); it != request.offsets.cend(); ++it)
            offsets[it.key()] = it.value();
        auto answer = clients.adminClient().delete_records(request.topic.toStdString(), offsets);
        if (!answer) {
            clients.reset();
            return fromError(answer.err());
        }
        for (const auto &partition : answer.value())
            if (partition.error != 0)
                return fromCode(partition.error, "partition " + std::to_string(partition.partition));
        return AdminResult{};
    });
}

namespace {

PartitionResults fromPartitionResults(const result<std::vector<client::partition_result>> &answer)
{
    PartitionResults out;
    if (!answer) {
        out.result = fromError(answer.err());
        return out;
    }
    for (const auto &p : answer.value())
        out.partitions << PartitionOutcome{qs(p.topic), p.partition, fromCode(p.error, p.message)};
    return out;
}

PartitionResults partitionFailure(const QString &message)
{
    return PartitionResults{AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"), message), {}};
}

}  // namespace

QFuture<PartitionResults> KafkaAdminService::alterReassignments(const ReassignmentRequest &request)
{
    return run<PartitionResults>(
        [this, request](Clients &clients) {
            std::map<std::pair<std::string, int32_t>, std::optional<std::vector<int32_t>>> targets;
            for (const PartitionReplicas &target : request.targets) {
                auto &replicas = targets[{target.topic.toStdString(), target.partition}];
                if (!request.cancel)
                    replicas = std::vector<int32_t>(target.replicas.cbegin(), target.replicas.cend());
            }
            auto answer = clients.adminClient().alter_partition_reassignments(targets);
            if (!answer)
                clients.reset();
            PartitionResults out = fromPartitionResults(answer);
            if (out.result.ok())
                emit clusterChanged();
            return out;
        },
        partitionFailure);
}

QFuture<ReassignmentStatus> KafkaAdminService::listReassignments(const QStringList &topics)
{
    return run<ReassignmentStatus>(
        [topics](Clients &clients) {
            // All reassignments in one request, filtered here: naming partitions would need a metadata read first,
            // and forms poll this every second.
            auto answer = clients.adminClient().list_partition_reassignments(std::nullopt);
            if (!answer) {
                clients.reset();
                return ReassignmentStatus{fromError(answer.err()), {}};
            }
            ReassignmentStatus status;
            const auto toList = [](const std::vector<int32_t> &ids) { return QList<int>(ids.begin(), ids.end()); };
            for (const auto &r : answer.value()) {
                const QString topic = qs(r.topic);
                if (topics.isEmpty() || topics.contains(topic))
                    status.inProgress << ReassignmentProgress{topic, r.partition, toList(r.replicas), toList(r.adding),
                                                              toList(r.removing)};
            }
            return status;
        },
        [](const QString &message) {
            return ReassignmentStatus{AdminResult::failure(-1, QStringLiteral("UNKNOWN_SERVER_ERROR"), message), {}};
        });
}

QFuture<PartitionResults> KafkaAdminService::electLeaders(const ElectionRequest &request)
{
    return run<PartitionResults>(
        [this, request](Clients &clients) {
            client::topic_partitions partitions;
            for (const auto &[topic, partition] : request.partitions)
                partitions[topic.toStdString()].push_back(partition);
            auto answer = clients.adminClient().elect_leaders(static_cast<client::election_type>(request.type), partitions);
            if (!answer)
                clients.reset();
            PartitionResults out = fromPartitionResults(answer);
            if (out.result.ok())
                emit clusterChanged();
            return out;
        },
        partitionFailure);
}
