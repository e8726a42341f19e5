// The local CA of sluiced --secure (security/local_ca.h) and its files (security/private_file.h): the CA
// verifies the node certificate with OpenSSL's own X509_verify_cert, the SANs and key usages are what TLS
// clients check, a second start reuses the CA and the node certificate, a changed host or a lost node
// certificate gets a new one from the same CA, secret files are 0600, and a half CA, a symlink or a
// directory that cannot be used are clear errors.
#include <openssl/err.h>
#include <unistd.h>

#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine/security/local_ca.h"
#include "engine/security/pem.h"
#include "engine/security/private_file.h"
#include "tests/security/file_probe.h"

using namespace sluice;
using namespace sluice::security;
using sluice::test::mode_of;
using sluice::test::slurp;
namespace fs = std::filesystem;

namespace {
// X509_verify_cert of `cert` against a store holding `ca` only, as a TLS client's truststore would.
int verify(X509* ca, X509* cert) {
    x509_store_ptr store(X509_STORE_new());
    x509_store_ctx_ptr ctx(X509_STORE_CTX_new());
    X509_STORE_add_cert(store.get(), ca);
    X509_STORE_CTX_init(ctx.get(), store.get(), cert, nullptr);
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    int ok = X509_verify_cert(ctx.get());
    int error = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    return ok == 1 ? X509_V_OK : error;
}

// The subjectAltName entries as "IP:a.b.c.d" / "DNS:name".
QStringList alt_names(X509* cert) {
    QStringList out;
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
        if (n->type == GEN_DNS) {
            out << "DNS:" + QString::fromLatin1(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                                                ASN1_STRING_length(n->d.dNSName));
        } else if (n->type == GEN_IPADD && ASN1_STRING_length(n->d.iPAddress) == 4) {
            const unsigned char* ip = ASN1_STRING_get0_data(n->d.iPAddress);
            out << QString("IP:%1.%2.%3.%4").arg(ip[0]).arg(ip[1]).arg(ip[2]).arg(ip[3]);
        }
    }
    GENERAL_NAMES_free(names);
    return out;
}
}  // namespace

class test_local_ca : public QObject {
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> tmp_;
    fs::path dir() const { return fs::path(tmp_->path().toStdString()) / "secure"; }

private slots:
    void init() {
        tmp_ = std::make_unique<QTemporaryDir>();
        QVERIFY(tmp_->isValid());
    }

    void ca_signs_a_node_certificate_for_the_local_addresses() {
        certificate_hosts hosts;
        hosts.add("sluice.test");
        hosts.add("0.0.0.0");  // a wildcard bind is no name to put in a certificate
        auto ca = make_local_ca("Test CA");
        QVERIFY2(ca, ca ? "" : ca.err().message.c_str());
        auto node = make_node_certificate(ca.value(), "localhost", hosts);
        QVERIFY2(node, node ? "" : node.err().message.c_str());

        auto ca_cert = read_certificates(ca->certificate_pem);
        auto node_cert = read_certificates(node->certificate_pem);
        QCOMPARE(ca_cert.size(), std::size_t{1});
        QCOMPARE(node_cert.size(), std::size_t{1});
        QCOMPARE(X509_check_ca(ca_cert[0].get()), 1);
        QCOMPARE(X509_check_ca(node_cert[0].get()), 0);
        QCOMPARE(verify(ca_cert[0].get(), node_cert[0].get()), X509_V_OK);
        QCOMPARE(alt_names(node_cert[0].get()), (QStringList{"IP:127.0.0.1", "DNS:localhost", "DNS:sluice.test"}));
        QCOMPARE(X509_check_ip_asc(node_cert[0].get(), "127.0.0.1", 0), 1);
        QCOMPARE(X509_check_purpose(node_cert[0].get(), X509_PURPOSE_SSL_CLIENT, 0), 1);  // clientAuth too

        auto node_key = read_private_key(node->key_pem);
        auto ca_key = read_private_key(ca->key_pem);
        QVERIFY(node_key && ca_key);
        QCOMPARE(X509_check_private_key(node_cert[0].get(), node_key.get()), 1);
        QCOMPARE(X509_check_private_key(node_cert[0].get(), ca_key.get()), 0);
        ERR_clear_error();
        QCOMPARE(EVP_PKEY_get_bits(node_key.get()), 256);
        QVERIFY(check_node_certificate(ca->certificate_pem, node->certificate_pem, hosts));

        certificate_hosts other;
        other.add("192.0.2.7");
        auto not_covered = check_node_certificate(ca->certificate_pem, node->certificate_pem, other);
        QVERIFY(!not_covered);
        QVERIFY(not_covered.err().message.find("192.0.2.7") != std::string::npos);
    }

    void another_ca_does_not_verify_the_node() {
        auto ca = make_local_ca("CA one");
        auto stranger = make_local_ca("CA two");
        QVERIFY(ca && stranger);
        auto node = make_node_certificate(ca.value(), "localhost", certificate_hosts{});
        QVERIFY(node);
        auto stranger_cert = read_certificates(stranger->certificate_pem);
        auto node_cert = read_certificates(node->certificate_pem);
        QCOMPARE(verify(stranger_cert[0].get(), node_cert[0].get()), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        auto checked = check_node_certificate(stranger->certificate_pem, node->certificate_pem, certificate_hosts{});
        QVERIFY(!checked);
        QVERIFY(checked.err().message.find("does not verify") != std::string::npos);
    }

    void directory_is_reused_on_the_next_start() {
        auto first = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY2(first, first ? "" : first.err().message.c_str());
        QVERIFY(first->ca_created);
        QVERIFY(first->node_issued);
        QCOMPARE(mode_of(first->files.ca_key), mode_t{0600});
        QCOMPARE(mode_of(first->files.node_keystore), mode_t{0600});
        QCOMPARE(mode_of(first->files.ca_certificate), mode_t{0644});
        QCOMPARE(mode_of(dir()), mode_t{0700});
        auto ca_pem = slurp(first->files.ca_certificate);
        auto keystore = slurp(first->files.node_keystore);
        // The keystore is key + node certificate + CA, as ssl.keystore.location takes it.
        auto chain = read_certificates(keystore);
        QCOMPARE(chain.size(), std::size_t{2});
        QCOMPARE(certificate_pem(chain[1].get()), ca_pem);
        auto key = read_private_key(keystore);
        QVERIFY(key);
        QCOMPARE(X509_check_private_key(chain[0].get(), key.get()), 1);

        auto second = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY2(second, second ? "" : second.err().message.c_str());
        QVERIFY(!second->ca_created);
        QVERIFY(!second->node_issued);
        QCOMPARE(slurp(second->files.ca_certificate), ca_pem);
        QCOMPARE(slurp(second->files.node_keystore), keystore);
        for (const auto& entry : fs::directory_iterator(dir()))  // no temp file left behind
            QVERIFY2(entry.path().extension() != ".tmp", entry.path().c_str());
    }

    void new_host_or_lost_node_certificate_gets_a_new_one_from_the_same_ca() {
        auto first = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY(first);
        auto ca_pem = slurp(first->files.ca_certificate);
        auto keystore = slurp(first->files.node_keystore);

        certificate_hosts with_host;
        with_host.add("10.1.2.3");
        auto moved = ensure_local_ca(dir(), with_host);
        QVERIFY2(moved, moved ? "" : moved.err().message.c_str());
        QVERIFY(!moved->ca_created);
        QVERIFY(moved->node_issued);
        QCOMPARE(slurp(moved->files.ca_certificate), ca_pem);
        QVERIFY(slurp(moved->files.node_keystore) != keystore);
        QVERIFY(check_node_certificate(ca_pem, slurp(moved->files.node_keystore), with_host));

        fs::remove(moved->files.node_keystore);
        auto again = ensure_local_ca(dir(), with_host);
        QVERIFY(again && !again->ca_created && again->node_issued);
        QCOMPARE(slurp(again->files.ca_certificate), ca_pem);
        QCOMPARE(mode_of(again->files.node_keystore), mode_t{0600});
    }

    void half_a_ca_is_an_error_not_a_new_ca() {
        auto first = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY(first);
        auto ca_pem = slurp(first->files.ca_certificate);
        fs::remove(first->files.ca_key);
        auto missing = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY(!missing);
        QVERIFY2(missing.err().message.find("ca.key is missing") != std::string::npos, missing.err().message.c_str());
        QCOMPARE(slurp(first->files.ca_certificate), ca_pem);  // untouched: clients still trust it

        auto other = make_local_ca("Other CA");
        QVERIFY(other);
        QVERIFY(write_private_file(first->files.ca_key, other->key_pem));
        auto mismatched = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY(!mismatched);
        QVERIFY2(mismatched.err().message.find("are not a CA key and its certificate") != std::string::npos,
                 mismatched.err().message.c_str());
    }

    void a_symlink_is_never_followed() {
        QVERIFY(make_private_directory(dir()));
        auto elsewhere = fs::path(tmp_->path().toStdString()) / "elsewhere";
        { std::ofstream(elsewhere) << "not yours"; }
        fs::create_symlink(elsewhere, dir() / "ca.key");
        auto refused = ensure_local_ca(dir(), certificate_hosts{});
        QVERIFY(!refused);
        QVERIFY2(refused.err().message.find("symbolic link") != std::string::npos, refused.err().message.c_str());
        auto written = write_private_file(dir() / "ca.key", "secret");
        QVERIFY(!written);
        QVERIFY(written.err().message.find("symbolic link") != std::string::npos);
        QCOMPARE(slurp(elsewhere), std::string("not yours"));
    }

    void a_file_or_unwritable_place_is_a_clear_error() {
        auto file = fs::path(tmp_->path().toStdString()) / "a-file";
        { std::ofstream(file) << "x"; }
        auto on_file = ensure_local_ca(file, certificate_hosts{});
        QVERIFY(!on_file);
        QVERIFY2(on_file.err().message.find("is not a directory") != std::string::npos, on_file.err().message.c_str());

        // root writes through permission bits, so it gets a place no one can create files in.
        fs::path unwritable = dir();
        if (::geteuid() == 0) {
            unwritable = "/proc/self/sluice-secure";
        } else {
            QVERIFY(make_private_directory(dir()));
            fs::permissions(dir(), fs::perms::owner_read | fs::perms::owner_exec);
        }
        auto refused = ensure_local_ca(unwritable, certificate_hosts{});
        if (::geteuid() != 0) fs::permissions(dir(), fs::perms::owner_all);
        QVERIFY(!refused);
        QVERIFY2(refused.err().message.find("cannot create") != std::string::npos, refused.err().message.c_str());
        QVERIFY2(refused.err().message.find(unwritable.string()) != std::string::npos, refused.err().message.c_str());
    }
};

QTEST_GUILESS_MAIN(test_local_ca)
#include "test_local_ca.moc"
