// Kafka error names and the retriable set.
#include <QtTest>

#include "engine/common/error_code.h"

using namespace sluice::protocol;
Q_DECLARE_METATYPE(sluice::protocol::error_code)

class test_error_code : public QObject {
    Q_OBJECT
private slots:
    void names_and_retriable_data() {
        QTest::addColumn<error_code>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("retriable");
        QTest::newRow("-1") << error_code::unknown_server_error << "UNKNOWN_SERVER_ERROR" << false;
        QTest::newRow("0") << error_code::none << "NONE" << false;
        QTest::newRow("1") << error_code::offset_out_of_range << "OFFSET_OUT_OF_RANGE" << false;
        QTest::newRow("2") << error_code::corrupt_message << "CORRUPT_MESSAGE" << true;
        QTest::newRow("6") << error_code::not_leader_or_follower << "NOT_LEADER_OR_FOLLOWER" << true;
        QTest::newRow("7") << error_code::request_timed_out << "REQUEST_TIMED_OUT" << true;
        QTest::newRow("17") << error_code::invalid_topic_exception << "INVALID_TOPIC_EXCEPTION" << false;
        QTest::newRow("19") << error_code::not_enough_replicas << "NOT_ENOUGH_REPLICAS" << true;
        QTest::newRow("27") << error_code::rebalance_in_progress << "REBALANCE_IN_PROGRESS" << false;
        QTest::newRow("35") << error_code::unsupported_version << "UNSUPPORTED_VERSION" << false;
        QTest::newRow("43") << error_code::unsupported_for_message_format << "UNSUPPORTED_FOR_MESSAGE_FORMAT" << false;
        QTest::newRow("74") << error_code::fenced_leader_epoch << "FENCED_LEADER_EPOCH" << true;
        QTest::newRow("76") << error_code::unsupported_compression_type << "UNSUPPORTED_COMPRESSION_TYPE" << false;
        QTest::newRow("89") << error_code::throttling_quota_exceeded << "THROTTLING_QUOTA_EXCEEDED" << true;
        QTest::newRow("106") << error_code::fetch_session_topic_id_error << "FETCH_SESSION_TOPIC_ID_ERROR" << true;
        QTest::newRow("107") << error_code::ineligible_replica << "INELIGIBLE_REPLICA" << false;
        QTest::newRow("108") << error_code::new_leader_elected << "NEW_LEADER_ELECTED" << false;
        QTest::newRow("unlisted") << static_cast<error_code>(9999) << "UNKNOWN" << false;
    }
    void names_and_retriable() {
        QFETCH(error_code, code);
        QFETCH(QString, name);
        QFETCH(bool, retriable);
        QCOMPARE(QString::fromUtf8(error_name(code).data(), static_cast<qsizetype>(error_name(code).size())), name);
        QCOMPARE(is_retriable(code), retriable);
    }
};

QTEST_APPLESS_MAIN(test_error_code)
#include "test_error_code.moc"
