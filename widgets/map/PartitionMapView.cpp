#include "PartitionMapView.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "PartitionMapDelegate.h"
#include "PartitionMapModel.h"

namespace {

// A colored square and its meaning, for the legend.
QLabel *swatch(PartitionMapModel::CellState state, const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    const QColor color = PartitionMapDelegate::fillColor(state);
    label->setText(QStringLiteral("<span style=\"background-color:%1;color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                       .arg(color.name(), text.toHtmlEscaped()));
    label->setToolTip(toolTip);
    return label;
}

}  // namespace

PartitionMapView::PartitionMapView(PartitionMapModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_aggregationCombo(new QComboBox(this))
    , m_summaryLabel(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(PartitionMapModel::TopicNameRole);
    m_proxy->setFilterKeyColumn(PartitionMapModel::Topic);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filterEdit->setObjectName(QStringLiteral("mapTopicFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter the map by topic name…"));
    m_filterEdit->setClearButtonEnabled(true);
    using Aggregation = PartitionMapModel::Aggregation;
    m_aggregationCombo->setObjectName(QStringLiteral("mapAggregation"));
    m_aggregationCombo->addItem(tr("Rows: automatic"), QVariant::fromValue(Aggregation::Automatic));
    m_aggregationCombo->addItem(tr("Rows: one per partition"), QVariant::fromValue(Aggregation::PerPartition));
    m_aggregationCombo->addItem(tr("Rows: one per topic"), QVariant::fromValue(Aggregation::PerTopic));
    m_aggregationCombo->setToolTip(tr("Automatic shows one row per partition up to %1 partitions, then one row per topic")
                                       .arg(PartitionMapModel::AggregateAbove));
    m_summaryLabel->setObjectName(QStringLiteral("mapSummary"));
    m_summaryLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_table->setObjectName(QStringLiteral("partitionMapTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new PartitionMapDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights: the view never measures 10,000 rows.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultAlignment(Qt::AlignCenter);
    header->resizeSection(PartitionMapModel::Topic, fontMetrics().horizontalAdvance(QStringLiteral("__consumer_offsets")) + 24);
    header->resizeSection(PartitionMapModel::Partition, fontMetrics().horizontalAdvance(tr("%Ln partition(s)", nullptr, 9999)) + 16);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_aggregationCombo);
    toolbar->addWidget(m_summaryLabel);

    using State = PartitionMapModel::CellState;
    auto *legend = new QHBoxLayout;
    legend->addWidget(swatch(State::Leader, tr("Leader"), tr("The broker serving produce and fetch"), this));
    legend->addWidget(swatch(State::InSyncFollower, tr("In-sync follower"), tr("A replica in the ISR"), this));
    legend->addWidget(swatch(State::OutOfSync, tr("Out of sync"),
                             tr("A replica on a live broker that is not in the ISR: it fell behind the leader"), this));
    legend->addWidget(swatch(State::Offline, tr("Offline"),
                             tr("A replica on a broker missing from the metadata, or of a partition without a leader"), this));
    auto *topicRowsNote = new QLabel(tr("Topic rows: L = partitions led, R = replicas held (leaders included)"), this);
    topicRowsNote->setObjectName(QStringLiteral("mapTopicRowsNote"));
    legend->addSpacing(12);
    legend->addWidget(topicRowsNote);
    legend->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addLayout(legend);
    layout->addWidget(m_table, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &PartitionMapView::updateSummary);
    connect(m_aggregationCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setAggregation(m_aggregationCombo->currentData().value<PartitionMapModel::Aggregation>());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PartitionMapView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PartitionMapView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PartitionMapView::updateSummary);
    connect(m_model, &QAbstractItemModel::columnsInserted, this, &PartitionMapView::resizeBrokerColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_resetPending = true;  // another kind of row: fit the columns afresh
        resizeBrokerColumns();
    });
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, &PartitionMapView::resizeBrokerColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [topicRowsNote, this] { topicRowsNote->setVisible(m_model->isAggregated()); });
    topicRowsNote->setVisible(m_model->isAggregated());
    resizeBrokerColumns();
    updateSummary();
}

void PartitionMapView::resizeBrokerColumns()
{
    // Wide enough for a topic row's counts (a partition row's state name fits easily) and for the header's lines.
    // Columns only grow between resets, so they do not twitch as the counts in the headers change.
    const int cellWidth = fontMetrics().horizontalAdvance(m_model->isAggregated() ? tr("L 999 · R 9,999 · 99 out of sync")
                                                                                   : tr("Out of sync") + QStringLiteral("MMMM"));
    QHeaderView *header = m_table->horizontalHeader();
    for (int column = PartitionMapModel::FirstBrokerColumn; column < m_model->columnCount(); ++column) {
        int width = cellWidth;
        const QStringList lines = m_model->headerData(column, Qt::Horizontal).toString().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            width = std::max(width, header->fontMetrics().horizontalAdvance(line) + 16);
        if (header->sectionSize(column) < width || m_resetPending)
            header->resizeSection(column, width);
    }
    m_resetPending = false;
}

void PartitionMapView::updateSummary()
{
    const int partitions = m_model->partitionCount();
    QString text = m_model->isAggregated() ? tr("%Ln partition(s), one row per topic", nullptr, partitions)
                                           : tr("%Ln partition(s)", nullptr, partitions);
    if (m_proxy->rowCount() != m_model->rowCount())
        text = tr("%1 of %2 rows shown · ").arg(m_proxy->rowCount()).arg(m_model->rowCount()) + text;
    m_summaryLabel->setText(text);
}
