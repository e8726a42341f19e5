// LocalCluster: the embedded local cluster the app starts for the user: N broker nodes (3 unless asked
// otherwise) in this process, replicated over loopback TCP exactly as separate hosts would be
// (sluice::cluster::local_cluster), with its data dir, ports and running state.
#pragma once
#include <memory>

#include <QList>
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

    // Starts the nodes on host 127.0.0.1, node N on port + N - 1 (port 0: free ports). A port that is taken
    // fails the start with a message naming it and the setting that changes it: never another port silently,
    // since a second Sluice on other ports would also open the same data directory.
    bool start(const QString &dataDir, quint16 port);
    void stop();
    // Leaves the cluster stopped as Failed with this message (settings that cannot work, checked by the caller).
    void refuseToStart(const QString &why);

    // One node of a running multi-node cluster: a clean stop (its port and data kept) and a start again, as an
    // operator would restart a broker. False for an unknown id, a one-node data dir or a stopped cluster.
    bool stopNode(int nodeId);
    bool startNode(int nodeId);
    bool isNodeRunning(int nodeId) const;
    // The node's ids (1..N) while running; empty otherwise and for a one-node data dir (no per-node controls).
    QList<int> nodeIds() const;
    // Stops a node as a crash would (no controlled shutdown, no fsync); a clean stop and a start again.
    bool killNode(int nodeId);
    bool restartNode(int nodeId);
    // Cuts every link between the node and the others (its clients keep their connections), adds a delay to
    // each of them, or heals every link. False (errorString() says why) for an unknown node or a bad value.
    bool isolateNode(int nodeId);
    bool delayNode(int nodeId, int milliseconds);
    void healAll();
    // Open connections of clients other than Sluice's own, on every node or on one.
    virtual int clientConnectionCount() const;
    int nodeClientConnectionCount(int nodeId) const;

    State state() const { return m_state; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }  // the port node 1 actually bound
    QString bootstrap() const;               // every node: "127.0.0.1:P1,127.0.0.1:P2,..."
    QString dataDir() const { return m_dataDir; }
    QString errorString() const { return m_errorString; }

signals:
    void stateChanged(LocalCluster::State state);

protected:
    // What startEngine() did: node 1's bound port, or 0 with the engine's error and whether a port was taken.
    struct EngineStart
    {
        quint16 port = 0;
        QString error;
        bool portTaken = false;
    };
    // The engine seam: start the nodes; every node's address; stop them. The defaults drive
    // sluice::cluster::local_cluster; tests override them.
    virtual EngineStart startEngine(const QString &dataDir, quint16 port);
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
