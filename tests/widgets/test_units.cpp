// Units: byte sizes, durations and counts as people read them.
#include <QTest>

#include "Translations.h"
#include "units.h"

class TestUnits : public QObject
{
    Q_OBJECT

private:
    const QLocale m_english{QLocale::English, QLocale::UnitedStates};

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void bytes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << qint64(0) << "0 B";
        QTest::newRow("below a KiB") << qint64(1023) << "1023 B";
        QTest::newRow("one KiB") << qint64(1024) << "1 KiB";
        QTest::newRow("one and a half KiB") << qint64(1536) << "1.5 KiB";
        QTest::newRow("one and a half GiB") << qint64(1610612736) << "1.5 GiB";
        QTest::newRow("one GiB") << qint64(1073741824) << "1 GiB";
        QTest::newRow("no decimals from 100 on") << qint64(512LL * 1024 * 1024) << "512 MiB";
        QTest::newRow("rounds up into the next unit") << qint64(1024LL * 1024 - 1) << "1 MiB";
        QTest::newRow("segment.bytes default") << qint64(1073741824) << "1 GiB";
        QTest::newRow("TiB") << qint64(3LL << 40) << "3 TiB";
        QTest::newRow("negative") << qint64(-2048) << "-2 KiB";
    }
    void bytes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(Units::formatBytes(bytes, m_english), expected);
    }

    void byteRate()
    {
        QCOMPARE(Units::formatByteRate(1.5 * 1024 * 1024, m_english), QStringLiteral("1.5 MiB/s"));
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("retention.ms default") << qint64(604800000) << "7 days";
        QTest::newRow("one day") << qint64(86400000) << "1 day";
        QTest::newRow("hours") << qint64(3 * 3600000) << "3 hours";
        QTest::newRow("fractional hours") << qint64(5400000) << "1.5 hours";
        QTest::newRow("36 hours") << qint64(36 * 3600000LL) << "1.5 days";
        QTest::newRow("minutes") << qint64(300000) << "5 minutes";
        QTest::newRow("seconds") << qint64(30000) << "30 seconds";
        QTest::newRow("one second") << qint64(1000) << "1 second";
        QTest::newRow("milliseconds") << qint64(500) << "500 ms";
        QTest::newRow("zero") << qint64(0) << "0 ms";
        QTest::newRow("unlimited") << qint64(-1) << "unlimited";
    }
    void durations()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(QString, expected);
        QCOMPARE(Units::formatDuration(milliseconds, m_english), expected);
    }

    void counts_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("small") << qint64(42) << "42";
        QTest::newRow("thousands") << qint64(1234567) << "1,234,567";
        QTest::newRow("negative") << qint64(-1000) << "-1,000";
        QTest::newRow("int64 offsets") << qint64(9007199254740993LL) << "9,007,199,254,740,993";
    }
    void counts()
    {
        QFETCH(qint64, value);
        QFETCH(QString, expected);
        QCOMPARE(Units::formatCount(value, m_english), expected);
    }

    void countsKeepSeparatorsInTheCLocale()
    {
        // QLocale::c() omits group separators by default; counts still get them.
        QCOMPARE(Units::formatCount(1234567, QLocale::c()), QStringLiteral("1,234,567"));
    }

    void countsFollowTheLocale()
    {
        QCOMPARE(Units::formatCount(1234567, QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("1.234.567"));
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "test_units.moc"
