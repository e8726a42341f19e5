// AdminService: the cluster-changing operations the forms use (Kafka admin APIs), asynchronous: every call returns
// at once with a QFuture that finishes off the GUI thread's back. Forms take one by pointer; tests inject a fake.
#pragma once
#include <QFuture>
#include <QObject>

#include "AdminTypes.h"

class AdminService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminService)

public:
    explicit AdminService(QObject *parent = nullptr) : QObject(parent) {}

    // "host:port" of the cluster, for the equivalent command lines.
    virtual QString bootstrap() const = 0;

    // DescribeConfigs (with synonyms) of several resources of one type in one request.
    virtual QFuture<QList<ConfigDescription>> describeConfigs(ConfigResourceType type, const QStringList &names) = 0;
    // DescribeLogDirs + ListOffsets: size, oldest record time and record count per topic.
    virtual QFuture<QList<TopicUsage>> describeTopicUsage(const QStringList &topics) = 0;

    virtual QFuture<AdminResult> createTopic(const NewTopicRequest &request) = 0;
    virtual QFuture<AdminResult> deleteTopic(const QString &topic) = 0;
    virtual QFuture<AdminResult> createPartitions(const CreatePartitionsRequest &request) = 0;
    virtual QFuture<AdminResult> alterConfigs(const AlterConfigsRequest &request) = 0;
    virtual QFuture<AdminResult> deleteRecords(const DeleteRecordsRequest &request) = 0;
    // Replica admin (on the controller): reassignments started or cancelled, those in progress of some topics (all
    // when topics is empty), leader elections.
    virtual QFuture<PartitionResults> alterReassignments(const ReassignmentRequest &request) = 0;
    virtual QFuture<ReassignmentStatus> listReassignments(const QStringList &topics) = 0;
    virtual QFuture<PartitionResults> electLeaders(const ElectionRequest &request) = 0;

signals:
    // Emitted (on the GUI thread) after a request that changed the cluster succeeded, so views can re-read.
    void clusterChanged();
};
