// Request and response headers. Request header v1 (classic) or v2 (flexible: adds a tag section); the
// client id keeps its int16 length in both. Response header v0, or v1 with a tag section for flexible
// versions, except ApiVersions whose response header is always v0 so any client can read it.
#pragma once
#include <optional>
#include <string>

#include "engine/protocol/api_key.h"
#include "engine/protocol/wire.h"

namespace sluice::protocol {

struct request_header {
    int16_t api_key = 0;
    int16_t api_version = 0;
    int32_t correlation_id = 0;
    std::optional<std::string> client_id;
};

// Reads the header at the start of a request frame. The tag section is read only when `api` is known and the
// version is flexible; for unknown APIs the fixed part is still returned so the broker can answer.
bool read_request_header(wire_reader& r, request_header& h);

void write_request_header(wire_writer& w, const request_header& h);

bool response_header_is_flexible(int16_t api_key, int16_t api_version);
void write_response_header(wire_writer& w, int16_t api_key, int16_t api_version, int32_t correlation_id);
// Reads a response header; returns the correlation id (the reader fails on a short frame).
int32_t read_response_header(wire_reader& r, int16_t api_key, int16_t api_version);

}  // namespace sluice::protocol
