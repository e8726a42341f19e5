// KafkaCommands: the one place that writes the Apache Kafka command line equivalent to a change made in a form
// (kafka-topics.sh, kafka-configs.sh, kafka-delete-records.sh), for people who script their clusters.
#pragma once
#include <QString>

#include "AdminTypes.h"

namespace KafkaCommands {

// kafka-topics.sh --bootstrap-server B --create --topic T --partitions N --replication-factor R --config k=v …
QString createTopic(const QString &bootstrap, const NewTopicRequest &request);
// kafka-topics.sh --bootstrap-server B --delete --topic T
QString deleteTopic(const QString &bootstrap, const QString &topic);
// kafka-topics.sh --bootstrap-server B --alter --topic T --partitions N
QString createPartitions(const QString &bootstrap, const CreatePartitionsRequest &request);
// kafka-configs.sh --bootstrap-server B --alter --entity-type topics|brokers --entity-name X
//   [--add-config k=v,k2=[a,b]] [--delete-config k3,k4]
QString alterConfigs(const QString &bootstrap, const AlterConfigsRequest &request);
// echo '{"partitions":[…],"version":1}' > delete-records.json && kafka-delete-records.sh --bootstrap-server B
//   --offset-json-file delete-records.json
QString deleteRecords(const QString &bootstrap, const DeleteRecordsRequest &request);
// kafka-configs.sh --bootstrap-server B --describe --entity-type topics|brokers --entity-name X --all
QString describeConfigs(const QString &bootstrap, ConfigResourceType type, const QString &name);

// kafka-reassign-partitions.sh --bootstrap-server B --reassignment-json-file FILE --execute|--verify|--cancel
enum class ReassignAction
{
    Execute,
    Verify,
    Cancel
};
QString reassignPartitions(const QString &bootstrap, const QString &jsonFile, ReassignAction action);
// kafka-leader-election.sh --bootstrap-server B --election-type PREFERRED|UNCLEAN --path-to-json-file FILE
QString electLeaders(const QString &bootstrap, ElectionType type, const QString &jsonFile);

// A word quoted for a POSIX shell when it needs quoting: orders -> orders, "a b" -> 'a b'.
QString shellQuote(const QString &word);

}  // namespace KafkaCommands
