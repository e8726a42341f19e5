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
#include <optional>

#include "AppOptions.h"
#include "ClusterWindows.h"
#include "LocalCluster.h"
#include "Startup.h"
#include "Translations.h"
#include "engine/common/process_limits.h"

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Sluice"));
    QCoreApplication::setApplicationName(QStringLiteral("sluice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));
}

// The options are read under a QCoreApplication of their own, before the GUI one exists, so --help, --version and a
// bad option work (and say so) where there is no display, as on a server or in a terminal over ssh.
std::optional<AppOptions> parseOptions(int &argc, char *argv[], QString *error)
{
    QCoreApplication probe(argc, argv);
    setIdentity();
    Translations::install();
    return AppOptions::parse(QCoreApplication::arguments(), error);
}

}  // namespace

int main(int argc, char *argv[])
{
    QString error;
    const auto options = parseOptions(argc, argv, &error);
    if (!options) {
        std::fprintf(stderr, "sluice: %s\n", qUtf8Printable(error));
        return 2;
    }
    if (!options->informationText.isEmpty()) {
        std::fputs(qUtf8Printable(options->informationText), stdout);
        return 0;
    }

    sluice::raise_open_file_limit();  // the embedded node keeps three files open per partition
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Sluice"));
    QIcon icon;
    for (int size : {16, 32, 64, 256})  // PNGs drawn from resources/icons/sluice.svg (no SVG plugin needed)
        icon.addFile(QStringLiteral(":/icons/sluice-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    Translations::install();

    ClusterWindows windows(*options);
    if (!options->profile.isEmpty()) {
        // The saved connection's window opens once its password is known (keychain or asked for).
        if (!windows.openProfile(options->profile, &error)) {
            std::fprintf(stderr, "sluice: %s\n", qUtf8Printable(error));
            return 2;
        }
        return QApplication::exec();
    }
    auto window = createMainWindow(*options);
    windows.watch(window.get());
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
