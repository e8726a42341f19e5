// Shared plumbing for the storage tests: open a log in a temporary dir, append made-up batches.
#pragma once
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/storage/partition_log.h"
#include "engine/storage/segment_files.h"
#include "tests/storage/batch_maker.h"

namespace sluice::storage::test {

#define SLUICE_OPEN_LOG(var, dir, cfg, now)                                                   \
    auto var##_opened = ::sluice::storage::partition_log::open((dir), (cfg), (now));          \
    QVERIFY2(var##_opened.ok(), var##_opened.ok() ? "" : var##_opened.err().message.c_str()); \
    auto var = std::move(var##_opened.value())

#define SLUICE_CHECK_OK(expr)                                                            \
    do {                                                                                 \
        auto sluice_r_ = (expr);                                                         \
        QVERIFY2(sluice_r_.ok(), sluice_r_.ok() ? "" : sluice_r_.err().message.c_str()); \
    } while (0)

inline std::filesystem::path partition_dir(const QTemporaryDir& tmp) {
    return std::filesystem::path(tmp.path().toStdString()) / "topic-0";
}

// Appends one made-up batch; records a test failure (and returns {}) when the append fails.
inline append_result append_batch(partition_log& log, int records, int64_t timestamp = 1000,
                                  std::size_t value_size = 10, int64_t now_ms = 0, int32_t epoch = 0) {
    auto b = make_batch(records, timestamp, value_size);
    auto r = log.append(b, epoch, now_ms);
    if (!r) {
        QTest::qFail(("append failed: " + r.err().message).c_str(), __FILE__, __LINE__);
        return {};
    }
    return *r;
}

inline std::filesystem::path file_of(const partition_log& log, int64_t base, std::string_view suffix) {
    return segment_file(log.dir(), base, suffix);
}

}  // namespace sluice::storage::test
