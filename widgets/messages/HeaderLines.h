// HeaderLines: the produce form's record headers, written one per line as key=value (the value may be empty and
// may contain '='; a line "key" without '=' is refused, so a typo does not become a header silently).
#pragma once
#include <vector>

#include <QString>

#include "engine/client/message_types.h"

struct HeaderLinesResult
{
    std::vector<sluice::client::record_header> headers;
    QString error;  // empty when every line parsed; else names the line
};

HeaderLinesResult parseHeaderLines(const QString &text);
