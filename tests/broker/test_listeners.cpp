// Kafka's listener and quorum-voter configs: what parses, what each part becomes, and the message a bad
// value gets (data-driven).
#include <QtTest>

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

QTEST_GUILESS_MAIN(test_listeners)
#include "test_listeners.moc"
