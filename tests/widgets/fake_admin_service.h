// FakeAdminService: an AdminService for form tests — records every request exactly as sent and answers with
// canned configs and results (ready futures, delivered through the event loop like real answers).
#pragma once
#include <QList>
#include <QMap>
#include <QFuture>

#include "AdminService.h"

class FakeAdminService : public AdminService
{
public:
    using AdminService::AdminService;

    QString bootstrap() const override { return QStringLiteral("localhost:9092"); }

    QFuture<QList<ConfigDescription>> describeConfigs(ConfigResourceType type, const QStringList &names) override
    {
        ++describeCalls;
        QList<ConfigDescription> out;
        for (const QString &name : names) {
            ConfigDescription d = (type == ConfigResourceType::Broker ? brokerConfigs : topicConfigs).value(name);
            d.type = type;
            d.resourceName = name;
            out << d;
        }
        return QtFuture::makeReadyFuture(out);
    }
    QFuture<QList<TopicUsage>> describeTopicUsage(const QStringList &topics) override
    {
        QList<TopicUsage> out;
        for (const QString &topic : topics)
            if (usage.contains(topic))
                out << usage.value(topic);
        return QtFuture::makeReadyFuture(out);
    }
    QFuture<AdminResult> createTopic(const NewTopicRequest &request) override
    {
        createRequests << request;
        return QtFuture::makeReadyFuture(nextResult);
    }
    QFuture<AdminResult> deleteTopic(const QString &topic) override
    {
        deletedTopics << topic;
        return QtFuture::makeReadyFuture(nextResult);
    }
    QFuture<AdminResult> createPartitions(const CreatePartitionsRequest &request) override
    {
        partitionRequests << request;
        return QtFuture::makeReadyFuture(nextResult);
    }
    QFuture<AdminResult> alterConfigs(const AlterConfigsRequest &request) override
    {
        alterRequests << request;
        return QtFuture::makeReadyFuture(nextResult);
    }
    QFuture<AdminResult> deleteRecords(const DeleteRecordsRequest &request) override
    {
        deleteRecordsRequests << request;
        return QtFuture::makeReadyFuture(nextResult);
    }

    QFuture<PartitionResults> alterReassignments(const ReassignmentRequest &request) override
    {
        reassignmentRequests << request;
        return QtFuture::makeReadyFuture(PartitionResults{nextResult, {}});
    }
    QFuture<ReassignmentStatus> listReassignments(const QStringList &) override
    {
        return QtFuture::makeReadyFuture(ReassignmentStatus{{}, inProgress});
    }
    QFuture<PartitionResults> electLeaders(const ElectionRequest &request) override
    {
        electionRequests << request;
        return QtFuture::makeReadyFuture(PartitionResults{nextResult, {}});
    }

    // Requests that change the cluster, in any form.
    int changeCount() const
    {
        return static_cast<int>(createRequests.size() + deletedTopics.size() + partitionRequests.size() +
                                alterRequests.size() + deleteRecordsRequests.size() + reassignmentRequests.size() +
                                electionRequests.size());
    }

    QMap<QString, ConfigDescription> brokerConfigs;  // by broker id
    QMap<QString, ConfigDescription> topicConfigs;   // by topic
    QMap<QString, TopicUsage> usage;
    AdminResult nextResult;
    int describeCalls = 0;
    QList<NewTopicRequest> createRequests;
    QStringList deletedTopics;
    QList<CreatePartitionsRequest> partitionRequests;
    QList<AlterConfigsRequest> alterRequests;
    QList<DeleteRecordsRequest> deleteRecordsRequests;
    QList<ReassignmentRequest> reassignmentRequests;
    QList<ElectionRequest> electionRequests;
    QList<ReassignmentProgress> inProgress;
};
