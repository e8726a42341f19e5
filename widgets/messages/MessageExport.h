// MessageExport: records as JSON lines (one object per record) for the browser's "Export": partition, offset,
// timestamp and its type, key, value, headers, compression. Text that is not UTF-8 is written as base64 with an
// "…Encoding": "base64" member beside it, so nothing is lost.
#pragma once
#include <QByteArray>

#include "engine/client/message_types.h"

namespace messageexport {
QByteArray toJsonLine(const sluice::client::message &message);
}
