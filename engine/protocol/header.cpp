#include "engine/protocol/header.h"

namespace sluice::protocol {

static bool request_header_is_flexible(int16_t key, int16_t version) {
    const api_info* api = find_api(key);
    return api != nullptr && is_flexible(*api, version);
}

static void skip_tag_section(wire_reader& r) {
    uint32_t count = r.read_uvarint();
    for (uint32_t i = 0; i < count && !r.failed(); ++i) {
        (void)r.read_uvarint();
        r.skip(r.read_uvarint());
    }
}

bool read_request_header(wire_reader& r, request_header& h) {
    h.api_key = r.read_int16();
    h.api_version = r.read_int16();
    h.correlation_id = r.read_int32();
    h.client_id = r.read_nullable_string(false);
    if (!r.failed() && request_header_is_flexible(h.api_key, h.api_version)) skip_tag_section(r);
    return !r.failed();
}

void write_request_header(wire_writer& w, const request_header& h) {
    w.write_int16(h.api_key);
    w.write_int16(h.api_version);
    w.write_int32(h.correlation_id);
    w.write_nullable_string(h.client_id, false);
    if (request_header_is_flexible(h.api_key, h.api_version)) w.write_uvarint(0);
}

bool response_header_is_flexible(int16_t key, int16_t version) {
    if (key == static_cast<int16_t>(api_key::api_versions)) return false;
    return request_header_is_flexible(key, version);
}

void write_response_header(wire_writer& w, int16_t key, int16_t version, int32_t correlation_id) {
    w.write_int32(correlation_id);
    if (response_header_is_flexible(key, version)) w.write_uvarint(0);
}

int32_t read_response_header(wire_reader& r, int16_t key, int16_t version) {
    int32_t correlation_id = r.read_int32();
    if (response_header_is_flexible(key, version)) skip_tag_section(r);
    return correlation_id;
}

}  // namespace sluice::protocol
