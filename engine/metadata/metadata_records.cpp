#include "engine/metadata/metadata_records.h"

#include <random>

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(metadata::register_broker_record);
SLUICE_DEFINE_CODEC(metadata::topic_record);
SLUICE_DEFINE_CODEC(metadata::partition_record);
SLUICE_DEFINE_CODEC(metadata::config_record);
SLUICE_DEFINE_CODEC(metadata::partition_change_record);
SLUICE_DEFINE_CODEC(metadata::remove_topic_record);
SLUICE_DEFINE_CODEC(metadata::fence_broker_record);
SLUICE_DEFINE_CODEC(metadata::unfence_broker_record);
SLUICE_DEFINE_CODEC(metadata::user_scram_credential_record);
SLUICE_DEFINE_CODEC(metadata::remove_user_scram_credential_record);
SLUICE_DEFINE_CODEC(metadata::producer_ids_record);
SLUICE_DEFINE_CODEC(metadata::access_control_entry_record);
SLUICE_DEFINE_CODEC(metadata::remove_access_control_entry_record);
SLUICE_DEFINE_CODEC(metadata::client_quota_record);
}  // namespace sluice::protocol

namespace sluice::metadata {

namespace {
template <class R>
constexpr int16_t version_of() {
    if constexpr (requires { R::version; }) return R::version;
    return 0;
}

template <std::size_t I = 0>
result<metadata_record> decode_as(int16_t type, int16_t version, protocol::wire_reader& reader) {
    if constexpr (I == std::variant_size_v<metadata_record>) {
        return make_error(protocol::error_code::corrupt_message, "unknown metadata record type " + std::to_string(type));
    } else {
        using R = std::variant_alternative_t<I, metadata_record>;
        if (R::type_id != type) return decode_as<I + 1>(type, version, reader);
        if (version < 0 || version > version_of<R>())
            return make_error(protocol::error_code::corrupt_message,
                              "metadata record version " + std::to_string(version) + " of type " +
                                  std::to_string(type) + " is newer than this build");
        R record;
        if (!protocol::decode_message(record, reader, {version, false}))
            return make_error(protocol::error_code::corrupt_message,
                              "malformed metadata record of type " + std::to_string(type));
        return metadata_record{std::move(record)};
    }
}
}  // namespace

std::vector<uint8_t> encode_record(const metadata_record& record) {
    protocol::bytes out;
    std::visit(
        [&](const auto& r) {
            using R = std::remove_cvref_t<decltype(r)>;
            protocol::wire_writer w(out);
            w.write_int16(R::type_id);
            w.write_int16(version_of<R>());
            protocol::encode_message(r, {version_of<R>(), false}, out);
        },
        record);
    return out;
}

result<metadata_record> decode_record(std::span<const uint8_t> bytes) {
    protocol::wire_reader reader(bytes);
    int16_t type = reader.read_int16();
    int16_t version = reader.read_int16();
    if (reader.failed()) return make_error(protocol::error_code::corrupt_message, "truncated metadata record");
    return decode_as(type, version, reader);
}

uuid random_uuid() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    uuid id;
    do {
        for (auto& b : id.value) b = static_cast<uint8_t>(rng());
        id.value[6] = static_cast<uint8_t>((id.value[6] & 0x0f) | 0x40);
        id.value[8] = static_cast<uint8_t>((id.value[8] & 0x3f) | 0x80);
    } while (id == uuid{});
    return id;
}

std::string uuid_to_string(const uuid& id) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (uint8_t b : id.value) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 6) {
            out += alphabet[(buffer >> (bits - 6)) & 0x3f];
            bits -= 6;
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3f];
    return out;
}

}  // namespace sluice::metadata
