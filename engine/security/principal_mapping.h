// ssl.principal.mapping.rules: how an mTLS client's certificate subject (RFC 2253, as Kafka prints it:
// "CN=alice,OU=eng,O=Sluice") becomes its principal name. A comma-separated list tried in order:
//   DEFAULT                           the distinguished name itself
//   RULE:pattern/replacement/[L|U]    when the regex matches the whole name: the replacement ($1 ...),
//                                     optionally lower- or upper-cased
#pragma once
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

namespace sluice::security {

class principal_mapper {
public:
    // INVALID_CONFIG on a malformed rule or a regex that does not compile.
    static result<principal_mapper> parse(std::string_view rules);
    // The name of the first rule that applies; an error (the connection is refused, as in Kafka) if none does.
    result<std::string> map(const std::string& distinguished_name) const;

private:
    struct rule {
        bool is_default = false;
        std::string pattern_text;
        std::regex pattern;
        std::string replacement;
        char case_change = 0;  // 'L', 'U' or 0
    };
    std::vector<rule> rules_;
    std::string text_;
};

}  // namespace sluice::security
