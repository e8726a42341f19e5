// ssl.principal.mapping.rules as Kafka documents them: DEFAULT, RULE:pattern/replacement/ with L and U,
// rules tried in order, commas inside patterns, and what a name no rule matches gets (data-driven).
#include <QtTest>

#include "engine/security/principal_mapping.h"

using namespace sluice;
using namespace sluice::security;

class test_principal_mapping : public QObject {
    Q_OBJECT
private slots:
    void maps_data() {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("dn");
        QTest::addColumn<QString>("expected");  // the name, or "error: <substring>"
        QTest::newRow("default") << "DEFAULT"
                                 << "CN=alice,OU=eng,O=Sluice"
                                 << "CN=alice,OU=eng,O=Sluice";
        QTest::newRow("kafka docs cn") << "RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/,DEFAULT"
                                       << "CN=kafka-svc,OU=ServiceUsers,O=Unknown,C=US"
                                       << "kafka-svc";
        QTest::newRow("falls through to default") << "RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/,DEFAULT"
                                                  << "CN=bob,OU=People,O=Unknown"
                                                  << "CN=bob,OU=People,O=Unknown";
        QTest::newRow("lower case") << "RULE:^CN=(.*?),OU=(.*?)$/$1@$2/L"
                                    << "CN=Admin,OU=OPS"
                                    << "admin@ops";
        QTest::newRow("upper case") << "RULE:^CN=(.*?),OU=(.*?)$/$1@$2/U"
                                    << "CN=Admin,OU=ops"
                                    << "ADMIN@OPS";
        QTest::newRow("escaped slash") << "RULE:^CN=(.*?)\\/x$/u\\/$1/"
                                       << "CN=a/x"
                                       << "u/a";
        QTest::newRow("spaces between rules") << "RULE:^CN=a$/first/ ,  RULE:^CN=(.*)$/$1/"
                                              << "CN=b"
                                              << "b";
        QTest::newRow("first match wins") << "RULE:^CN=(.*)$/one/,RULE:^CN=(.*)$/two/"
                                          << "CN=x"
                                          << "one";
        QTest::newRow("no rule applies") << "RULE:^CN=a$/a/"
                                         << "CN=b"
                                         << "error: No rules apply to CN=b";
    }
    void maps() {
        QFETCH(QString, rules);
        QFETCH(QString, dn);
        QFETCH(QString, expected);
        auto mapper = principal_mapper::parse(rules.toStdString());
        QVERIFY2(mapper, mapper ? "" : mapper.err().message.c_str());
        auto name = mapper->map(dn.toStdString());
        if (expected.startsWith("error: ")) {
            QVERIFY(!name);
            QVERIFY2(QString::fromStdString(name.err().message).contains(expected.mid(7)), name.err().message.c_str());
        } else {
            QVERIFY2(name, name ? "" : name.err().message.c_str());
            QCOMPARE(QString::fromStdString(name.value()), expected);
        }
    }

    void refuses_data() {
        QTest::addColumn<QString>("rules");
        QTest::newRow("empty") << "";
        QTest::newRow("unknown word") << "SOMETIMES";
        QTest::newRow("no replacement") << "RULE:^CN=(.*)$";
        QTest::newRow("bad regex") << "RULE:^CN=((.*$/$1/";
        QTest::newRow("dangling comma") << "DEFAULT,";
        QTest::newRow("junk after rule") << "RULE:a/b/x";
    }
    void refuses() {
        QFETCH(QString, rules);
        auto mapper = principal_mapper::parse(rules.toStdString());
        QVERIFY(!mapper);
        QCOMPARE(mapper.err().code, protocol::error_code::invalid_config);
    }
};

QTEST_APPLESS_MAIN(test_principal_mapping)
#include "test_principal_mapping.moc"
