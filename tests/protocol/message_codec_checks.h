// Shared machinery of the message codec tests: fill every field of a message by walking its schema(),
// compare two messages field by field for a version, one round-trip/truncation case per row, and byte-exact
// vectors (encode must give the bytes, the bytes must decode to the message).
#pragma once
#include <QtTest>
#include <bit>
#include <functional>
#include <string>

#include "engine/protocol/api_key.h"
#include "engine/protocol/codec.h"

namespace sluice::protocol::testing {

inline QByteArray hex(const bytes& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size())).toHex();
}
inline bytes from_hex(const char* h) {
    const QByteArray a = QByteArray::fromHex(h);
    return bytes(a.begin(), a.end());
}

inline codec_context context_for(api_key key, int16_t version) {
    const api_info* api = find_api(static_cast<int16_t>(key));
    return {version, api != nullptr && is_flexible(*api, version)};
}

// ---- Filling every field with a non-default value (or, with `nulls`, every nullable with null) ----------

struct filler {
    bool nulls = false;
    int counter = 0;
};

template <class T>
void fill(T& v, filler& f);

template <class T>
void fill_struct(T& s, filler& f) {
    std::apply([&](const auto&... fd) { (fill(s.*(fd.member), f), ...); }, T::schema());
}

template <class T>
void fill(T& v, filler& f) {
    const int n = ++f.counter;
    if constexpr (std::is_same_v<T, bool>) v = !v;
    else if constexpr (std::is_same_v<T, int8_t>) v = static_cast<int8_t>(0x11 + n % 90);
    else if constexpr (std::is_same_v<T, int16_t>) v = static_cast<int16_t>(0x1234 + n);
    else if constexpr (std::is_same_v<T, int32_t>) v = 0x10203040 + n;
    else if constexpr (std::is_same_v<T, int64_t>) v = int64_t{0x0102030405060708} + n;
    else if constexpr (std::is_same_v<T, uint16_t>) v = static_cast<uint16_t>(0x8001 + n);
    else if constexpr (std::is_same_v<T, uint32_t>) v = 0x80000001u + static_cast<uint32_t>(n);
    else if constexpr (std::is_same_v<T, double>) v = 1.25 + n;
    else if constexpr (std::is_same_v<T, uuid>) {
        for (std::size_t i = 0; i < 16; ++i) v.value[i] = static_cast<uint8_t>(n * 16 + i + 1);
    } else if constexpr (std::is_same_v<T, std::string>) v = "s" + std::to_string(n) + "-\xc3\xa9";
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
        if (f.nulls) v.reset();
        else v = "o" + std::to_string(n);
    } else if constexpr (std::is_same_v<T, bytes>) v = bytes{0xde, 0xad, static_cast<uint8_t>(n)};
    else if constexpr (std::is_same_v<T, std::optional<bytes>>) {
        if (f.nulls) v.reset();
        else v = bytes{0xbe, 0xef, 0x00, static_cast<uint8_t>(n)};
    } else if constexpr (detail::is_vector<T>::value) {
        v.clear();
        if (!f.nulls) {
            for (int i = 0; i < 2; ++i) fill(v.emplace_back(), f);
        }
    } else if constexpr (detail::is_optional<T>::value) {
        if (f.nulls) {
            v.reset();
        } else {
            v.emplace();
            fill(*v, f);
        }
    } else {
        static_assert(detail::has_schema<T>, "no filler for this member type");
        fill_struct(v, f);
    }
}

// ---- Equality by walking schema(): what `got` must hold after a round trip of `sent` at this version ----

template <class T>
void compare_value(const T& expected, const T& got, codec_context c, const QString& path, QStringList& diffs);

template <class T>
void compare_struct(const T& sent, const T& got, codec_context c, const QString& path, QStringList& diffs) {
    static const T defaults{};
    auto one = [&](const auto& f) {
        const bool carried = f.versions.contains(c.version) && (f.tag < 0 || c.flexible);
        const QString name = path + "." + QString::fromLatin1(f.name.data(), static_cast<qsizetype>(f.name.size()));
        // A field the version does not carry must decode to its default, whatever was sent.
        compare_value(carried ? sent.*(f.member) : defaults.*(f.member), got.*(f.member), c, name, diffs);
    };
    std::apply([&](const auto&... f) { (one(f), ...); }, T::schema());
}

template <class T>
QString show(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return QString::fromStdString("\"" + v + "\"");
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) return v ? show(*v) : QStringLiteral("null");
    else if constexpr (std::is_same_v<T, bytes>) return QString::fromLatin1(hex(v));
    else if constexpr (std::is_same_v<T, std::optional<bytes>>) return v ? show(*v) : QStringLiteral("null");
    else if constexpr (std::is_same_v<T, uuid>) return QString::fromLatin1(hex(bytes(v.value.begin(), v.value.end())));
    else if constexpr (std::is_same_v<T, bool>) return v ? QStringLiteral("true") : QStringLiteral("false");
    else return QString::number(v);
}

template <class T>
void compare_value(const T& expected, const T& got, codec_context c, const QString& path, QStringList& diffs) {
    if constexpr (detail::has_schema<T>) {
        compare_struct(expected, got, c, path, diffs);
    } else if constexpr (detail::is_vector<T>::value) {
        if (expected.size() != got.size()) {
            diffs << QStringLiteral("%1: %2 elements, expected %3").arg(path).arg(got.size()).arg(expected.size());
            return;
        }
        for (std::size_t i = 0; i < got.size(); ++i)
            compare_value(expected[i], got[i], c, path + QStringLiteral("[%1]").arg(i), diffs);
    } else if constexpr (detail::is_optional<T>::value && !std::is_same_v<T, std::optional<std::string>> &&
                         !std::is_same_v<T, std::optional<bytes>>) {
        if (expected.has_value() != got.has_value()) {
            diffs << QStringLiteral("%1: %2, expected %3")
                         .arg(path, got ? QStringLiteral("present") : QStringLiteral("null"),
                              expected ? QStringLiteral("present") : QStringLiteral("null"));
            return;
        }
        if (got) compare_value(*expected, *got, c, path, diffs);
    } else if constexpr (std::is_same_v<T, double>) {
        if (std::bit_cast<uint64_t>(expected) != std::bit_cast<uint64_t>(got))
            diffs << QStringLiteral("%1: %2, expected %3").arg(path).arg(got).arg(expected);
    } else {
        if (!(expected == got)) diffs << QStringLiteral("%1: %2, expected %3").arg(path, show(got), show(expected));
    }
}

// ---- One row per (API, version, request/response, fill) ---------------------------------------------------

struct codec_case {
    std::function<QStringList()> round_trip;           // encode, decode, compare, re-encode
    std::function<QStringList()> prefixes_rejected;    // every strict prefix of the encoding fails to decode
};

template <class T>
bytes encode_filled(const T& msg, codec_context c) {
    bytes out;
    encode_message(msg, c, out);
    return out;
}

// How a row fills its message: every field non-default, every nullable null, or nothing at all (so tagged
// fields stay at their defaults and are not written).
enum class fill_mode { full, nulls, defaults };

inline const char* fill_name(fill_mode m) {
    return m == fill_mode::full ? "full" : m == fill_mode::nulls ? "nulls" : "defaults";
}

template <class T>
codec_case make_case(codec_context c, fill_mode mode) {
    auto build = [mode] {
        T msg{};
        if (mode == fill_mode::defaults) return msg;
        filler f;
        f.nulls = mode == fill_mode::nulls;
        fill_struct(msg, f);
        return msg;
    };
    codec_case out;
    out.round_trip = [c, build]() -> QStringList {
        QStringList diffs;
        const T sent = build();
        const bytes wire = encode_filled(sent, c);
        T got{};
        wire_reader r(wire);
        if (!decode_message(got, r, c)) return {QStringLiteral("decode failed at byte %1 of %2").arg(r.position()).arg(wire.size())};
        if (r.position() != wire.size())
            diffs << QStringLiteral("decode stopped at byte %1 of %2").arg(r.position()).arg(wire.size());
        compare_struct(sent, got, c, QStringLiteral("msg"), diffs);
        const bytes again = encode_filled(got, c);
        if (again != wire) diffs << QStringLiteral("re-encoding the decoded message differs:\n%1\n%2").arg(hex(wire), hex(again));
        return diffs;
    };
    out.prefixes_rejected = [c, build]() -> QStringList {
        const bytes wire = encode_filled(build(), c);
        for (std::size_t n = 0; n < wire.size(); ++n) {
            T got{};
            if (decode_message(got, std::span<const uint8_t>(wire).first(n), c))
                return {QStringLiteral("a prefix of %1 of %2 bytes decoded").arg(n).arg(wire.size())};
        }
        return {};
    };
    return out;
}

// ---- Byte-exact vectors -----------------------------------------------------------------------------------

using golden_check = std::function<QStringList()>;

template <class T>
void add_golden(const char* name, const T& msg, codec_context c, const char* expected_hex) {
    golden_check check = [=]() -> QStringList {
        QStringList diffs;
        const bytes wire = encode_filled(msg, c);
        if (hex(wire) != QByteArray(expected_hex))
            diffs << QStringLiteral("encoded\n   %1\nexpected\n   %2").arg(hex(wire), QByteArray(expected_hex));
        const bytes expected = from_hex(expected_hex);
        T got{};
        wire_reader r(expected);
        if (!decode_message(got, r, c)) return diffs << QStringLiteral("expected bytes do not decode");
        if (r.position() != expected.size()) diffs << QStringLiteral("decode left %1 bytes").arg(expected.size() - r.position());
        compare_struct(msg, got, c, QStringLiteral("msg"), diffs);
        return diffs;
    };
    QTest::newRow(name) << check;
}


}  // namespace sluice::protocol::testing

Q_DECLARE_METATYPE(sluice::protocol::testing::codec_case)
Q_DECLARE_METATYPE(sluice::protocol::testing::golden_check)
