// LocalCluster: the embedded broker node the app starts for the user (data dir, port, running state).
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

    // Starts one node on host 127.0.0.1. If port is busy and fallbackToAnyPort, retries on an ephemeral port.
    bool start(const QString &dataDir, quint16 port, bool fallbackToAnyPort);
    void stop();

    State state() const { return m_state; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }  // the port actually bound
    QString bootstrap() const;               // "127.0.0.1:PORT"
    QString dataDir() const { return m_dataDir; }
    QString errorString() const { return m_errorString; }

signals:
    void stateChanged(LocalCluster::State state);

protected:
    // The engine seam: start a node and return the bound port (0 and *error on failure); stop it.
    // The default implementations drive sluice::broker::node; tests override them to run without a broker.
    virtual quint16 startEngine(const QString &dataDir, quint16 port, QString *error);
    virtual void stopEngine();

private:
    void setState(State state);

    struct Engine;
    std::unique_ptr<Engine> m_engine;
    State m_state = State::Stopped;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    QString m_dataDir;
    QString m_errorString;
};
