// The one encoder/decoder for every message: walks a message's schema() (see schema.h) and maps each C++
// member type to its Kafka wire type for the version at hand, compact encodings and tag sections included.
// Include only from a message's .cpp, next to SLUICE_DEFINE_CODEC.
#pragma once
#include <concepts>
#include <optional>
#include <type_traits>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/protocol/schema.h"

namespace sluice::protocol::detail {

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
concept has_schema = requires { T::schema(); };

// Whether == really works (std::vector's operator== is unconstrained, so ask about the elements).
template <class T>
constexpr bool deeply_comparable() {
    if constexpr (is_vector<T>::value || is_optional<T>::value) return deeply_comparable<typename T::value_type>();
    else return std::equality_comparable<T>;
}

// Like Kafka, a tagged field is written only when it differs from its default, so its type needs == (a struct
// gets `bool operator==(const T&) const = default;`), and tags go out in ascending order, so a schema lists its
// tagged fields by tag. Both are checked at compile time.
template <class T>
constexpr bool tagged_fields_comparable() {
    bool ok = true;
    auto one = [&](const auto& f) {
        using member_type = std::remove_cvref_t<decltype(std::declval<const T&>().*(f.member))>;
        if (f.tag >= 0) ok = ok && deeply_comparable<member_type>();
    };
    std::apply([&](const auto&... f) { (one(f), ...); }, T::schema());
    return ok;
}
template <class T>
constexpr bool tags_ascending() {
    bool ok = true;
    int32_t last = -1;
    auto one = [&](const auto& f) {
        if (f.tag < 0) return;
        ok = ok && f.tag > last;
        last = f.tag;
    };
    std::apply([&](const auto&... f) { (one(f), ...); }, T::schema());
    return ok;
}

template <class T> void encode_value(wire_writer& w, const T& v, codec_context c);
template <class T> void decode_value(wire_reader& r, T& v, codec_context c);

template <class T>
void encode_struct(wire_writer& w, const T& s, codec_context c) {
    static_assert(tagged_fields_comparable<T>(), "a tagged field's type needs operator== to compare with its default");
    static_assert(tags_ascending<T>(), "list tagged fields in ascending tag order, each tag once");
    std::apply([&](const auto&... f) { ((f.tag < 0 && f.versions.contains(c.version) ? encode_value(w, s.*(f.member), c) : void()), ...); },
               T::schema());
    if (!c.flexible) return;
    // Tag section: count, then (tag, size, value) for each tagged field that differs from its default.
    static const T defaults{};
    int count = 0;
    bytes tagged;
    wire_writer tw(tagged);
    auto write_tagged = [&](const auto& f) {
        if (f.tag < 0 || !f.versions.contains(c.version)) return;
        using member_type = std::remove_cvref_t<decltype(s.*(f.member))>;
        if constexpr (deeply_comparable<member_type>()) {
            if (s.*(f.member) == defaults.*(f.member)) return;
        }
        bytes value;
        wire_writer vw(value);
        encode_value(vw, s.*(f.member), c);
        tw.write_uvarint(static_cast<uint32_t>(f.tag));
        tw.write_uvarint(value.size());
        tw.write_raw(value);
        ++count;
    };
    std::apply([&](const auto&... f) { (write_tagged(f), ...); }, T::schema());
    w.write_uvarint(static_cast<uint32_t>(count));
    w.write_raw(tagged);
}

template <class T>
void decode_struct(wire_reader& r, T& s, codec_context c) {
    std::apply([&](const auto&... f) { ((f.tag < 0 && f.versions.contains(c.version) ? decode_value(r, s.*(f.member), c) : void()), ...); },
               T::schema());
    if (!c.flexible) return;
    uint32_t count = r.read_uvarint();
    for (uint32_t i = 0; i < count && !r.failed(); ++i) {
        uint32_t tag = r.read_uvarint();
        uint32_t size = r.read_uvarint();
        auto payload = r.read_raw(size);
        if (r.failed()) return;
        bool known = false;
        auto read_tagged = [&](const auto& f) {
            if (known || f.tag != static_cast<int32_t>(tag) || !f.versions.contains(c.version)) return;
            known = true;
            wire_reader sub(payload);
            decode_value(sub, s.*(f.member), c);
            if (sub.failed()) r.fail();
        };
        std::apply([&](const auto&... f) { (read_tagged(f), ...); }, T::schema());
        // Unknown tags are skipped: that is what makes tagged fields safe to add.
    }
}

template <class T>
void encode_value(wire_writer& w, const T& v, codec_context c) {
    if constexpr (std::is_same_v<T, bool>) w.write_bool(v);
    else if constexpr (std::is_same_v<T, int8_t>) w.write_int8(v);
    else if constexpr (std::is_same_v<T, int16_t>) w.write_int16(v);
    else if constexpr (std::is_same_v<T, int32_t>) w.write_int32(v);
    else if constexpr (std::is_same_v<T, int64_t>) w.write_int64(v);
    else if constexpr (std::is_same_v<T, uint16_t>) w.write_int16(static_cast<int16_t>(v));
    else if constexpr (std::is_same_v<T, uint32_t>) w.write_uint32(v);
    else if constexpr (std::is_same_v<T, double>) w.write_float64(v);
    else if constexpr (std::is_same_v<T, uuid>) w.write_uuid(v);
    else if constexpr (std::is_same_v<T, std::string>) w.write_string(v, c.flexible);
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) w.write_nullable_string(v, c.flexible);
    else if constexpr (std::is_same_v<T, bytes>) w.write_bytes(v, c.flexible);
    else if constexpr (std::is_same_v<T, std::optional<bytes>>) w.write_nullable_bytes(v, c.flexible);
    else if constexpr (is_vector<T>::value) {
        w.write_array_length(static_cast<int32_t>(v.size()), c.flexible);
        for (const auto& e : v) encode_value(w, e, c);
    } else if constexpr (is_optional<T>::value) {
        static_assert(is_vector<typename T::value_type>::value, "only arrays, strings and bytes are nullable");
        if (!v) w.write_array_length(-1, c.flexible);
        else encode_value(w, *v, c);
    } else {
        static_assert(has_schema<T>, "message field type has no wire mapping");
        encode_struct(w, v, c);
    }
}

template <class T>
void decode_value(wire_reader& r, T& v, codec_context c) {
    if constexpr (std::is_same_v<T, bool>) v = r.read_bool();
    else if constexpr (std::is_same_v<T, int8_t>) v = r.read_int8();
    else if constexpr (std::is_same_v<T, int16_t>) v = r.read_int16();
    else if constexpr (std::is_same_v<T, int32_t>) v = r.read_int32();
    else if constexpr (std::is_same_v<T, int64_t>) v = r.read_int64();
    else if constexpr (std::is_same_v<T, uint16_t>) v = static_cast<uint16_t>(r.read_int16());
    else if constexpr (std::is_same_v<T, uint32_t>) v = r.read_uint32();
    else if constexpr (std::is_same_v<T, double>) v = r.read_float64();
    else if constexpr (std::is_same_v<T, uuid>) v = r.read_uuid();
    else if constexpr (std::is_same_v<T, std::string>) v = r.read_string(c.flexible);
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) v = r.read_nullable_string(c.flexible);
    else if constexpr (std::is_same_v<T, bytes>) v = r.read_bytes(c.flexible);
    else if constexpr (std::is_same_v<T, std::optional<bytes>>) v = r.read_nullable_bytes(c.flexible);
    else if constexpr (is_vector<T>::value) {
        int32_t n = r.read_array_length(c.flexible);
        v.clear();
        if (n < 0) {
            if (!r.failed()) r.fail();  // null where the schema does not allow it
            return;
        }
        for (int32_t i = 0; i < n && !r.failed(); ++i) decode_value(r, v.emplace_back(), c);
    } else if constexpr (is_optional<T>::value) {
        int32_t n = r.read_array_length(c.flexible);
        v.reset();
        if (n < 0) return;
        auto& items = v.emplace();
        for (int32_t i = 0; i < n && !r.failed(); ++i) decode_value(r, items.emplace_back(), c);
    } else {
        decode_struct(r, v, c);
    }
}

}  // namespace sluice::protocol::detail

namespace sluice::protocol {

template <class Message>
void encode_message(const Message& message, codec_context context, bytes& out) {
    wire_writer w(out);
    detail::encode_struct(w, message, context);
}

template <class Message>
bool decode_message(Message& message, wire_reader& reader, codec_context context) {
    detail::decode_struct(reader, message, context);
    return !reader.failed();
}

template <class Message>
bool decode_message(Message& message, std::span<const uint8_t> data, codec_context context) {
    wire_reader r(data);
    return decode_message(message, r, context);
}

#define SLUICE_DEFINE_CODEC(Type)                                                               \
    template void encode_message<Type>(const Type&, codec_context, bytes&);                      \
    template bool decode_message<Type>(Type&, std::span<const uint8_t>, codec_context);          \
    template bool decode_message<Type>(Type&, wire_reader&, codec_context)

}  // namespace sluice::protocol
