// TopicNameValidator: Kafka's rules for a topic name (org.apache.kafka.common.internals.Topic), with messages
// for people: legal characters and length are errors; mixing '.' and '_' or colliding with a topic is a warning.
// Kafka refuses a name that collides with an existing topic.
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class TopicNameValidator
{
    Q_DECLARE_TR_FUNCTIONS(TopicNameValidator)

public:
    static constexpr int MaxLength = 249;

    // Empty when a topic of this name can be created, else why not (the reason Kafka gives, translated): illegal
    // name, an existing topic of that name, or one that differs only by '.' vs '_' (Kafka refuses those too).
    static QString error(const QString &name, const QStringList &existingTopics = {});
    // Empty, or Kafka's warning for a name that mixes '.' and '_' (they collide in metric names).
    static QString warning(const QString &name);
    // "my.topic" and "my_topic" collide: Kafka replaces '.' by '_' to compare.
    static bool collides(const QString &a, const QString &b);
};
