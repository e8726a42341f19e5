// LocalCluster: the embedded local cluster the app starts for the user: N broker nodes (3 unless asked
// otherwise) in this process, replicated over loopback TCP exactly as separate hosts would be
// (sluice::cluster::local_cluster), with its data dir, ports and running state.
#pragma once
#include <memory>

#include <QObject>
#include <QString>

class LocalCluster : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalCluster)

public:
    static constexpr quint16 DefaultPort = 9092;
    static constexpr int DefaultNodeCount = 3;
    static constexpr int MaxNodeCount = 9;

    enum class State
    {
        Stopped,
        Running,
        Failed
    };
    Q_ENUM(State)

    explicit LocalCluster(QObject *parent = nullptr);
    ~LocalCluster() override;

    // QStandardPaths::AppDataLocation + "/local-cluster".
    static QString defaultDataDir();

    // How many nodes start() runs (1..MaxNodeCount). A data dir written by a one-node Sluice (its
    // meta.properties at the top) still starts as that one node, so no topic disappears.
    void setNodeCount(int nodes) { m_requestedNodes = nodes; }
    int nodeCount() const { return m_nodes; }  // of the running cluster

    // Starts the nodes on host 127.0.0.1, node N on port + N - 1. If a port is busy and fallbackToAnyPort,
    // retries on ephemeral ports.
    bool start(const QString &dataDir, quint16 port, bool fallbackToAnyPort);
    void stop();

    // One node of a running multi-node cluster: a clean stop (its port and data kept) and a start again, as an
    // operator would restart a broker. False for an unknown id, a one-node data dir or a stopped cluster.
    bool stopNode(int nodeId);
    bool startNode(int nodeId);
    bool isNodeRunning(int nodeId) const;

    State state() const { return m_state; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }  // the port node 1 actually bound
    QString bootstrap() const;               // every node: "127.0.0.1:P1,127.0.0.1:P2,..."
    QString dataDir() const { return m_dataDir; }
    QString errorString() const { return m_errorString; }

signals:
    void stateChanged(LocalCluster::State state);

protected:
    // The engine seam: start the nodes and return node 1's bound port (0 and *error on failure); every node's
    // address; stop them. The defaults drive sluice::cluster::local_cluster; tests override them.
    virtual quint16 startEngine(const QString &dataDir, quint16 port, QString *error);
    virtual QString engineBootstrap() const;
    virtual void stopEngine();
    int requestedNodeCount() const { return m_requestedNodes; }

private:
    void setState(State state);

    struct Engine;
    std::unique_ptr<Engine> m_engine;
    State m_state = State::Stopped;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    int m_requestedNodes = DefaultNodeCount;
    int m_nodes = 0;
    QString m_dataDir;
    QString m_errorString;
};
