#include "units.h"

#include <QCoreApplication>
#include <QDateTime>
#include <array>
#include <cmath>
#include <limits>

namespace Units {
namespace {

// One decimal below 100 units, none from 100 on, and no trailing ".0": "1.5", "1", "512".
QString formatScaled(double value, const QLocale &locale)
{
    const double rounded = std::round(value * 10.0) / 10.0;
    if (rounded >= 100.0 || rounded == std::floor(rounded))
        return locale.toString(static_cast<qint64>(std::llround(value)));
    return locale.toString(rounded, 'f', 1);
}

QLocale withGroupSeparators(const QLocale &locale)
{
    QLocale grouped = locale;
    grouped.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return grouped;
}

}  // namespace

QString formatBytes(qint64 bytes, const QLocale &locale)
{
    if (bytes < 0)
        return QLatin1Char('-') + formatBytes(-bytes, locale);
    if (bytes < 1024)
        return QCoreApplication::translate("Units", "%1 B", "bytes").arg(bytes);

    // Translatable unit names, largest last.
    const std::array<const char *, 6> units = {
        QT_TRANSLATE_NOOP("Units", "%1 KiB"), QT_TRANSLATE_NOOP("Units", "%1 MiB"),
        QT_TRANSLATE_NOOP("Units", "%1 GiB"), QT_TRANSLATE_NOOP("Units", "%1 TiB"),
        QT_TRANSLATE_NOOP("Units", "%1 PiB"), QT_TRANSLATE_NOOP("Units", "%1 EiB")};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    value /= 1024.0;
    // Move up while the rounded value would show as 1024 or more of the current unit.
    while (unit + 1 < units.size() && std::round(value * 10.0) / 10.0 >= 1024.0) {
        value /= 1024.0;
        ++unit;
    }
    return QCoreApplication::translate("Units", units[unit]).arg(formatScaled(value, locale));
}

QString formatByteRate(double bytesPerSecond, const QLocale &locale)
{
    return QCoreApplication::translate("Units", "%1/s", "rate, e.g. 1.5 MiB/s")
        .arg(formatBytes(static_cast<qint64>(std::llround(bytesPerSecond)), locale));
}

QString formatDuration(qint64 milliseconds, const QLocale &locale)
{
    if (milliseconds < 0)
        return QCoreApplication::translate("Units", "unlimited", "a duration of -1, e.g. retention.ms");

    struct Unit {
        qint64 ms;
        const char *numerus;    // exact: "%n day(s)"
        const char *fractional; // inexact: "%1 days"
    };
    static const std::array<Unit, 5> units = {{
        {86400000, QT_TRANSLATE_N_NOOP("Units", "%n day(s)"), QT_TRANSLATE_NOOP("Units", "%1 days")},
        {3600000, QT_TRANSLATE_N_NOOP("Units", "%n hour(s)"), QT_TRANSLATE_NOOP("Units", "%1 hours")},
        {60000, QT_TRANSLATE_N_NOOP("Units", "%n minute(s)"), QT_TRANSLATE_NOOP("Units", "%1 minutes")},
        {1000, QT_TRANSLATE_N_NOOP("Units", "%n second(s)"), QT_TRANSLATE_NOOP("Units", "%1 seconds")},
        {1, QT_TRANSLATE_N_NOOP("Units", "%n ms"), QT_TRANSLATE_NOOP("Units", "%1 ms")},
    }};
    if (milliseconds == 0)
        return QCoreApplication::translate("Units", units.back().numerus, nullptr, 0);

    for (const Unit &unit : units) {
        if (milliseconds < unit.ms)
            continue;
        if (milliseconds % unit.ms == 0) {
            const qint64 count = milliseconds / unit.ms;
            if (count <= std::numeric_limits<int>::max()) {
                return QCoreApplication::translate("Units", unit.numerus, nullptr, static_cast<int>(count));
            }
        }
        return QCoreApplication::translate("Units", unit.fractional)
            .arg(formatScaled(static_cast<double>(milliseconds) / static_cast<double>(unit.ms), locale));
    }
    return {};  // unreachable: the last unit is 1 ms
}

QString formatLagTime(qint64 milliseconds, const QLocale &locale)
{
    if (milliseconds < 0)
        return QCoreApplication::translate("Units", "—", "lag in time not known");
    if (milliseconds >= 1000)
        milliseconds = (milliseconds + 500) / 1000 * 1000;  // whole seconds: sub-second jitter is noise here
    return formatDuration(milliseconds, locale);
}

QString formatCount(qint64 value, const QLocale &locale)
{
    return withGroupSeparators(locale).toString(value);
}

QString formatConfigValue(const QString &name, const QString &rawValue, const QLocale &locale)
{
    bool isNumber = false;
    const qint64 value = rawValue.trimmed().toLongLong(&isNumber);
    if (!isNumber)
        return {};
    const auto unlimited = [] { return QCoreApplication::translate("Units", "unlimited", "a config value of -1"); };
    if (name.endsWith(QLatin1String(".bytes"))) {
        if (value < 0)
            return unlimited();
        return formatBytes(value, locale);
    }
    qint64 factor = 0;
    if (name.endsWith(QLatin1String(".ms")))
        factor = 1;
    else if (name.endsWith(QLatin1String(".minutes")))
        factor = 60000;
    else if (name.endsWith(QLatin1String(".hours")))
        factor = 3600000;
    if (factor == 0)
        return {};
    if (value < 0 || value == std::numeric_limits<qint64>::max() || value > std::numeric_limits<qint64>::max() / factor)
        return unlimited();
    return formatDuration(value * factor, locale);
}

QString formatAge(qint64 milliseconds, const QLocale &locale)
{
    if (milliseconds < 1000)
        return QCoreApplication::translate("Units", "just now");
    // Round to the largest whole unit's tenth so "1.5 hours ago", not "1.4999 hours ago".
    static const std::array<qint64, 4> steps = {86400000, 3600000, 60000, 1000};
    qint64 rounded = milliseconds;
    for (qint64 step : steps) {
        if (milliseconds >= step) {
            const qint64 tenth = step / 10;
            rounded = (milliseconds + tenth / 2) / tenth * tenth;
            break;
        }
    }
    return QCoreApplication::translate("Units", "%1 ago", "age, e.g. 3 hours ago").arg(formatDuration(rounded, locale));
}

QString formatTimestamp(qint64 msSinceEpoch, const QLocale &locale)
{
    if (msSinceEpoch < 0)
        return {};
    return locale.toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QLocale::ShortFormat);
}

}  // namespace Units
