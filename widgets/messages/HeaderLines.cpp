#include "HeaderLines.h"

#include <QCoreApplication>
#include <QStringList>

HeaderLinesResult parseHeaderLines(const QString &text)
{
    HeaderLinesResult out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;  // blank lines separate nothing
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq < 0) {
            out.error = QCoreApplication::translate("HeaderLines", "Header line %1 (\"%2\") has no '=': write key=value.")
                            .arg(i + 1)
                            .arg(line);
            return out;
        }
        const QString key = line.left(eq).trimmed();
        if (key.isEmpty()) {
            out.error = QCoreApplication::translate("HeaderLines", "Header line %1 has an empty key.").arg(i + 1);
            return out;
        }
        const QByteArray value = line.mid(eq + 1).toUtf8();
        out.headers.push_back({key.toStdString(), std::vector<uint8_t>(value.begin(), value.end())});
    }
    return out;
}
