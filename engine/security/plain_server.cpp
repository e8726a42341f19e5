#include "engine/security/plain_server.h"

#include <string_view>

namespace sluice::security {

namespace {
error failed(std::string message) {
    return make_error(protocol::error_code::sasl_authentication_failed, std::move(message));
}
}  // namespace

result<sasl_step> plain_server::evaluate(std::span<const uint8_t> token) {
    if (done_) return make_error(protocol::error_code::illegal_sasl_state, "PLAIN authentication is already complete");
    done_ = true;
    // message = [authzid] NUL authcid NUL passwd
    std::string_view text(reinterpret_cast<const char*>(token.data()), token.size());
    auto first = text.find('\0');
    auto second = first == std::string_view::npos ? first : text.find('\0', first + 1);
    if (second == std::string_view::npos || text.find('\0', second + 1) != std::string_view::npos)
        return failed("Invalid SASL/PLAIN response: expected 3 tokens");
    auto authzid = text.substr(0, first);
    std::string user(text.substr(first + 1, second - first - 1));
    auto password = text.substr(second + 1);
    if (user.empty()) return failed("Authentication failed: username not specified");
    if (password.empty()) return failed("Authentication failed: password not specified");
    // Kafka refuses to act for someone else: an authorization id, if given, must be the user itself.
    if (!authzid.empty() && authzid != user)
        return failed("Authentication failed: Client requested an authorization id that is different from username");
    auto found = users_ ? users_->find(user) : plain_users::const_iterator{};
    if (!users_ || found == users_->end() || !constant_time_equal(as_bytes(found->second), as_bytes(password)))
        return failed("Authentication failed: Invalid username or password");
    return sasl_step{{}, true, user};
}

}  // namespace sluice::security
