// Translations: installs Sluice's translator (app and widgets strings share one catalogue, embedded at :/i18n).
#pragma once
#include <QLocale>

namespace Translations {

// Loads sluice_<language>.qm for locale, falling back to English (which supplies the plural forms of "%n topic(s)").
// Call once a QCoreApplication exists. Returns false if not even the English catalogue loads.
bool install(const QLocale &locale = QLocale());

}  // namespace Translations
