#include "engine/protocol/legacy_message_set.h"

#include "engine/protocol/batch_header.h"
#include "engine/protocol/compression.h"
#include "engine/protocol/crc32c.h"
#include "engine/protocol/record_batch.h"
#include "engine/protocol/wire.h"

namespace sluice::protocol {

namespace {

error corrupt(const char* why) { return make_error(error_code::corrupt_message, std::string("legacy message set: ") + why); }

struct conversion {
    std::vector<record> records;
    compression_codec codec = compression_codec::none;
};

// Reads the messages of one (possibly inner) set; a compressed wrapper's value is itself a message set.
result<void> read_messages(std::span<const uint8_t> set, conversion& out, int depth) {
    wire_reader r(set);
    while (r.remaining() > 0) {
        if (r.remaining() < 12 + 14) break;  // a partial trailing message, as fetch-sized sets may end
        (void)r.read_int64();                // offset: the broker assigns its own
        int32_t size = r.read_int32();
        if (size < 14 || static_cast<std::size_t>(size) > r.remaining()) return corrupt("bad message size");
        auto message = r.read_raw(static_cast<std::size_t>(size));
        wire_reader m(message);
        uint32_t crc = m.read_uint32();
        if (crc32_ieee(message.subspan(4)) != crc) return corrupt("message CRC mismatch");
        int8_t magic = m.read_int8();
        int8_t attributes = m.read_int8();
        if (magic != 0 && magic != 1) return corrupt("unknown magic");
        int64_t timestamp = magic == 1 ? m.read_int64() : -1;
        auto key = m.read_nullable_bytes(false);
        auto value = m.read_nullable_bytes(false);
        if (m.failed()) return corrupt("truncated message");
        auto codec = static_cast<compression_codec>(attributes & 0x07);
        if (codec == compression_codec::none) {
            out.records.push_back({0, timestamp, std::move(key), std::move(value), {}});
            continue;
        }
        if (depth > 0 || !value) return corrupt("nested or empty compressed message");
        if (static_cast<int>(codec) > 4) return make_error(error_code::unsupported_compression_type, "unknown codec");
        auto inner = decompress(codec, *value);
        if (!inner) return inner.err();
        out.codec = codec;
        std::size_t before = out.records.size();
        if (auto ok = read_messages(*inner, out, depth + 1); !ok) return ok;
        // LogAppendTime on the wrapper (magic 1) stamps every inner message with the wrapper's time.
        if (magic == 1 && (attributes & 0x08))
            for (std::size_t i = before; i < out.records.size(); ++i) out.records[i].timestamp = timestamp;
    }
    if (r.failed()) return corrupt("truncated message set");
    return {};
}

}  // namespace

int8_t record_set_magic(std::span<const uint8_t> records) {
    return records.size() > 16 ? static_cast<int8_t>(records[16]) : int8_t{-1};
}

result<std::vector<uint8_t>> convert_legacy_message_set(std::span<const uint8_t> message_set) {
    conversion converted;
    if (auto ok = read_messages(message_set, converted, 0); !ok) return ok.err();
    if (converted.records.empty()) return corrupt("no complete message");
    for (std::size_t i = 0; i < converted.records.size(); ++i) converted.records[i].offset = static_cast<int64_t>(i);
    return build_batch({.codec = converted.codec}, converted.records);
}

}  // namespace sluice::protocol
