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
// A consumer's lag in time, rounded for reading: 850 -> "850 ms", 5300 -> "5 seconds", 125000 -> "2.1 minutes".
QString formatLagTime(qint64 milliseconds, const QLocale &locale = QLocale());
// Counts and offsets with thousands separators: 1234567 -> "1,234,567" (in English).
QString formatCount(qint64 value, const QLocale &locale = QLocale());

// A config's raw value as a person reads it, from Kafka's naming: "*.ms" -> duration, "*.hours"/"*.minutes" ->
// duration, "*.bytes" -> bytes; -1 (and Long.MAX_VALUE for durations) -> "unlimited". Empty when the name has no
// unit or the value is not a number: 604800000 for retention.ms -> "7 days", 1073741824 for segment.bytes -> "1 GiB".
QString formatConfigValue(const QString &name, const QString &rawValue, const QLocale &locale = QLocale());
// How long ago, coarsely: 5400000 -> "1.5 hours ago", 0..999 -> "just now".
QString formatAge(qint64 milliseconds, const QLocale &locale = QLocale());
// A wall-clock time (ms since the epoch) as a short local date and time; -1 -> "".
QString formatTimestamp(qint64 msSinceEpoch, const QLocale &locale = QLocale());

}  // namespace Units
