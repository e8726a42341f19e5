#include "sluiced/secure_setup.h"

#include <algorithm>
#include <string_view>

#include "engine/common/config_list.h"
#include "engine/security/authorizer.h"
#include "engine/security/crypto.h"
#include "engine/security/private_file.h"
#include "sluiced/command_line.h"

namespace sluice::daemon {

namespace {

error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }

constexpr std::string_view listener_name = "SASL_SSL";
constexpr std::string_view listener_prefix = "listener.name.sasl_ssl.";
constexpr std::string_view mechanism = "SCRAM-SHA-512";

std::string base64url(std::span<const uint8_t> bytes) {
    auto text = security::base64_encode(bytes);
    std::replace(text.begin(), text.end(), '+', '-');
    std::replace(text.begin(), text.end(), '/', '_');
    text.erase(std::find(text.begin(), text.end(), '='), text.end());
    return text;
}

// A password goes into JAAS quotes and property files unescaped: keep to characters that need no escaping.
bool plain_password(std::string_view password) {
    return password.size() >= 12 && std::all_of(password.begin(), password.end(), [](char c) {
               return c > ' ' && c < 0x7f && c != '"' && c != '\\' && c != '\'' && c != '$' && c != '`';
           });
}

// The password in `file`, made (random) when the file does not exist yet; true when just made.
result<std::pair<std::string, bool>> stored_password(const std::filesystem::path& file) {
    auto existing = security::read_private_file(file);
    if (!existing) return existing.err();
    if (existing.value()) {
        std::string password = *existing.value();
        password.erase(password.find_last_not_of(" \t\r\n") + 1);
        if (!plain_password(password))
            return bad(file.string() +
                       " does not hold a usable password (12 or more printable characters, none of "
                       "space \" ' \\ $ `); remove it to get a new one");
        return std::pair{password, false};
    }
    std::string password = base64url(security::random_bytes(18));  // 144 bits, 24 characters
    if (auto ok = security::write_private_file(file, password + "\n"); !ok) return ok.err();
    return std::pair{password, true};
}

using property_lines = std::vector<std::pair<std::string, std::string>>;

// key=value lines as both Java's Properties and kcat -F read them, unescaped (the password needs none, see
// plain_password; a path with a backslash would), after a comment line unless `comment` is empty.
std::string properties_text(const std::string& comment, const property_lines& lines) {
    std::string out = comment.empty() ? "" : "# " + comment + "\n";
    for (const auto& [key, value] : lines) out += key + "=" + value + "\n";
    return out;
}

std::string client_host(const std::string& bootstrap_host) {
    return security::is_wildcard_host(bootstrap_host) ? "127.0.0.1" : bootstrap_host;
}

}  // namespace

std::vector<std::string> super_user_list(std::string_view text) {
    auto users = security::parse_super_users(text);
    return {users.begin(), users.end()};
}

result<secure_dir> prepare_secure_dir(const std::filesystem::path& dir, const std::string& host) {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(dir, ec);
    if (ec) return bad("--secure " + dir.string() + ": " + ec.message());
    security::certificate_hosts hosts;
    hosts.add(host);
    auto ca = security::ensure_local_ca(absolute, hosts);
    if (!ca) return bad("--secure " + dir.string() + ": " + ca.err().message);
    auto password_file = absolute / "admin.password";
    auto password = stored_password(password_file);
    if (!password) return bad("--secure " + dir.string() + ": " + password.err().message);
    auto node_password_file = absolute / "node.password";
    auto node_password = stored_password(node_password_file);
    if (!node_password) return bad("--secure " + dir.string() + ": " + node_password.err().message);
    return secure_dir{.dir = absolute,
                      .ca = std::move(ca.value()),
                      .admin_password_file = password_file,
                      .admin_password = password->first,
                      .password_created = password->second,
                      .node_password_file = node_password_file,
                      .node_password = node_password->first,
                      .client_properties = absolute / "client.properties",
                      .kcat_conf = absolute / "kcat.conf"};
}

std::vector<generated_property> secure_node_properties(const secure_dir& secure, const std::string& host, uint16_t port,
                                                       bool between_nodes) {
    std::string l(listener_name);
    std::string super_users = std::string("User:") + secure_admin_user;
    std::string mechanisms(mechanism);
    std::vector<generated_property> between;
    if (between_nodes) {
        // The nodes reach each other on this listener (TLS, checking the node certificate's 127.0.0.1) and log
        // in with PLAIN: its JAAS entry both names their login and lets the server check it.
        super_users += std::string(";User:") + secure_node_user;
        mechanisms += ",PLAIN";
        const std::string password = secure.node_password;
        between = {
            {"inter.broker.listener.name", l},
            {"sasl.mechanism.inter.broker.protocol", "PLAIN"},
            {std::string(listener_prefix) + "plain.sasl.jaas.config",
             "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" +
                 std::string(secure_node_user) + "\" password=\"" + password + "\" user_" + secure_node_user + "=\"" +
                 password + "\";"},
            {"ssl.truststore.type", "PEM"},
            {"ssl.truststore.location", secure.ca.files.ca_certificate.string()},
        };
    }
    std::vector<generated_property> out{
        {"listeners", l + "://" + host + ":" + std::to_string(port)},
        {"listener.security.protocol.map", l + ":" + l},
        {"ssl.keystore.type", "PEM"},
        {"ssl.keystore.location", secure.ca.files.node_keystore.string()},
        {"sasl.enabled.mechanisms", mechanisms, &split_config_list},
        {"authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"},
        {"super.users", super_users, &super_user_list},
        {"allow.everyone.if.no.acl.found", "false"},
    };
    out.insert(out.end(), between.begin(), between.end());
    return out;
}

result<void> merge_secure_properties(std::map<std::string, std::string>& properties,
                                     const std::vector<generated_property>& generated) {
    for (const auto& mine : generated) {
        for (const auto& key : {mine.name, std::string(listener_prefix) + mine.name}) {
            auto theirs = properties.find(key);
            if (theirs == properties.end() || theirs->second == mine.value) continue;
            if (!mine.items)
                return bad("--secure sets " + mine.name + "=" + mine.value + "; " + key + "=" + theirs->second +
                           " would change what it secures: drop it, or run without --secure");
            auto given = mine.items(theirs->second);
            for (const auto& needed : mine.items(mine.value))
                if (std::find(given.begin(), given.end(), needed) == given.end())
                    return bad("--secure needs " + needed + " in " + key + " (given: " + theirs->second + ")");
        }
        properties.try_emplace(mine.name, mine.value);
    }
    return {};
}

security::scram_user_seed admin_seed(const secure_dir& secure) {
    security::scram_user_seed seed;
    seed.mechanism = security::scram_mechanism::sha512;
    seed.name = secure_admin_user;
    seed.credential = security::make_scram_credential(seed.mechanism, secure.admin_password, security::random_bytes(32),
                                                      security::scram_min_iterations);
    return seed;
}

result<secure_dir> apply_secure(command_line& cl) {
    if (!cl.secure_dir) return bad("--secure was not given");
    auto secure = prepare_secure_dir(*cl.secure_dir, cl.node.host);
    if (!secure) return secure.err();
    if (auto ok = merge_secure_properties(
            cl.node.properties, secure_node_properties(secure.value(), cl.node.host, cl.node.port, cl.nodes > 1));
        !ok)
        return ok.err();
    for (const auto& seed : cl.node.scram_users)
        if (seed.name == secure_admin_user && seed.mechanism == security::scram_mechanism::sha512)
            return bad("--secure creates the SCRAM-SHA-512 user admin itself; do not --add-scram it as well");
    cl.node.scram_users.push_back(admin_seed(secure.value()));
    return secure;
}

result<std::string> write_client_settings(const secure_dir& secure, const std::string& host, uint16_t port) {
    return write_client_settings(secure, host, std::vector<uint16_t>{port});
}

result<std::string> write_client_settings(const secure_dir& secure, const std::string& host,
                                          const std::vector<uint16_t>& ports) {
    std::string bootstrap;
    for (auto port : ports)
        bootstrap += (bootstrap.empty() ? "" : ",") + client_host(host) + ":" + std::to_string(port);
    const std::string ca = secure.ca.files.ca_certificate.string();
    const std::string& password = secure.admin_password;
    const std::string m(mechanism);
    property_lines java{{"bootstrap.servers", bootstrap},
                        {"security.protocol", std::string(listener_name)},
                        {"sasl.mechanism", m},
                        {"sasl.jaas.config",
                         "org.apache.kafka.common.security.scram.ScramLoginModule required "
                         "username=\"" +
                             std::string(secure_admin_user) + "\" password=\"" + password + "\";"},
                        {"ssl.truststore.type", "PEM"},
                        {"ssl.truststore.location", ca}};
    // librdkafka's names: kcat -F, or the keys of a confluent-kafka / librdkafka configuration.
    property_lines kcat{{"security.protocol", "sasl_ssl"},
                        {"sasl.mechanisms", m},
                        {"sasl.username", secure_admin_user},
                        {"sasl.password", password},
                        {"ssl.ca.location", ca}};
    auto java_text = properties_text("Kafka's tools: kafka-topics.sh --bootstrap-server " + bootstrap +
                                         " --command-config " + secure.client_properties.string() + " --list",
                                     java);
    auto kcat_text = properties_text("kcat -F " + secure.kcat_conf.string() + " -L",
                                     property_lines{{"bootstrap.servers", bootstrap}}) +
                     properties_text("", kcat);
    if (auto ok = security::write_private_file(secure.client_properties, java_text); !ok) return ok.err();
    if (auto ok = security::write_private_file(secure.kcat_conf, kcat_text); !ok) return ok.err();

    std::string lines;
    auto line = [&](const std::string& text) { lines += "sluiced: " + text + "\n"; };
    line("secure node: " + std::string(listener_name) + " with " + m + ", ACLs on, super user " + secure_admin_user +
         (secure.password_created ? " (new password in " : " (password in ") + secure.admin_password_file.string() +
         ")");
    line("clients trust " + ca + (secure.ca.ca_created ? " (a new local CA)" : " (the local CA made earlier)"));
    line("try: kcat -F " + secure.kcat_conf.string() + " -L");
    std::string x = "kcat -b " + bootstrap;
    for (const auto& [key, value] : kcat)
        x += " -X " + key + "=" +
             (key == "sasl.password" ? "\"$(cat " + secure.admin_password_file.string() + ")\"" : value);
    line("or:  " + x + " -L");
    line("Kafka's tools: --command-config " + secure.client_properties.string());
    return lines;
}

}  // namespace sluice::daemon
