// KafkaAdminService: the AdminService of a real cluster — sluice::client::admin_client (and, for sizes and oldest
// records, DescribeLogDirs and ListOffsets) on a worker thread, so the forms never wait on the network.
#pragma once
#include <functional>
#include <memory>

#include "AdminService.h"
#include "engine/client/cluster_endpoint.h"

class QThread;

class KafkaAdminService : public AdminService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KafkaAdminService)

public:
    explicit KafkaAdminService(sluice::client::cluster_endpoint endpoint, QObject *parent = nullptr);
    ~KafkaAdminService() override;

    QString bootstrap() const override { return m_bootstrap; }
    QFuture<QList<ConfigDescription>> describeConfigs(ConfigResourceType type, const QStringList &names) override;
    QFuture<QList<TopicUsage>> describeTopicUsage(const QStringList &topics) override;
    QFuture<AdminResult> createTopic(const NewTopicRequest &request) override;
    QFuture<AdminResult> deleteTopic(const QString &topic) override;
    QFuture<AdminResult> createPartitions(const CreatePartitionsRequest &request) override;
    QFuture<AdminResult> alterConfigs(const AlterConfigsRequest &request) override;
    QFuture<AdminResult> deleteRecords(const DeleteRecordsRequest &request) override;
    QFuture<PartitionResults> alterReassignments(const ReassignmentRequest &request) override;
    QFuture<ReassignmentStatus> listReassignments(const QStringList &topics) override;
    QFuture<PartitionResults> electLeaders(const ElectionRequest &request) override;

    struct Clients;  // worker-thread state

private:
    template <class T>
    QFuture<T> run(std::function<T(Clients &)> work, std::function<T(const QString &)> onFailure);
    QFuture<AdminResult> runChange(std::function<AdminResult(Clients &)> work);

    QString m_bootstrap;
    QThread *m_thread;
    QObject *m_worker;  // lives in m_thread; work is posted to it
    std::unique_ptr<Clients> m_clients;  // used on the worker thread only
};
