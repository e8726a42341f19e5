// How a Kafka message is described once, as data: each message struct lists its fields in wire order with
// the versions that carry them, in a static `schema()` function returning a tuple of `field`s. The shared
// codec (codec.h) encodes and decodes every message from that list, so no message has hand-written I/O.
//
//   struct foo {
//       int32_t a = 0; std::optional<std::string> b;
//       static constexpr auto schema() { return std::tuple{field(&foo::a, "A"), field(&foo::b, "B", 2)}; }
//   };
//
// The C++ type says the wire type: intN_t, bool, double, uuid, std::string (string), std::optional<std::string>
// (nullable string), bytes, std::optional<bytes> (nullable bytes / records), std::vector<T> (array),
// std::optional<std::vector<T>> (nullable array), or another struct with a schema.
#pragma once
#include <cstdint>
#include <limits>
#include <string_view>
#include <tuple>

#include "engine/protocol/wire.h"

namespace sluice::protocol {

inline constexpr int16_t any_version = std::numeric_limits<int16_t>::max();

struct version_range {
    int16_t min = 0;
    int16_t max = any_version;
    constexpr bool contains(int16_t v) const { return v >= min && v <= max; }
};

template <class Owner, class Member>
struct field_def {
    Member Owner::*member;
    std::string_view name;
    version_range versions;
    int32_t tag = -1;  // >= 0: a tagged field (flexible versions only), carried in the struct's tag section
};

// A regular field present in versions [min, max].
template <class Owner, class Member>
constexpr field_def<Owner, Member> field(Member Owner::*member, std::string_view name, int16_t min = 0,
                                         int16_t max = any_version) {
    return {member, name, {min, max}, -1};
}

// A tagged field: optional, written only in flexible versions, identified by its tag number.
template <class Owner, class Member>
constexpr field_def<Owner, Member> tagged_field(Member Owner::*member, std::string_view name, int32_t tag,
                                                int16_t min = 0, int16_t max = any_version) {
    return {member, name, {min, max}, tag};
}

// Everything the codec needs to know about the version being spoken.
struct codec_context {
    int16_t version = 0;
    bool flexible = false;
};

// Encode or decode a whole message body. Defined in codec.h and instantiated once per message type in that
// message's .cpp (SLUICE_DEFINE_CODEC), so headers stay light and the templates compile once.
template <class Message>
void encode_message(const Message& message, codec_context context, bytes& out);
template <class Message>
bool decode_message(Message& message, std::span<const uint8_t> data, codec_context context);
template <class Message>
bool decode_message(Message& message, wire_reader& reader, codec_context context);

#define SLUICE_DECLARE_CODEC(Type)                                                                        \
    extern template void encode_message<Type>(const Type&, codec_context, bytes&);                         \
    extern template bool decode_message<Type>(Type&, std::span<const uint8_t>, codec_context);            \
    extern template bool decode_message<Type>(Type&, wire_reader&, codec_context)

}  // namespace sluice::protocol
