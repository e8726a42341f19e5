// sluiced --secure DIR: a node that is secure out of the box. DIR holds a local CA and the node's
// certificate (security/local_ca.h), the admin super user's random password, and the client settings to
// copy (client.properties for Kafka's tools, kcat.conf for librdkafka); the node gets a SASL_SSL client
// listener with SCRAM-SHA-512 and the ACL authorizer, with nothing allowed but to the admin.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/security/local_ca.h"
#include "engine/security/scram_seed.h"

namespace sluice::daemon {

struct command_line;

inline constexpr const char* secure_admin_user = "admin";
inline constexpr const char* secure_node_user = "sluice-node";

// What DIR holds once prepared.
struct secure_dir {
    std::filesystem::path dir;  // absolute: the client settings name files in it
    security::local_ca_state ca;
    std::filesystem::path admin_password_file;
    std::string admin_password;
    bool password_created = false;
    // The nodes' own login to each other in a local cluster (SASL PLAIN as secure_node_user, a super user):
    // PLAIN because SCRAM credentials live in the metadata log that the nodes must first reach each other to
    // form.
    std::filesystem::path node_password_file;
    std::string node_password;
    std::filesystem::path client_properties;  // Kafka's Java tools: --command-config
    std::filesystem::path kcat_conf;          // kcat -F / librdkafka properties
};

// Makes or reuses DIR's CA, node certificate (valid for 127.0.0.1, localhost and `host`) and admin password.
result<secure_dir> prepare_secure_dir(const std::filesystem::path& dir, const std::string& host);

// One property --secure sets, and how a user's value for it may differ: not at all (items null), or as a list
// that keeps every generated item (items reads the list) and may add others.
struct generated_property {
    std::string name;
    std::string value;
    std::vector<std::string> (*items)(std::string_view) = nullptr;
};
std::vector<std::string> super_user_list(std::string_view super_users);  // super.users' items (';')

// The properties a secure node listening on host:port gets; with `between_nodes` (a local cluster) also the
// nodes' own PLAIN login on that listener (a local cluster's nodes each take their own port from it).
std::vector<generated_property> secure_node_properties(const secure_dir& secure, const std::string& host, uint16_t port,
                                                       bool between_nodes = false);

// Lays `generated` under the user's `properties` (--config/--set): the user may set what --secure does not,
// and add to its lists (super users, SASL mechanisms); any other difference (or the same key under
// listener.name.sasl_ssl.) is an error naming it, since it would undo what --secure promises.
result<void> merge_secure_properties(std::map<std::string, std::string>& properties,
                                     const std::vector<generated_property>& generated);

// The SCRAM-SHA-512 user `admin` with DIR's password (created at the first start of a data dir).
security::scram_user_seed admin_seed(const secure_dir& secure);

// All of the above for sluiced's node: its properties and the admin user, or why --secure cannot be used.
result<secure_dir> apply_secure(command_line& cl);

// Once the node listens on host:port (a wildcard host: clients use 127.0.0.1): writes client.properties and
// kcat.conf (0600) and returns the lines to print (how to connect with kcat and Kafka's tools; the password
// itself stays in its file).
result<std::string> write_client_settings(const secure_dir& secure, const std::string& host, uint16_t port);
// For a local cluster: every node's port in bootstrap.servers.
result<std::string> write_client_settings(const secure_dir& secure, const std::string& host,
                                          const std::vector<uint16_t>& ports);

}  // namespace sluice::daemon
