#include "PartitionsView.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "PartitionsFilterModel.h"
#include "PartitionsModel.h"
#include "ReadOnlyTable.h"

PartitionsView::PartitionsView(PartitionsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new PartitionsFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_healthCombo(new QComboBox(this))
    , m_countLabel(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);

    m_filterEdit->setPlaceholderText(tr("Filter partitions by topic name…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setObjectName(QStringLiteral("partitionTopicFilter"));
    using Filter = PartitionsFilterModel::HealthFilter;
    m_healthCombo->setObjectName(QStringLiteral("partitionHealthFilter"));
    m_healthCombo->addItem(tr("All partitions"), QVariant::fromValue(Filter::All));
    m_healthCombo->addItem(tr("Any problem"), QVariant::fromValue(Filter::AnyProblem));
    m_healthCombo->addItem(tr("Under-replicated"), QVariant::fromValue(Filter::UnderReplicated));
    m_healthCombo->addItem(tr("Offline (no leader)"), QVariant::fromValue(Filter::Offline));
    m_healthCombo->addItem(tr("Leader not preferred"), QVariant::fromValue(Filter::NotPreferredLeader));
    m_healthCombo->setToolTip(tr("Under-replicated: fewer in-sync replicas than replicas. Offline: no leader. "
                                 "Leader not preferred: led by a replica other than the first."));
    m_countLabel->setObjectName(QStringLiteral("partitionCount"));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_table->setObjectName(QStringLiteral("partitionsTable"));
    ReadOnlyTable::setUp(m_table, m_proxy, PartitionsModel::Topic);
    QHeaderView *header = m_table->horizontalHeader();
    // Fixed widths that fit a typical value; the window's spare width goes to the last column.
    header->setStretchLastSection(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    header->resizeSection(PartitionsModel::Topic, fontMetrics().horizontalAdvance(QStringLiteral("payments.settled")) + 24);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("999,999,999")) + 16;
    const int statusWidth = fontMetrics().horizontalAdvance(tr("Leader not preferred")) + 28;  // with the icon
    for (int column = PartitionsModel::Partition; column < PartitionsModel::ColumnCount; ++column) {
        const int labelWidth = ReadOnlyTable::labelWidth(m_table, column);
        int width = labelWidth;
        if (column == PartitionsModel::StartOffset || column == PartitionsModel::HighWatermark ||
            column == PartitionsModel::LogEndOffset)
            width = std::max(labelWidth, numberWidth);
        else if (column == PartitionsModel::Status)
            width = std::max(labelWidth, statusWidth);
        header->resizeSection(column, width);
    }

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_healthCombo);
    toolbar->addWidget(m_countLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_table, 1);

    // Typing widens an exact topic (from "Show partitions") back to a part of a name.
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setTopicFilter(text, m_proxy->isExactTopic() && text == m_proxy->topicFilter());
    });
    connect(m_healthCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setHealthFilter(m_healthCombo->currentData().value<PartitionsFilterModel::HealthFilter>());
        updateCountLabel();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &PartitionsView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PartitionsView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &PartitionsView::updateCountLabel);
    updateCountLabel();
}

void PartitionsView::showTopic(const QString &topicName)
{
    m_healthCombo->setCurrentIndex(0);
    m_proxy->setTopicFilter(topicName, true);
    m_filterEdit->setText(topicName);  // same text: the filter stays exact
    updateCountLabel();
}

void PartitionsView::updateCountLabel()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(shown == total ? tr("%n partition(s)", nullptr, total)
                                         : tr("%1 of %n partition(s)", nullptr, total).arg(shown));
}
