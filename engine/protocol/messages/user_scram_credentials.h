// DescribeUserScramCredentials (key 50) and AlterUserScramCredentials (key 51), KIP-554: which SCRAM
// mechanisms and iteration counts users have, and adding (from a client-salted password) or removing them.
// Both flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct describe_user_scram_credentials_request {
    struct user_name {
        std::string name;
        static constexpr auto schema() { return std::tuple{field(&user_name::name, "Name")}; }
    };
    std::optional<std::vector<user_name>> users;  // null: every user
    static constexpr auto schema() {
        return std::tuple{field(&describe_user_scram_credentials_request::users, "Users")};
    }
};

struct describe_user_scram_credentials_response {
    struct credential_info {
        int8_t mechanism = 0;
        int32_t iterations = 0;
        static constexpr auto schema() {
            return std::tuple{field(&credential_info::mechanism, "Mechanism"),
                              field(&credential_info::iterations, "Iterations")};
        }
    };
    struct user_result {
        std::string user;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        std::vector<credential_info> credential_infos;
        static constexpr auto schema() {
            using T = user_result;
            return std::tuple{field(&T::user, "User"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage"), field(&T::credential_infos, "CredentialInfos")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::vector<user_result> results;
    static constexpr auto schema() {
        using T = describe_user_scram_credentials_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::results, "Results")};
    }
};

struct alter_user_scram_credentials_request {
    struct deletion {
        std::string name;
        int8_t mechanism = 0;
        static constexpr auto schema() {
            return std::tuple{field(&deletion::name, "Name"), field(&deletion::mechanism, "Mechanism")};
        }
    };
    struct upsertion {
        std::string name;
        int8_t mechanism = 0;
        int32_t iterations = 0;
        bytes salt;
        bytes salted_password;
        static constexpr auto schema() {
            using T = upsertion;
            return std::tuple{field(&T::name, "Name"), field(&T::mechanism, "Mechanism"),
                              field(&T::iterations, "Iterations"), field(&T::salt, "Salt"),
                              field(&T::salted_password, "SaltedPassword")};
        }
    };
    std::vector<deletion> deletions;
    std::vector<upsertion> upsertions;
    static constexpr auto schema() {
        using T = alter_user_scram_credentials_request;
        return std::tuple{field(&T::deletions, "Deletions"), field(&T::upsertions, "Upsertions")};
    }
};

struct alter_user_scram_credentials_response {
    struct user_result {
        std::string user;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = user_result;
            return std::tuple{field(&T::user, "User"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<user_result> results;
    static constexpr auto schema() {
        using T = alter_user_scram_credentials_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::results, "Results")};
    }
};

struct describe_user_scram_credentials_api {
    static constexpr api_key key = api_key::describe_user_scram_credentials;
    using request = describe_user_scram_credentials_request;
    using response = describe_user_scram_credentials_response;
};

struct alter_user_scram_credentials_api {
    static constexpr api_key key = api_key::alter_user_scram_credentials;
    using request = alter_user_scram_credentials_request;
    using response = alter_user_scram_credentials_response;
};

SLUICE_DECLARE_CODEC(describe_user_scram_credentials_request);
SLUICE_DECLARE_CODEC(describe_user_scram_credentials_response);
SLUICE_DECLARE_CODEC(alter_user_scram_credentials_request);
SLUICE_DECLARE_CODEC(alter_user_scram_credentials_response);

}  // namespace sluice::protocol
