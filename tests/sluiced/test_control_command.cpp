// sluiced's control commands (--control-stdin): every verb parses with its node ids and values; wrong
// arity, bad numbers and unknown verbs are refused with a message that says what the verb expects.
#include <QtTest>

#include "sluiced/control_command.h"

using namespace sluice;
using daemon::control_command;
using verb = control_command::verb;

Q_DECLARE_METATYPE(verb)

class test_control_command : public QObject {
    Q_OBJECT
private slots:
    void parses_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<verb>("what");
        QTest::addColumn<QList<int>>("nodes");
        QTest::addColumn<qint64>("delay_ms");
        QTest::addColumn<double>("probability");
        QTest::newRow("stop") << "stop 2" << verb::stop << QList<int>{2} << qint64(0) << 0.0;
        QTest::newRow("kill") << "kill 1" << verb::kill << QList<int>{1} << qint64(0) << 0.0;
        QTest::newRow("start") << "start 3" << verb::start << QList<int>{3} << qint64(0) << 0.0;
        QTest::newRow("cut") << "cut 1 3" << verb::cut << QList<int>{1, 3} << qint64(0) << 0.0;
        QTest::newRow("isolate") << "isolate 1" << verb::isolate << QList<int>{1} << qint64(0) << 0.0;
        QTest::newRow("delay") << "delay 1 2 250" << verb::delay << QList<int>{1, 2} << qint64(250) << 0.0;
        QTest::newRow("drop") << "drop 2 3 0.25" << verb::drop << QList<int>{2, 3} << qint64(0) << 0.25;
        QTest::newRow("drop all") << "drop 2 3 1" << verb::drop << QList<int>{2, 3} << qint64(0) << 1.0;
        QTest::newRow("heal all") << "heal" << verb::heal << QList<int>{} << qint64(0) << 0.0;
        QTest::newRow("heal one link") << "heal 1 2" << verb::heal << QList<int>{1, 2} << qint64(0) << 0.0;
        QTest::newRow("status") << "status" << verb::status << QList<int>{} << qint64(0) << 0.0;
        QTest::newRow("blanks and CR") << "  cut\t1  2 \r" << verb::cut << QList<int>{1, 2} << qint64(0) << 0.0;
    }
    void parses() {
        QFETCH(QString, line);
        QFETCH(verb, what);
        QFETCH(QList<int>, nodes);
        QFETCH(qint64, delay_ms);
        QFETCH(double, probability);
        auto parsed = daemon::parse_control_command(line.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.err().message.c_str());
        QCOMPARE(parsed->what, what);
        QCOMPARE(QList<int>(parsed->nodes.begin(), parsed->nodes.end()), nodes);
        QCOMPARE(parsed->delay_ms, delay_ms);
        QCOMPARE(parsed->probability, probability);
    }

    void refuses_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "empty command";
        QTest::newRow("unknown verb") << "reboot 1"
                                      << "unknown command 'reboot'";
        QTest::newRow("unknown verb lists the verbs") << "x"
                                                      << "delay A B MS";
        QTest::newRow("verbs are lower case") << "STOP 1"
                                              << "unknown command 'STOP'";
        QTest::newRow("stop without id") << "stop"
                                         << "'stop' expects: stop N";
        QTest::newRow("stop with two ids") << "stop 1 2"
                                           << "'stop' expects: stop N";
        QTest::newRow("cut with one id") << "cut 1"
                                         << "'cut' expects: cut A B";
        QTest::newRow("heal with one id") << "heal 1"
                                          << "'heal' expects: heal [A B]";
        QTest::newRow("status with an argument") << "status 1"
                                                 << "'status' expects: status";
        QTest::newRow("id not a number") << "start one"
                                         << "'one' is not a node id";
        QTest::newRow("negative id") << "isolate -1"
                                     << "'-1' is not a node id";
        QTest::newRow("id with junk") << "cut 1 2x"
                                      << "'2x' is not a node id";
        QTest::newRow("delay without ms") << "delay 1 2"
                                          << "'delay' expects: delay A B MS";
        QTest::newRow("negative delay") << "delay 1 2 -5"
                                        << "not a delay";
        QTest::newRow("huge delay") << "delay 1 2 999999999"
                                    << "not a delay";
        QTest::newRow("delay not a number") << "delay 1 2 soon"
                                            << "not a delay";
        QTest::newRow("probability above 1") << "drop 1 2 1.5"
                                             << "not a probability";
        QTest::newRow("negative probability") << "drop 1 2 -0.1"
                                              << "not a probability";
        QTest::newRow("probability not a number") << "drop 1 2 half"
                                                  << "not a probability";
        QTest::newRow("nan probability") << "drop 1 2 nan"
                                         << "not a probability";
    }
    void refuses() {
        QFETCH(QString, line);
        QFETCH(QString, message);
        auto parsed = daemon::parse_control_command(line.toStdString());
        QVERIFY(!parsed.ok());
        QVERIFY2(QString::fromStdString(parsed.err().message).contains(message), parsed.err().message.c_str());
    }
};

QTEST_GUILESS_MAIN(test_control_command)
#include "test_control_command.moc"
