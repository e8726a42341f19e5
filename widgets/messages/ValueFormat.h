// ValueFormat: how the message browser shows key and value bytes (text, pretty JSON, hex), the table's bounded
// previews and the detail pane's full text. Previews read at most a few hundred bytes, whatever the value's size.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <QString>

#include "engine/client/message_types.h"

enum class ValueFormat
{
    Text,
    Json,
    Hex
};

using OptionalBytes = std::optional<std::vector<uint8_t>>;

namespace valueformat {

// How many characters a table cell shows at most (then "…").
inline constexpr int PreviewChars = 160;

// One line, at most maxChars characters: control characters and newlines become spaces; JSON shows compact.
QString preview(const OptionalBytes &bytes, ValueFormat format, int maxChars = PreviewChars);
// The whole value: UTF-8 text, indented JSON (the text as it is when it does not parse) or a hex dump.
QString fullText(const OptionalBytes &bytes, ValueFormat format);
// "null" for a null key or value (as opposed to an empty one).
QString nullText();
QString codecName(sluice::client::compression_codec codec);

}  // namespace valueformat
