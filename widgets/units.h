// Units: the one place that turns raw numbers (bytes, durations, counts, rates) into text for people.
#pragma once
#include <QLocale>
#include <QString>
#include <QtGlobal>

namespace Units {

// 1536 -> "1.5 KiB", 1073741824 -> "1 GiB", 512 -> "512 B" (binary prefixes, as Kafka's configs count bytes).
QString formatBytes(qint64 bytes, const QLocale &locale = QLocale());
// Byte rate: "1.5 MiB/s".
QString formatByteRate(double bytesPerSecond, const QLocale &locale = QLocale());
// Milliseconds as Kafka configs hold them: 604800000 -> "7 days", 5400000 -> "1.5 hours", negative -> "unlimited".
QString formatDuration(qint64 milliseconds, const QLocale &locale = QLocale());
// Counts and offsets with thousands separators: 1234567 -> "1,234,567" (in English).
QString formatCount(qint64 value, const QLocale &locale = QLocale());

}  // namespace Units
