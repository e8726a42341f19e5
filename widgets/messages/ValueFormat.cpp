#include "ValueFormat.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonDocument>

namespace valueformat {

namespace {

QString hexOf(const uint8_t *data, std::size_t size, bool spaced)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(static_cast<qsizetype>(size * 3));
    for (std::size_t i = 0; i < size; ++i) {
        if (spaced && i > 0)
            out += (i % 16 == 0) ? QLatin1Char('\n') : QLatin1Char(' ');
        out += QLatin1Char(digits[data[i] >> 4]);
        out += QLatin1Char(digits[data[i] & 0xf]);
    }
    return out;
}

}  // namespace

QString nullText()
{
    return QCoreApplication::translate("ValueFormat", "(null)");
}

QString preview(const OptionalBytes &bytes, ValueFormat format, int maxChars)
{
    if (!bytes)
        return nullText();
    const auto &b = *bytes;
    if (format == ValueFormat::Hex) {
        const std::size_t shown = std::min(b.size(), static_cast<std::size_t>(maxChars / 3));
        QString out = hexOf(b.data(), shown, false);
        return shown < b.size() ? out + QChar(0x2026) : out;
    }
    // A UTF-8 character is at most 4 bytes: this many bytes always fill the preview.
    const std::size_t taken = std::min(b.size(), static_cast<std::size_t>(maxChars) * 4);
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(taken));
    QString out;
    out.reserve(maxChars + 1);
    bool lastSpace = false;
    for (QChar c : text) {
        // A cell is one line: runs of white space (JSON's indentation too) and control characters become one space.
        const bool space = c.isSpace() || c.category() == QChar::Other_Control;
        if (space && lastSpace)
            continue;
        out += space ? QLatin1Char(' ') : c;
        lastSpace = space;
        if (out.size() >= maxChars)
            break;
    }
    if (out.size() >= maxChars || taken < b.size())
        out += QChar(0x2026);
    return out;
}

QString fullText(const OptionalBytes &bytes, ValueFormat format)
{
    if (!bytes)
        return nullText();
    const auto &b = *bytes;
    const QByteArray raw = QByteArray::fromRawData(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
    switch (format) {
    case ValueFormat::Hex:
        return hexOf(b.data(), b.size(), true);
    case ValueFormat::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
        if (error.error == QJsonParseError::NoError)
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        return QString::fromUtf8(raw);
    }
    case ValueFormat::Text:
        break;
    }
    return QString::fromUtf8(raw);
}

QString codecName(sluice::client::compression_codec codec)
{
    using sluice::client::compression_codec;
    switch (codec) {
    case compression_codec::none:
        return QCoreApplication::translate("ValueFormat", "none");
    case compression_codec::gzip:
        return QStringLiteral("gzip");
    case compression_codec::snappy:
        return QStringLiteral("snappy");
    case compression_codec::lz4:
        return QStringLiteral("lz4");
    case compression_codec::zstd:
        return QStringLiteral("zstd");
    }
    return QCoreApplication::translate("ValueFormat", "unknown");
}

}  // namespace valueformat
