// Test helpers: one topic "t" with one partition written as text, "replicas|isr|leader" with optional
// "|adding|removing" (a reassignment in progress), brokers 1-4 registered; and the state records lead to.
#pragma once
#include <QStringList>

#include "engine/metadata/metadata_image.h"
#include "engine/metadata/partition_election.h"

namespace sluice::metadata::testing {

inline std::vector<int32_t> ids(const QString& text) {
    std::vector<int32_t> out;
    for (const auto& part : text.split(',', Qt::SkipEmptyParts)) out.push_back(part.toInt());
    return out;
}

inline QString text(const std::vector<int32_t>& v) {
    QStringList parts;
    for (int32_t id : v) parts << QString::number(id);
    return parts.join(',');
}

inline metadata_image image_of(const QString& state) {
    metadata_image image;
    for (int32_t id : {1, 2, 3, 4}) image.apply(register_broker_record{id, "h", 9000 + id, std::nullopt});
    topic_record topic{"t", random_uuid()};
    image.apply(topic);
    auto parts = state.split('|');
    partition_record p;
    p.topic_id = topic.topic_id;
    p.replicas = ids(parts[0]);
    p.isr = ids(parts[1]);
    p.leader = parts[2].toInt();
    if (parts.size() > 4) {
        p.adding_replicas = ids(parts[3]);
        p.removing_replicas = ids(parts[4]);
    }
    image.apply(p);
    return image;
}

// "replicas|isr|leader", with "|adding|removing" while a reassignment is in progress.
inline QString state_after(metadata_image image, const std::vector<partition_change_record>& records) {
    for (const auto& r : records) image.apply(r);
    const auto& p = image.find_topic("t")->partitions.at(0);
    QString out = text(p.replicas) + "|" + text(p.isr) + "|" + QString::number(p.leader);
    if (p.reassigning()) out += "|" + text(p.adding_replicas) + "|" + text(p.removing_replicas);
    return out;
}

inline broker_set live_of(const QString& s) {
    auto v = ids(s);
    return {v.begin(), v.end()};
}

}  // namespace sluice::metadata::testing
