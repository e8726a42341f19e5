// produceRecords for the GUI's end-to-end tests: records to partition 0 of a topic over the Kafka protocol, retried
// while the broker auto-creates the topic and elects its leader.
#pragma once
#include <QString>
#include <QTest>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace testing {

// Produces `count` records ("record-0", …) to partition 0 of `topic` at `bootstrap`; an error message or nullopt.
inline std::optional<QString> produceRecords(const std::string &bootstrap, const std::string &topic, int count)
{
    std::vector<sluice::protocol::record> records(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const std::string value = "record-" + std::to_string(i);
        records[static_cast<std::size_t>(i)].value = std::vector<uint8_t>(value.begin(), value.end());
    }
    QString lastError;
    for (int attempt = 0; attempt < 20; ++attempt) {
        sluice::client::cluster_client client(bootstrap, std::chrono::seconds(5));
        auto produced = client.produce(topic, 0, records);
        if (produced.ok())
            return std::nullopt;
        lastError = QString::fromStdString(produced.err().message);
        QTest::qWait(250);
    }
    return lastError;
}

}  // namespace testing
