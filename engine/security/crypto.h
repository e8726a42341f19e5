// The few cryptographic primitives SASL needs, over OpenSSL 3: digests, HMAC, PBKDF2, random bytes,
// base64 and a comparison that does not leak where two secrets differ.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::security {

using byte_string = std::vector<uint8_t>;

enum class digest { sha256, sha512 };

std::size_t digest_size(digest d);
byte_string hash(digest d, std::span<const uint8_t> data);
byte_string hmac(digest d, std::span<const uint8_t> key, std::span<const uint8_t> data);
// PBKDF2 with HMAC-<d>, output as long as the digest (SCRAM's Hi()).
byte_string pbkdf2(digest d, std::string_view password, std::span<const uint8_t> salt, int iterations);
byte_string random_bytes(std::size_t n);

std::string base64_encode(std::span<const uint8_t> data);
// nullopt on characters outside the standard alphabet or bad padding.
std::optional<byte_string> base64_decode(std::string_view text);

// Equal length and content, in time independent of where they differ.
bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b);

inline std::span<const uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace sluice::security
