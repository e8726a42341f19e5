// SCRAM (RFC 5802/7677): the server against RFC 7677's SCRAM-SHA-256 example exchange, both ends against
// each other for SHA-512, and the refusals: wrong password, unknown user, tampered nonce or binding.
#include <QtTest>

#include "engine/security/scram.h"
#include "engine/security/scram_seed.h"

using namespace sluice;
using namespace sluice::security;

namespace {
std::string text(const byte_string& b) { return std::string(b.begin(), b.end()); }

byte_string bytes_of(std::string_view s) { return byte_string(s.begin(), s.end()); }

// RFC 7677 section 3: user "user", password "pencil", 4096 iterations.
constexpr std::string_view rfc_client_first = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view rfc_server_nonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view rfc_server_first =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view rfc_client_final =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view rfc_server_final = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

scram_credential rfc_credential() {
    return make_scram_credential(scram_mechanism::sha256, "pencil", *base64_decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
}

scram_server rfc_server(std::string password_user = "user") {
    return scram_server(
        scram_mechanism::sha256,
        [password_user](const std::string& user) -> std::optional<scram_credential> {
            if (user != password_user) return std::nullopt;
            return rfc_credential();
        },
        std::string(rfc_server_nonce));
}
}  // namespace

class test_scram : public QObject {
    Q_OBJECT
private slots:
    void base64_round_trips() {
        for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
            auto encoded = base64_encode(as_bytes(s));
            auto decoded = base64_decode(encoded);
            QVERIFY(decoded);
            QCOMPARE(text(*decoded), std::string(s));
        }
        QCOMPARE(base64_encode(as_bytes("foobar")), std::string("Zm9vYmFy"));
        QVERIFY(!base64_decode("Zm9=YmFy"));
        QVERIFY(!base64_decode("Zm9"));
    }

    void server_matches_rfc7677_exchange() {
        auto server = rfc_server();
        auto first = server.evaluate(as_bytes(rfc_client_first));
        QVERIFY2(first, first ? "" : first.err().message.c_str());
        QCOMPARE(text(first->challenge), std::string(rfc_server_first));
        QVERIFY(!first->complete);
        auto final = server.evaluate(as_bytes(rfc_client_final));
        QVERIFY2(final, final ? "" : final.err().message.c_str());
        QCOMPARE(text(final->challenge), std::string(rfc_server_final));
        QVERIFY(final->complete);
        QCOMPARE(final->authorized_id, std::string("user"));
        // Done: another token is a state error, not a second login.
        QCOMPARE(server.evaluate(as_bytes("x")).err().code, protocol::error_code::illegal_sasl_state);
    }

    void client_matches_rfc7677_exchange() {
        scram_client client(scram_mechanism::sha256, "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        QCOMPARE(client.first(), std::string(rfc_client_first));
        auto final = client.final(rfc_server_first);
        QVERIFY(final);
        QCOMPARE(final.value(), std::string(rfc_client_final));
        QVERIFY(client.verify(rfc_server_final));
        QVERIFY(!client.verify("v=AAAA"));
    }

    void sha512_client_and_server_agree() {
        auto credential = make_scram_credential(scram_mechanism::sha512, "alice-secret", bytes_of("salty salt"), 4096);
        scram_server server(scram_mechanism::sha512, [&](const std::string& u) -> std::optional<scram_credential> {
            if (u == "alice") return credential;
            return std::nullopt;
        });
        scram_client client(scram_mechanism::sha512, "alice", "alice-secret");
        auto first = server.evaluate(as_bytes(client.first()));
        QVERIFY(first);
        auto final = client.final(text(first->challenge));
        QVERIFY(final);
        auto done = server.evaluate(as_bytes(final.value()));
        QVERIFY2(done, done ? "" : done.err().message.c_str());
        QVERIFY(done->complete);
        QVERIFY(client.verify(text(done->challenge)));
    }

    void wrong_password_fails_authentication() {
        auto server = rfc_server();
        QVERIFY(server.evaluate(as_bytes(rfc_client_first)));
        scram_client client(scram_mechanism::sha256, "user", "pencil!", "rOprNGfwEbeRWgbNEkqO");
        client.first();
        auto final = client.final(rfc_server_first);
        QVERIFY(final);
        auto refused = server.evaluate(as_bytes(final.value()));
        QVERIFY(!refused);
        QCOMPARE(refused.err().code, protocol::error_code::sasl_authentication_failed);
        QVERIFY(refused.err().message.find("invalid credentials with SASL mechanism SCRAM-SHA-256") !=
                std::string::npos);
    }

    void unknown_user_fails_at_once() {
        auto server = rfc_server("someone-else");
        auto refused = server.evaluate(as_bytes(rfc_client_first));
        QVERIFY(!refused);
        QCOMPARE(refused.err().code, protocol::error_code::sasl_authentication_failed);
    }

    void tampered_final_messages_fail() {
        std::string final(rfc_client_final);
        std::vector<std::string> tampered{
            "c=eSws," + final.substr(7),                               // binding says "y,"
            std::string("c=biws,r=rOprNGfwEbeRWgbNEkqO,p=") + "AAAA",  // nonce without the server's part
            "c=biws,r=" + final.substr(9, final.find(",p=") - 9),      // no proof
        };
        for (const auto& t : tampered) {
            auto server = rfc_server();
            QVERIFY(server.evaluate(as_bytes(rfc_client_first)));
            auto refused = server.evaluate(as_bytes(t));
            QVERIFY2(!refused, t.c_str());
            QCOMPARE(refused.err().code, protocol::error_code::sasl_authentication_failed);
        }
    }

    void malformed_client_first_fails() {
        for (std::string_view bad : {"", "p=tls-unique,,n=user,r=abc", "n,,r=abc", "n,,n=user", "n,,n=us=er,r=abc",
                                     "n,a=other,n=user,r=abc", "n,,n=user,r=abc,tokenauth=true"}) {
            auto server = rfc_server();
            auto refused = server.evaluate(as_bytes(bad));
            QVERIFY2(!refused, std::string(bad).c_str());
        }
    }

    void saslname_escapes_decode() {
        scram_server server(scram_mechanism::sha256, [](const std::string& u) -> std::optional<scram_credential> {
            if (u == "a,b=c") return rfc_credential();
            return std::nullopt;
        });
        QVERIFY(server.evaluate(as_bytes("n,,n=a=2Cb=3Dc,r=abc")));
    }

    void add_scram_parses_kafka_storage_syntax() {
        auto seed = parse_add_scram("SCRAM-SHA-512=[name=alice,password=alice-secret]");
        QVERIFY2(seed, seed ? "" : seed.err().message.c_str());
        QCOMPARE(seed->name, std::string("alice"));
        QCOMPARE(seed->mechanism, scram_mechanism::sha512);
        QCOMPARE(seed->credential.iterations, scram_min_iterations);
        QCOMPARE(seed->credential.salt.size(), std::size_t{32});
        QCOMPARE(seed->credential.stored_key.size(), std::size_t{64});

        // A given salt and iterations reproduce RFC 7677's credential exactly.
        auto fixed = parse_add_scram(
            "SCRAM-SHA-256=[name=user,iterations=4096,salt=\"W22ZaJ0SNY7soEsUEjb6gQ==\",password=pencil]");
        QVERIFY2(fixed, fixed ? "" : fixed.err().message.c_str());
        QVERIFY(fixed->credential == rfc_credential());
        auto salted = scram_salted_password(scram_mechanism::sha256, "pencil", rfc_credential().salt, 4096);
        auto from_salted =
            parse_add_scram("SCRAM-SHA-256=[name=user,salt=\"W22ZaJ0SNY7soEsUEjb6gQ==\",saltedpassword=\"" +
                            base64_encode(salted) + "\",iterations=4096]");
        QVERIFY2(from_salted, from_salted ? "" : from_salted.err().message.c_str());
        QVERIFY(from_salted->credential == rfc_credential());

        for (std::string_view bad :
             {"SCRAM-SHA-1=[name=a,password=b]", "SCRAM-SHA-256=[password=b]", "SCRAM-SHA-256=[name=a]",
              "SCRAM-SHA-256=name=a,password=b", "SCRAM-SHA-256=[name=a,password=b,iterations=100]",
              "SCRAM-SHA-256=[name=a,password=b,colour=blue]"}) {
            auto refused = parse_add_scram(bad);
            QVERIFY2(!refused, std::string(bad).c_str());
            QCOMPARE(refused.err().code, protocol::error_code::invalid_config);
        }
    }
};

QTEST_APPLESS_MAIN(test_scram)
#include "test_scram.moc"
