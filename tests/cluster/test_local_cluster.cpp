// local_cluster: N nodes in one process, each on its own port and data directory; nodes stop and start
// again on the same port and data; bad sizes are refused with a message.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <fstream>
#include <set>

#include "engine/client/connection.h"
#include "engine/cluster/local_cluster.h"

using namespace sluice;

namespace {
bool answers_kafka(uint16_t port) {
    auto conn = client::connection::open("127.0.0.1:" + std::to_string(port), std::chrono::seconds(5));
    return conn.ok();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

class test_local_cluster : public QObject {
    Q_OBJECT
private slots:
    void three_nodes_on_their_own_ports_and_dirs() {
        QTemporaryDir dir;
        cluster::local_cluster_config config;
        config.nodes = 3;
        config.data_dir = dir.path().toStdString();
        config.first_port = 0;
        auto started = cluster::local_cluster::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto& local = *started.value();
        QCOMPARE(local.size(), 3);
        QCOMPARE(local.node_ids(), (std::vector<int32_t>{1, 2, 3}));
        std::set<uint16_t> ports;
        for (int32_t id : local.node_ids()) {
            ports.insert(local.port(id));
            QVERIFY2(answers_kafka(local.port(id)), ("node " + std::to_string(id) + " does not answer").c_str());
            auto meta = read_file(config.data_dir / ("node-" + std::to_string(id)) / "meta.properties");
            QVERIFY2(meta.find("node.id=" + std::to_string(id) + "\n") != std::string::npos, meta.c_str());
        }
        QCOMPARE(ports.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(local.quorum_voters()),
                 QString("1@127.0.0.1:%1,2@127.0.0.1:%2,3@127.0.0.1:%3").arg(local.port(1)).arg(local.port(2)).arg(local.port(3)));
        const std::string bootstrap = local.bootstrap();
        QCOMPARE(std::count(bootstrap.begin(), bootstrap.end(), ','), 2);
    }

    void a_stopped_node_starts_again_on_its_port() {
        QTemporaryDir dir;
        cluster::local_cluster_config config;
        config.nodes = 2;
        config.data_dir = dir.path().toStdString();
        config.first_port = 0;
        auto started = cluster::local_cluster::start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        auto& local = *started.value();
        uint16_t port = local.port(2);
        local.stop_node(2);
        QVERIFY(!local.is_running(2));
        QVERIFY2(!answers_kafka(port), "a stopped node must not accept connections");
        QVERIFY(answers_kafka(local.port(1)));
        auto again = local.start_node(2);
        QVERIFY2(again.ok(), again.ok() ? "" : again.err().message.c_str());
        QVERIFY(local.is_running(2));
        QCOMPARE(local.port(2), port);
        QVERIFY(answers_kafka(port));
    }

    void bad_configs_are_refused_data() {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<bool>("with_dir");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero nodes") << 0 << true << "1 to 64 nodes";
        QTest::newRow("too many") << 65 << true << "1 to 64 nodes";
        QTest::newRow("no data dir") << 3 << false << "needs a data directory";
    }
    void bad_configs_are_refused() {
        QFETCH(int, nodes);
        QFETCH(bool, with_dir);
        QFETCH(QString, message);
        QTemporaryDir dir;
        cluster::local_cluster_config config;
        config.nodes = nodes;
        if (with_dir) config.data_dir = dir.path().toStdString();
        config.first_port = 0;
        auto started = cluster::local_cluster::start(config);
        QVERIFY(!started.ok());
        QVERIFY2(QString::fromStdString(started.err().message).contains(message), started.err().message.c_str());
    }

    void unknown_node_cannot_start() {
        QTemporaryDir dir;
        cluster::local_cluster_config config;
        config.nodes = 1;
        config.data_dir = dir.path().toStdString();
        config.first_port = 0;
        auto started = cluster::local_cluster::start(config);
        QVERIFY(started.ok());
        auto result = started.value()->start_node(7);
        QVERIFY(!result.ok());
        QVERIFY(QString::fromStdString(result.err().message).contains("no node 7"));
    }
};

QTEST_GUILESS_MAIN(test_local_cluster)
#include "test_local_cluster.moc"
