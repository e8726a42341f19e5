// Kafka's listener and quorum-voter configs: what parses, what each part becomes, and the message a bad
// value gets (data-driven).
#include <QtTest>

#include "engine/broker/listener_config.h"
#include "engine/broker/listeners.h"

using namespace sluice;
using namespace sluice::broker;

namespace {
constexpr std::string_view default_map = "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL";

QString describe(const std::vector<listener>& ls) {
    QStringList parts;
    for (const auto& l : ls)
        parts << QString("%1|%2|%3|%4").arg(QString::fromStdString(l.name), QString::fromStdString(l.host)).arg(l.port).arg(
                     QString::fromStdString(l.security_protocol));
    return parts.join(";");
}
}  // namespace

class test_listeners : public QObject {
    Q_OBJECT
private slots:
    void listeners_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("map");
        QTest::addColumn<QString>("expected");  // described listeners, or "error: <substring>"
        QTest::newRow("one") << "PLAINTEXT://127.0.0.1:9092" << QString(default_map.data()) << "PLAINTEXT|127.0.0.1|9092|PLAINTEXT";
        QTest::newRow("all interfaces") << "PLAINTEXT://:9092" << QString(default_map.data()) << "PLAINTEXT||9092|PLAINTEXT";
        QTest::newRow("controller implied plaintext")
            << "PLAINTEXT://h:1, CONTROLLER://h:2" << QString(default_map.data())
            << "PLAINTEXT|h|1|PLAINTEXT;CONTROLLER|h|2|PLAINTEXT";
        QTest::newRow("mapped name") << "INTERNAL://h:5" << "INTERNAL:SSL" << "INTERNAL|h|5|SSL";
        QTest::newRow("ipv6") << "PLAINTEXT://[::1]:9092" << QString(default_map.data()) << "PLAINTEXT|::1|9092|PLAINTEXT";
        QTest::newRow("port zero") << "PLAINTEXT://h:0" << QString(default_map.data()) << "PLAINTEXT|h|0|PLAINTEXT";
        QTest::newRow("no scheme") << "h:9092" << QString(default_map.data()) << "error: expected NAME://host:port";
        QTest::newRow("bad port") << "PLAINTEXT://h:99999" << QString(default_map.data()) << "error: invalid port '99999'";
        QTest::newRow("no port") << "PLAINTEXT://h" << QString(default_map.data()) << "error: expected host:port";
        QTest::newRow("unmapped") << "FOO://h:1" << QString(default_map.data()) << "error: no security protocol is defined for listener FOO";
        QTest::newRow("duplicate") << "PLAINTEXT://h:1,PLAINTEXT://h:2" << QString(default_map.data()) << "error: appears more than once";
        QTest::newRow("bad map") << "PLAINTEXT://h:1" << "PLAINTEXT" << "error: expected NAME:PROTOCOL";
        QTest::newRow("all four protocols")
            << "PLAINTEXT://h:1,SSL://h:2,SASL_PLAINTEXT://h:3,SASL_SSL://h:4" << QString(default_map.data())
            << "PLAINTEXT|h|1|PLAINTEXT;SSL|h|2|SSL;SASL_PLAINTEXT|h|3|SASL_PLAINTEXT;SASL_SSL|h|4|SASL_SSL";
        QTest::newRow("own names") << "CLIENTS://h:1,INTERNAL://h:2"
                                   << "CLIENTS:SASL_SSL,INTERNAL:SSL"
                                   << "CLIENTS|h|1|SASL_SSL;INTERNAL|h|2|SSL";
    }
    void listeners() {
        QFETCH(QString, text);
        QFETCH(QString, map);
        QFETCH(QString, expected);
        auto parsed = parse_listeners("listeners", text.toStdString(), map.toStdString(), {"CONTROLLER"});
        if (expected.startsWith("error: ")) {
            QVERIFY2(!parsed.ok(), qPrintable(text));
            QCOMPARE(parsed.err().code, protocol::error_code::invalid_config);
            QVERIFY2(QString::fromStdString(parsed.err().message).contains(expected.mid(7)), parsed.err().message.c_str());
            return;
        }
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.err().message.c_str());
        QCOMPARE(describe(parsed.value()), expected);
    }

    void voters_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("three") << "1@127.0.0.1:9093,2@127.0.0.1:9094, 3@localhost:9095"
                               << "1@127.0.0.1:9093 2@127.0.0.1:9094 3@localhost:9095";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("no id") << "@h:1" << "error: expected id@host:port";
        QTest::newRow("negative") << "-1@h:1" << "error: expected id@host:port";
        QTest::newRow("not a number") << "x@h:1" << "error: expected id@host:port";
        QTest::newRow("no port") << "1@h" << "error: expected host:port";
        QTest::newRow("port zero") << "1@h:0" << "error: needs a host and a port other than 0";
        QTest::newRow("duplicate id") << "1@h:1,1@h:2" << "error: voter id 1 appears more than once";
    }
    void voters() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto parsed = parse_quorum_voters(text.toStdString());
        if (expected.startsWith("error: ")) {
            QVERIFY(!parsed.ok());
            QVERIFY2(QString::fromStdString(parsed.err().message).contains(expected.mid(7)), parsed.err().message.c_str());
            return;
        }
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.err().message.c_str());
        QStringList parts;
        for (const auto& v : parsed.value())
            parts << QString("%1@%2:%3").arg(v.id).arg(QString::fromStdString(v.host)).arg(v.port);
        QCOMPARE(parts.join(" "), expected);
    }
};

// Per-listener settings: listener.name.<lowercased name>.<config> over <config>, validated as the config
// it overrides; a listener's security protocol and SASL mechanisms checked before anything binds.
class test_listener_config : public QObject {
    Q_OBJECT
private slots:
    void override_wins_over_the_broker_wide_value() {
        metadata::config_values v;
        QVERIFY(v.set("ssl.client.auth", "requested"));
        QVERIFY(v.set("listener.name.internal.ssl.client.auth", "required"));
        QCOMPARE(listener_config(v, "INTERNAL", "ssl.client.auth"), std::string("required"));
        QCOMPARE(listener_config(v, "EXTERNAL", "ssl.client.auth"), std::string("requested"));
        QCOMPARE(listener_config(v, "EXTERNAL", "ssl.enabled.protocols"), std::string("TLSv1.2,TLSv1.3"));
        auto tls = tls_settings_for(v, "INTERNAL");
        QVERIFY(tls);
        QVERIFY(tls->client_authentication == security::client_auth::required);
    }

    void overrides_are_validated_and_known() {
        metadata::config_values v;
        auto bad = v.set("listener.name.internal.ssl.client.auth", "always");
        QVERIFY(!bad);
        QVERIFY2(QString::fromStdString(bad.err().message).contains("listener.name.internal.ssl.client.auth"),
                 bad.err().message.c_str());
        QVERIFY(!v.set("ssl.enabled.protocols", "TLSv1.1"));
        QVERIFY(v.set("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "x required;"));
        QVERIFY(v.set("listener.name.sasl_ssl.bogus.setting", "1"));
        QCOMPARE(v.unknown_names(), std::vector<std::string>{"listener.name.sasl_ssl.bogus.setting"});
    }

    void sasl_settings_data() {
        QTest::addColumn<QString>("mechanisms");
        QTest::addColumn<QString>("jaas");
        QTest::addColumn<QString>("expected");  // users of PLAIN joined with ',', or "error: <substring>"
        const QString plain =
            "org.apache.kafka.common.security.plain.PlainLoginModule required user_a=\"x\" user_b=\"y\";";
        QTest::newRow("scram only") << "SCRAM-SHA-512"
                                    << ""
                                    << "";
        QTest::newRow("plain users") << "PLAIN,SCRAM-SHA-256" << plain << "a,b";
        QTest::newRow("kafka default") << ""
                                       << ""
                                       << "error: GSSAPI is not supported";
        QTest::newRow("oauth") << "OAUTHBEARER"
                               << ""
                               << "error: OAUTHBEARER is not supported";
        QTest::newRow("plain without jaas") << "PLAIN"
                                            << ""
                                            << "error: PLAIN needs listener.name.sasl_ssl.plain.sasl.jaas.config";
        QTest::newRow("wrong module") << "PLAIN"
                                      << "com.example.Other required;"
                                      << "error: no org.apache.kafka.common.security.plain.PlainLoginModule";
        QTest::newRow("broken jaas") << "PLAIN"
                                     << "PlainLoginModule required"
                                     << "error: must end with ';'";
    }
    void sasl_settings() {
        QFETCH(QString, mechanisms);
        QFETCH(QString, jaas);
        QFETCH(QString, expected);
        metadata::config_values v;
        if (!mechanisms.isEmpty())
            QVERIFY(v.set("listener.name.sasl_ssl.sasl.enabled.mechanisms", mechanisms.toStdString()));
        if (!jaas.isEmpty()) QVERIFY(v.set("listener.name.sasl_ssl.plain.sasl.jaas.config", jaas.toStdString()));
        auto s = sasl_settings_for(v, "SASL_SSL");
        if (expected.startsWith("error: ")) {
            QVERIFY(!s);
            QCOMPARE(s.err().code, protocol::error_code::invalid_config);
            QVERIFY2(QString::fromStdString(s.err().message).contains(expected.mid(7)), s.err().message.c_str());
            return;
        }
        QVERIFY2(s, s ? "" : s.err().message.c_str());
        QStringList users;
        if (s->plain_users)
            for (const auto& [name, password] : *s->plain_users) users << QString::fromStdString(name);
        QCOMPARE(users.join(","), expected);
    }

    void security_protocol_checked() {
        metadata::config_values v;
        auto unknown = listener_security_for(v, listener{"X", "h", 1, "KERBEROS"});
        QVERIFY(!unknown);
        QVERIFY(QString::fromStdString(unknown.err().message).contains("unknown security protocol KERBEROS"));
        auto no_keystore = listener_security_for(v, listener{"SSL", "h", 1, "SSL"});
        QVERIFY(!no_keystore);
        QVERIFY2(QString::fromStdString(no_keystore.err().message).contains("needs ssl.keystore.location"),
                 no_keystore.err().message.c_str());
        QVERIFY(v.set("ssl.keystore.type", "JKS"));
        QVERIFY(v.set("ssl.keystore.location", "/nonexistent.jks"));
        auto jks = listener_security_for(v, listener{"SSL", "h", 1, "SSL"});
        QVERIFY(!jks);
        QVERIFY2(QString::fromStdString(jks.err().message).contains("only PEM"), jks.err().message.c_str());
        auto plain = listener_security_for(v, listener{"PLAINTEXT", "h", 1, "PLAINTEXT"});
        QVERIFY(plain && !plain->tls);
    }
};

int main(int argc, char** argv) {
    int failures = 0;
    {
        test_listeners t;
        failures += QTest::qExec(&t, argc, argv);
    }
    {
        test_listener_config t;
        failures += QTest::qExec(&t, argc, argv);
    }
    return failures;
}
#include "test_listeners.moc"
