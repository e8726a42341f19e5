// sluice: the desktop application (embedded local cluster + cluster monitor).
#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSize>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "AppOptions.h"
#include "LocalCluster.h"
#include "Startup.h"
#include "Translations.h"
#include "engine/common/process_limits.h"

int main(int argc, char *argv[])
{
    sluice::raise_open_file_limit();  // the embedded node keeps three files open per partition
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sluice"));
    QApplication::setApplicationName(QStringLiteral("sluice"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sluice"));
    QApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));
    QIcon icon;
    for (int size : {16, 32, 64, 256})  // PNGs drawn from resources/icons/sluice.svg (no SVG plugin needed)
        icon.addFile(QStringLiteral(":/icons/sluice-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    Translations::install();

    QString error;
    const auto options = AppOptions::parse(QApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "sluice: %s\n", qUtf8Printable(error));
        return 2;
    }
    if (!options->informationText.isEmpty()) {
        std::fputs(qUtf8Printable(options->informationText), stdout);
        return 0;
    }

    auto window = createMainWindow(*options);
    window->show();
    // A local cluster that did not start (its port taken, say) is said once, in words, not only in the status bar.
    if (const LocalCluster *cluster = window->localCluster(); cluster && cluster->state() == LocalCluster::State::Failed) {
        const QString why = cluster->errorString();
        QTimer::singleShot(0, window.get(), [parent = window.get(), why] {
            QMessageBox::warning(parent, QCoreApplication::translate("main", "Local Cluster Did Not Start"), why);
        });
    }
    return QApplication::exec();
}
