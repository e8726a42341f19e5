// kafka-storage.sh format's --add-scram syntax, which sluiced takes to seed SCRAM users at first start:
//   SCRAM-SHA-512=[name=alice,password=alice-secret]
//   SCRAM-SHA-256=[name=bob,iterations=8192,salt="<base64>",saltedpassword="<base64>"]
// Values may be quoted. Without a salt one is drawn at random; iterations default to 4096.
#pragma once
#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/security/scram.h"

namespace sluice::security {

struct scram_user_seed {
    scram_mechanism mechanism = scram_mechanism::sha512;
    std::string name;
    scram_credential credential;  // derived here: the password goes no further than this parser
};

result<scram_user_seed> parse_add_scram(std::string_view text);

}  // namespace sluice::security
