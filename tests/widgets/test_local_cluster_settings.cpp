// The local cluster's settings (node count, data directory, first port): kept between runs in QSettings, and
// every bad value refused with a message that names it, in the checks and in the settings dialog.
// SLUICE_SCREENSHOT=x.png saves a picture of the dialog showing two refused values.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include "LocalCluster.h"
#include "LocalClusterSettings.h"
#include "SettingsDialog.h"
#include "Translations.h"

class TestLocalClusterSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_local_cluster_settings"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QFile file(m_dir.filePath(QStringLiteral("a-file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void defaultsWhenNothingIsSaved()
    {
        QSettings settings;
        settings.clear();
        const LocalClusterSettings loaded = LocalClusterSettings::load(settings);
        QCOMPARE(loaded.nodes, 3);
        QCOMPARE(loaded.firstPort, 9092);
        QCOMPARE(loaded.dataDir, LocalCluster::defaultDataDir());
    }

    void checksEveryValue_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<QString>("dataDir");  // relative to the test's temporary directory
        QTest::addColumn<int>("firstPort");
        QTest::addColumn<QString>("problem");  // a part of the one message expected; empty: none

        QTest::newRow("defaults") << 3 << "cluster" << 9092 << QString();
        QTest::newRow("an existing directory") << 1 << "." << 1024 << QString();
        QTest::newRow("nine nodes at the top") << 9 << "cluster" << 65527 << QString();
        QTest::newRow("no nodes") << 0 << "cluster" << 9092 << "1 to 9 nodes, not 0";
        QTest::newRow("ten nodes") << 10 << "cluster" << 9092 << "1 to 9 nodes, not 10";
        QTest::newRow("privileged port") << 3 << "cluster" << 80 << "between 1024 and 65533";
        QTest::newRow("last node past 65535") << 3 << "cluster" << 65534 << "not 65534";
        QTest::newRow("port not a number") << 3 << "cluster" << -1 << "not -1";
        QTest::newRow("no data directory") << 3 << "" << 9092 << "Choose a data directory";
        QTest::newRow("data directory under a file") << 3 << "a-file/cluster" << 9092 << "a-file is not a directory";
        QTest::newRow("data directory is a file") << 3 << "a-file" << 9092 << "a-file is not a directory";
    }
    void checksEveryValue()
    {
        QFETCH(int, nodes);
        QFETCH(QString, dataDir);
        QFETCH(int, firstPort);
        QFETCH(QString, problem);
        LocalClusterSettings settings;
        settings.nodes = nodes;
        settings.dataDir = dataDir.isEmpty() ? QString() : m_dir.filePath(dataDir);
        settings.firstPort = firstPort;
        const QStringList problems = settings.problems();
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
            return;
        }
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.front().contains(problem), qPrintable(problems.front()));
    }

    void notWritableDataDirectory()
    {
        if (geteuid() == 0)
            QSKIP("root may write into any directory");
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
        LocalClusterSettings settings;
        settings.dataDir = dir.filePath(QStringLiteral("cluster"));
        const QStringList problems = settings.problems();
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.front().contains(QLatin1String("is not writable")), qPrintable(problems.front()));
    }

    // The dialog refuses bad input with the reason and stays open; good input is saved and read back next run.
    void dialogRefusesBadInputAndSavesGoodInput()
    {
        QSettings().clear();
        LocalClusterSettings initial = LocalClusterSettings::load(QSettings());
        SettingsDialog dialog(initial);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        dialog.portEdit()->setText(QStringLiteral("90a"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.problemsLabel()->isVisible());
        QCOMPARE(dialog.problemsLabel()->text(), QStringLiteral("The first port must be a number, not \"90a\"."));

        dialog.portEdit()->setText(QStringLiteral("70000"));
        dialog.nodesBox()->setValue(0);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.problemsLabel()->text().contains(QLatin1String("1 to 9 nodes, not 0")));
        QVERIFY(dialog.problemsLabel()->text().contains(QLatin1String("not 70000")));
        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty()) {
            QTest::qWait(100);
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(path)));
        }
        QCOMPARE(LocalClusterSettings::load(QSettings()), initial);  // nothing saved

        dialog.portEdit()->setText(QStringLiteral("19092"));
        dialog.nodesBox()->setValue(5);
        dialog.dataDirEdit()->setText(m_dir.filePath(QStringLiteral("five")));
        dialog.accept();
        QVERIFY(!dialog.isVisible());
        QVERIFY(dialog.changed());
        const LocalClusterSettings saved = LocalClusterSettings::load(QSettings());
        QCOMPARE(saved.nodes, 5);
        QCOMPARE(saved.firstPort, 19092);
        QCOMPARE(saved.dataDir, m_dir.filePath(QStringLiteral("five")));
    }
};

QTEST_MAIN(TestLocalClusterSettings)
#include "test_local_cluster_settings.moc"
