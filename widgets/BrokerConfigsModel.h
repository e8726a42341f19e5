// BrokerConfigsModel: every config of one broker as DescribeConfigs reports it — value (with units), source, Kafka's
// default and whether Kafka lets it change at run time (read-only configs need a restart).
#pragma once
#include <QAbstractTableModel>

#include "AdminTypes.h"

class BrokerConfigsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerConfigsModel)

public:
    enum Column
    {
        Name,
        Value,
        Readable,  // the value in human units
        Source,
        KafkaDefault,
        Mode,      // "read-only" or "dynamic"
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,
        ReadOnlyRole,
        SourceRole  // ConfigSource as int
    };

    explicit BrokerConfigsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    int rowOf(const QString &configName) const;
    QString brokerId() const { return m_description.resourceName; }
    const ConfigDescription &description() const { return m_description; }

public slots:
    // Replaces the entries (sorted by name); rows of the same broker are updated in place.
    void setDescription(const ConfigDescription &description);

private:
    ConfigDescription m_description;  // entries sorted by name
};
