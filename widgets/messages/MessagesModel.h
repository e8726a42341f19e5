// MessagesModel: the records of one topic's chosen partitions, read in pages through a MessagesSession: the first
// page when started, the next when a view scrolls to the end (fetchMore), and, while live, new records as they
// arrive. Cells show bounded previews (a 1 MB value costs the table a few hundred characters); record() gives the
// whole record for a detail pane.
#pragma once
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

#include "MessagesSession.h"
#include "ValueFormat.h"

class MessagesModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesModel)

public:
    enum Column
    {
        PartitionColumn,
        OffsetColumn,
        TimestampColumn,
        KeyColumn,
        ValueColumn,
        SizeColumn,
        HeadersColumn,
        ColumnCount
    };
    enum Role
    {
        // The raw value bytes (QByteArray, null for a null value) and key, for filters and tests.
        ValueBytesRole = Qt::UserRole + 1,
        KeyBytesRole,
        OffsetRole,  // qint64
        PartitionRole,
    };
    // Paging stops here (the status says so): records beyond are read by starting at a later position.
    static constexpr int DefaultMaxRows = 200000;
    static constexpr qint64 DefaultMaxBytes = qint64{512} << 20;

    explicit MessagesModel(MessagesSession *session, QObject *parent = nullptr);

    // Forgets the records and reads from `start` in `partitions` of `topic` (all when empty).
    void start(const QString &topic, const std::vector<int32_t> &partitions, sluice::client::start_position start);
    void clear();
    // While live, the model keeps asking for new records (long polls) once it has read to the end.
    void setLive(bool live);
    bool isLive() const { return m_live; }
    void setValueFormat(ValueFormat format);
    ValueFormat valueFormat() const { return m_format; }
    void setLimits(int maxRows, qint64 maxBytes);

    QString topic() const { return m_topic; }
    bool isBusy() const { return m_busy; }
    // Read every record up to each partition's high watermark.
    bool atEnd() const;
    bool limitReached() const;
    QString errorString() const { return m_error; }
    const std::vector<sluice::client::partition_position> &positions() const { return m_positions; }
    const sluice::client::message &record(int row) const { return m_rows[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // After a page arrived, an error, or busy changing: for status lines.
    void stateChanged();

private:
    void onPage(quint64 ticket, MessagePagePtr page, const QString &error);
    void requestNext(int maxWaitMs);

    QPointer<MessagesSession> m_session;
    QString m_topic;
    std::vector<sluice::client::message> m_rows;
    std::vector<sluice::client::partition_position> m_positions;
    quint64 m_ticket = 0;
    bool m_busy = false;
    bool m_live = false;
    bool m_started = false;
    ValueFormat m_format = ValueFormat::Text;
    QString m_error;
    int m_maxRows = DefaultMaxRows;
    qint64 m_maxBytes = DefaultMaxBytes;
    qint64 m_bytes = 0;
};
