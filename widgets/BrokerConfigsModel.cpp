#include "BrokerConfigsModel.h"

#include <algorithm>

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include "TopicConfigCatalog.h"
#include "units.h"

BrokerConfigsModel::BrokerConfigsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int BrokerConfigsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_description.entries.size());
}

int BrokerConfigsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int BrokerConfigsModel::rowOf(const QString &configName) const
{
    for (int row = 0; row < m_description.entries.size(); ++row)
        if (m_description.entries.at(row).name == configName)
            return row;
    return -1;
}

Qt::ItemFlags BrokerConfigsModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant BrokerConfigsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const ConfigEntry &e = m_description.entries.at(index.row());
    const auto info = TopicConfigCatalog::brokerConfig(e.name);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return e.name;
        case Value:
            if (e.sensitive)
                return tr("(sensitive)");
            return e.isNull ? tr("(none)") : e.value;
        case Readable:
            return e.sensitive || e.isNull ? QString() : Units::formatConfigValue(e.name, e.value);
        case Source:
            return TopicConfigCatalog::sourceText(e.source);
        case KafkaDefault:
            return info.known ? info.kafkaDefault : QString();
        case Mode:
            return e.readOnly ? tr("read-only") : tr("dynamic");
        default:
            return {};
        }
    case RawValueRole:
        return e.value;
    case ReadOnlyRole:
        return e.readOnly;
    case SourceRole:
        return static_cast<int>(e.source);
    case Qt::ToolTipRole: {
        QString tip = info.documentation;
        if (!tip.isEmpty())
            tip += QLatin1Char('\n');
        tip += tr("Source: %1").arg(TopicConfigCatalog::sourceKafkaName(e.source));
        if (e.readOnly)
            tip += QLatin1Char('\n') + tr("Read-only: changing it needs server.properties and a restart.");
        for (const ConfigSynonym &synonym : e.synonyms)
            tip += QLatin1Char('\n') + QStringLiteral("  %1=%2 (%3)").arg(synonym.name, synonym.value,
                                                                         TopicConfigCatalog::sourceKafkaName(synonym.source));
        return tip;
    }
    case Qt::ForegroundRole:
        if (e.readOnly)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (e.source != ConfigSource::Default && e.source != ConfigSource::Unknown) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant BrokerConfigsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Config");
    case Value:
        return tr("Value");
    case Readable:
        return tr("Readable");
    case Source:
        return tr("Source");
    case KafkaDefault:
        return tr("Kafka default");
    case Mode:
        return tr("Mode");
    default:
        return {};
    }
}

void BrokerConfigsModel::setDescription(const ConfigDescription &description)
{
    ConfigDescription sorted = description;
    std::sort(sorted.entries.begin(), sorted.entries.end(),
              [](const ConfigEntry &a, const ConfigEntry &b) { return a.name < b.name; });
    const bool sameShape = sorted.resourceName == m_description.resourceName &&
                           sorted.entries.size() == m_description.entries.size() &&
                           std::equal(sorted.entries.cbegin(), sorted.entries.cend(), m_description.entries.cbegin(),
                                      [](const ConfigEntry &a, const ConfigEntry &b) { return a.name == b.name; });
    if (sameShape) {
        m_description = sorted;
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_description = sorted;
    endResetModel();
}
