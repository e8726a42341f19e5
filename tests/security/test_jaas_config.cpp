// Kafka's sasl.jaas.config syntax: modules, flags, quoted and bare values, several entries, and the
// errors a broken value gets (data-driven); PLAIN's users from user_<name> options.
#include <QtTest>

#include "engine/security/jaas_config.h"
#include "engine/security/plain_server.h"

using namespace sluice;
using namespace sluice::security;

namespace {
// module|flag|k=v;k=v  per module, joined with " / "
QString describe(const std::vector<jaas_module>& modules) {
    QStringList parts;
    for (const auto& m : modules) {
        QStringList options;
        for (const auto& [k, v] : m.options) options << QString::fromStdString(k + "=" + v);
        parts << QString::fromStdString(m.class_name + "|" + m.flag + "|") + options.join(";");
    }
    return parts.join(" / ");
}
}  // namespace

class test_jaas_config : public QObject {
    Q_OBJECT
private slots:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");  // described modules, or "error: <substring>"
        QTest::newRow("kafka docs plain")
            << "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
               "password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";"
            << "org.apache.kafka.common.security.plain.PlainLoginModule|required|password=admin-secret;user_admin="
               "admin-"
               "secret;user_alice=alice-secret;username=admin";
        QTest::newRow("bare values, newlines")
            << "org.apache.kafka.common.security.scram.ScramLoginModule required\n  username=admin\n  password=x ;"
            << "org.apache.kafka.common.security.scram.ScramLoginModule|required|password=x;username=admin";
        QTest::newRow("quoted specials") << "M optional a=\"semi;colon = \\\"quoted\\\" sp ace\";"
                                         << "M|optional|a=semi;colon = \"quoted\" sp ace";
        QTest::newRow("two modules") << "A required x=1; B sufficient;"
                                     << "A|required|x=1 / B|sufficient|";
        QTest::newRow("empty quoted value") << "M required user_bob=\"\";"
                                            << "M|required|user_bob=";
        QTest::newRow("no semicolon") << "M required a=\"b\""
                                      << "error: must end with ';'";
        QTest::newRow("bad flag") << "M mandatory;"
                                  << "error: expected a control flag";
        QTest::newRow("no value") << "M required a=;"
                                  << "error: expected a value for option a";
        QTest::newRow("unterminated") << "M required a=\"b;"
                                      << "error: unterminated quoted value";
        QTest::newRow("no equals") << "M required a b;"
                                   << "error: expected '=' after option a";
        QTest::newRow("empty") << "   "
                               << "error: no login module";
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto parsed = parse_jaas_config(text.toStdString());
        if (expected.startsWith("error: ")) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.err().code, protocol::error_code::invalid_config);
            QVERIFY2(QString::fromStdString(parsed.err().message).contains(expected.mid(7)),
                     parsed.err().message.c_str());
        } else {
            QVERIFY2(parsed, parsed ? "" : parsed.err().message.c_str());
            QCOMPARE(describe(parsed.value()), expected);
        }
    }

    void plain_users_and_exchange() {
        auto parsed = parse_jaas_config(
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
            "password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";");
        QVERIFY(parsed);
        auto users = std::make_shared<const plain_users>(plain_users_of(parsed->front()));
        QCOMPARE(users->size(), std::size_t{2});
        auto token = [](std::string_view s) {
            return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size());
        };
        using namespace std::string_view_literals;
        auto ok = plain_server(users).evaluate(token("\0alice\0alice-secret"sv));
        QVERIFY(ok && ok->complete);
        QCOMPARE(ok->authorized_id, std::string("alice"));
        QVERIFY(plain_server(users).evaluate(token("alice\0alice\0alice-secret"sv)));
        for (auto bad : {"\0alice\0wrong"sv, "\0mallory\0alice-secret"sv, "admin\0alice\0alice-secret"sv, "\0alice"sv,
                         "\0\0x"sv}) {
            auto refused = plain_server(users).evaluate(token(bad));
            QVERIFY(!refused);
            QCOMPARE(refused.err().code, protocol::error_code::sasl_authentication_failed);
        }
    }
};

QTEST_APPLESS_MAIN(test_jaas_config)
#include "test_jaas_config.moc"
