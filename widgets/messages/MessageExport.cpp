#include "MessageExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "ValueFormat.h"

namespace messageexport {

namespace {
// Sets object[name] to the bytes as text, or as base64 with object[name + "Encoding"] = "base64".
void putBytes(QJsonObject &object, const QString &name, const OptionalBytes &bytes)
{
    if (!bytes) {
        object.insert(name, QJsonValue::Null);
        return;
    }
    const QByteArray raw(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size()));
    const QString text = QString::fromUtf8(raw);
    if (text.toUtf8() == raw) {
        object.insert(name, text);
    } else {
        object.insert(name, QString::fromLatin1(raw.toBase64()));
        object.insert(name + QStringLiteral("Encoding"), QStringLiteral("base64"));
    }
}
}  // namespace

QByteArray toJsonLine(const sluice::client::message &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("partition"), m.partition);
    o.insert(QStringLiteral("offset"), static_cast<qint64>(m.offset));
    o.insert(QStringLiteral("timestamp"), static_cast<qint64>(m.timestamp));
    o.insert(QStringLiteral("timestampType"), m.timestamp_kind == sluice::client::timestamp_type::log_append_time
                                                  ? QStringLiteral("LogAppendTime")
                                                  : QStringLiteral("CreateTime"));
    putBytes(o, QStringLiteral("key"), m.key);
    putBytes(o, QStringLiteral("value"), m.value);
    QJsonArray headers;
    for (const auto &h : m.headers) {
        QJsonObject header;
        header.insert(QStringLiteral("key"), QString::fromStdString(h.key));
        putBytes(header, QStringLiteral("value"), h.value);
        headers.append(header);
    }
    o.insert(QStringLiteral("headers"), headers);
    // Untranslated: a file for programs.
    o.insert(QStringLiteral("compression"), m.codec == sluice::client::compression_codec::none
                                                ? QStringLiteral("none")
                                                : valueformat::codecName(m.codec));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

}  // namespace messageexport
