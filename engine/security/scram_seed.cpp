#include "engine/security/scram_seed.h"

#include <charconv>
#include <map>

namespace sluice::security {

namespace {
error bad(std::string why) {
    return make_error(protocol::error_code::invalid_config, "--add-scram: " + std::move(why));
}

// "k=v,k2="quoted, with commas"" → map; nullopt-like error on a broken item.
result<std::map<std::string, std::string>> parse_pairs(std::string_view text) {
    std::map<std::string, std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto eq = text.find('=', pos);
        if (eq == std::string_view::npos) return bad("expected key=value in '" + std::string(text.substr(pos)) + "'");
        std::string key(text.substr(pos, eq - pos));
        pos = eq + 1;
        std::string value;
        if (pos < text.size() && text[pos] == '"') {
            auto close = text.find('"', pos + 1);
            if (close == std::string_view::npos) return bad("unterminated quote in the value of " + key);
            value = std::string(text.substr(pos + 1, close - pos - 1));
            pos = close + 1;
        } else {
            auto comma = text.find(',', pos);
            value =
                std::string(text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
            pos = comma == std::string_view::npos ? text.size() : comma;
        }
        if (pos < text.size()) {
            if (text[pos] != ',') return bad("expected ',' after the value of " + key);
            ++pos;
        }
        if (!out.emplace(key, value).second) return bad(key + " is given twice");
    }
    return out;
}
}  // namespace

result<scram_user_seed> parse_add_scram(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos || text.size() < eq + 3 || text[eq + 1] != '[' || text.back() != ']')
        return bad("expected MECHANISM=[name=...,password=...], got '" + std::string(text) + "'");
    auto mechanism = scram_mechanism_from_name(text.substr(0, eq));
    if (!mechanism)
        return bad("unknown SCRAM mechanism '" + std::string(text.substr(0, eq)) +
                   "' (SCRAM-SHA-256 or SCRAM-SHA-512)");
    auto pairs = parse_pairs(text.substr(eq + 2, text.size() - eq - 3));
    if (!pairs) return pairs.err();
    auto& kv = pairs.value();
    for (const auto& [key, value] : kv)
        if (key != "name" && key != "password" && key != "salt" && key != "saltedpassword" && key != "iterations")
            return bad("unknown key '" + key + "' (name, password, salt, saltedpassword, iterations)");
    scram_user_seed seed;
    seed.mechanism = *mechanism;
    seed.name = kv["name"];
    if (seed.name.empty()) return bad("a user needs name=...");
    int32_t iterations = scram_min_iterations;
    if (kv.contains("iterations")) {
        const auto& digits = kv["iterations"];
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), iterations);
        if (ec != std::errc{} || ptr != digits.data() + digits.size() || iterations < scram_min_iterations ||
            iterations > scram_max_iterations)
            return bad("iterations must be " + std::to_string(scram_min_iterations) + "-" +
                       std::to_string(scram_max_iterations) + ", got '" + digits + "'");
    }
    byte_string salt;
    if (kv.contains("salt")) {
        auto decoded = base64_decode(kv["salt"]);
        if (!decoded || decoded->empty()) return bad("salt must be base64");
        salt = std::move(*decoded);
    } else {
        salt = random_bytes(32);
    }
    bool has_password = kv.contains("password"), has_salted = kv.contains("saltedpassword");
    if (has_password == has_salted) return bad("give exactly one of password=... and saltedpassword=...");
    if (has_password) {
        seed.credential = make_scram_credential(*mechanism, kv["password"], std::move(salt), iterations);
    } else {
        if (!kv.contains("salt")) return bad("saltedpassword=... needs the salt=... it was made with");
        auto salted = base64_decode(kv["saltedpassword"]);
        if (!salted || salted->size() != digest_size(scram_digest(*mechanism)))
            return bad("saltedpassword must be the base64 of a " + std::string(scram_mechanism_name(*mechanism)) +
                       " digest");
        seed.credential = scram_credential_from_salted(*mechanism, *salted, std::move(salt), iterations);
    }
    return seed;
}

}  // namespace sluice::security
