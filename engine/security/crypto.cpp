#include "engine/security/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace sluice::security {

namespace {
const EVP_MD* md(digest d) { return d == digest::sha256 ? EVP_sha256() : EVP_sha512(); }

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
    auto pos = alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}
}  // namespace

std::size_t digest_size(digest d) { return d == digest::sha256 ? 32 : 64; }

byte_string hash(digest d, std::span<const uint8_t> data) {
    byte_string out(digest_size(d));
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &size, md(d), nullptr);
    out.resize(size);
    return out;
}

byte_string hmac(digest d, std::span<const uint8_t> key, std::span<const uint8_t> data) {
    byte_string out(digest_size(d));
    unsigned int size = 0;
    HMAC(md(d), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &size);
    out.resize(size);
    return out;
}

byte_string pbkdf2(digest d, std::string_view password, std::span<const uint8_t> salt, int iterations) {
    byte_string out(digest_size(d));
    PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                      iterations, md(d), static_cast<int>(out.size()), out.data());
    return out;
}

byte_string random_bytes(std::size_t n) {
    byte_string out(n);
    // RAND_bytes only fails when the system has no entropy source at all; nothing secure can go on then.
    if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) throw std::runtime_error("no secure random bytes available");
    return out;
}

std::string base64_encode(std::span<const uint8_t> data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 0x3f];
    }
    if (i + 1 == data.size()) {
        uint32_t v = uint32_t{data[i]} << 16;
        out += alphabet[(v >> 18) & 0x3f];
        out += alphabet[(v >> 12) & 0x3f];
        out += "==";
    } else if (i + 2 == data.size()) {
        uint32_t v = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8);
        out += alphabet[(v >> 18) & 0x3f];
        out += alphabet[(v >> 12) & 0x3f];
        out += alphabet[(v >> 6) & 0x3f];
        out += '=';
    }
    return out;
}

std::optional<byte_string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    byte_string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int pad = 0;
        uint32_t v = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            char c = text[i + j];
            if (c == '=') {
                // Padding only in the last quantum, and only in its last one or two places.
                if (i + 4 != text.size() || j < 2) return std::nullopt;
                ++pad;
                v <<= 6;
                continue;
            }
            if (pad > 0) return std::nullopt;
            int d = decode_char(c);
            if (d < 0) return std::nullopt;
            v = (v << 6) | static_cast<uint32_t>(d);
        }
        out.push_back(static_cast<uint8_t>(v >> 16));
        if (pad < 2) out.push_back(static_cast<uint8_t>(v >> 8));
        if (pad < 1) out.push_back(static_cast<uint8_t>(v));
    }
    return out;
}

bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sluice::security
