#include "engine/metadata/topic_name.h"

#include <string>

namespace sluice::metadata {

result<void> validate_topic_name(std::string_view name) {
    using protocol::error_code;
    if (name.empty()) return make_error(error_code::invalid_topic_exception, "Topic name is illegal, it can't be empty");
    if (name == "." || name == "..")
        return make_error(error_code::invalid_topic_exception, "Topic name cannot be \".\" or \"..\"");
    if (name.size() > max_topic_name_length)
        return make_error(error_code::invalid_topic_exception,
                          "Topic name is illegal, it can't be longer than " + std::to_string(max_topic_name_length) +
                              " characters, topic name: " + std::string(name));
    for (char c : name) {
        bool legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                     c == '_' || c == '-';
        if (!legal)
            return make_error(error_code::invalid_topic_exception,
                              "Topic name \"" + std::string(name) +
                                  "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
    }
    return {};
}

bool is_internal_topic(std::string_view name) { return name == "__consumer_offsets" || name == "__transaction_state"; }

}  // namespace sluice::metadata
