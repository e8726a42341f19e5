// Certificates for TLS tests, made at test time with the openssl tool in a directory: two CAs ("ca", "other-ca")
// and leaf certificates signed by "ca" — "server" for 127.0.0.1 and localhost, "elsewhere" for another host only,
// "alice" a client certificate. Each leaf is also written as <name>.pem (key + certificate), a PEM key store.
#pragma once
#include <QProcess>
#include <QString>
#include <QStringList>
#include <fstream>
#include <string>

namespace sluice::testing {

// Runs openssl in dir; empty when it succeeded, else what went wrong.
inline QString openssl(const QStringList& args, const QString& dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start("openssl", args);
    if (!p.waitForFinished(30000)) return "openssl did not finish";
    if (p.exitCode() != 0) return "openssl " + args.join(' ') + ": " + QString::fromUtf8(p.readAllStandardError());
    return {};
}

// Makes every file named above in dir; empty when done, else what failed (for QVERIFY2).
inline QString make_test_certificates(const QString& dir) {
    const auto file = [&](const std::string& name) { return (dir + "/").toStdString() + name; };
    const QStringList ec{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
    for (const char* ca : {"ca", "other-ca"}) {
        auto failed = openssl(QStringList{"req", "-x509"} + ec +
                                  QStringList{"-keyout", QString(ca) + ".key", "-out", QString(ca) + ".pem", "-days",
                                              "2", "-subj", "/CN=" + QString(ca)},
                              dir);
        if (!failed.isEmpty()) return failed;
    }
    std::ofstream(file("server.ext")) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    std::ofstream(file("elsewhere.ext")) << "subjectAltName=DNS:elsewhere.example\n";
    std::ofstream(file("alice.ext")) << "extendedKeyUsage=clientAuth\n";
    for (const char* name : {"server", "elsewhere", "alice"}) {
        const QString n(name);
        auto failed = openssl(QStringList{"req"} + ec +
                                  QStringList{"-keyout", n + ".key", "-out", n + ".csr", "-subj", "/O=Sluice/CN=" + n},
                              dir);
        if (!failed.isEmpty()) return failed;
        failed = openssl({"x509", "-req", "-in", n + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", n + ".crt", "-days", "2", "-extfile", n + ".ext"},
                         dir);
        if (!failed.isEmpty()) return failed;
        std::ofstream pem(file(std::string(name) + ".pem"));
        for (const char* part : {".key", ".crt"}) {
            std::ifstream in(file(std::string(name) + part));
            pem << in.rdbuf();
        }
    }
    return {};
}

}  // namespace sluice::testing
