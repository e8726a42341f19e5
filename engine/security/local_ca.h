// A certificate authority of one machine, for a secure local node out of the box (sluiced --secure): an
// EC P-256 CA made at run time (never shipped), and node certificates it signs for the local addresses.
// Kept in one directory so a restart reuses the CA and the clients' truststore stays valid.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

namespace sluice::security {

// "", 0.0.0.0 and ::: a bind to every interface, which names no host a client could connect to.
bool is_wildcard_host(std::string_view host);

// The names a node certificate is valid for (subjectAltName): IP addresses and DNS names.
struct certificate_hosts {
    std::vector<std::string> ip_addresses{"127.0.0.1"};
    std::vector<std::string> dns_names{"localhost"};
    // Adds `host` as an IP address or a DNS name, once; wildcard binds (0.0.0.0, ::) and "" add nothing.
    void add(const std::string& host);
};

struct key_and_certificate {
    std::string key_pem;          // unencrypted PKCS#8
    std::string certificate_pem;  // one certificate
};

inline constexpr int local_certificate_days = 825;  // the most browsers and Apple accept for a server cert

// A self-signed CA: CA:TRUE (critical), keyUsage keyCertSign+cRLSign, valid `days` from an hour ago.
result<key_and_certificate> make_local_ca(std::string_view common_name, int days = local_certificate_days);
// A node certificate signed by `ca`: CA:FALSE, digitalSignature, serverAuth+clientAuth, `hosts` as SANs.
result<key_and_certificate> make_node_certificate(const key_and_certificate& ca, std::string_view common_name,
                                                  const certificate_hosts& hosts, int days = local_certificate_days);
// OK when `certificate_pem`'s first certificate chains to `ca_pem`, is valid for a while yet (30 days), and
// covers every name in `hosts`; else why not.
result<void> check_node_certificate(const std::string& ca_pem, const std::string& certificate_pem,
                                    const certificate_hosts& hosts);

// The files of a local CA directory.
struct local_ca_files {
    std::filesystem::path ca_certificate;  // ca.pem (0644): what clients trust
    std::filesystem::path ca_key;          // ca.key (0600)
    std::filesystem::path node_keystore;   // node.pem (0600): key, certificate, CA: ssl.keystore.location
    explicit local_ca_files(const std::filesystem::path& dir);
};

struct local_ca_state {
    local_ca_files files;
    bool ca_created = false;   // false: the CA in the directory was reused
    bool node_issued = false;  // false: the node certificate in the directory was still good
};

// Reuses the CA in `dir` (making it and the directory if there is none), and the node certificate if
// check_node_certificate passes, else issues a new one. A CA half there (certificate without key or the
// reverse) or not matching its key is an error, never silently replaced: clients trust that CA.
result<local_ca_state> ensure_local_ca(const std::filesystem::path& dir, const certificate_hosts& hosts);

}  // namespace sluice::security
