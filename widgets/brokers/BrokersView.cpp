#include "BrokersView.h"

#include <algorithm>

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "BrokersModel.h"
#include "ReadOnlyTable.h"

BrokersView::BrokersView(BrokersModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_quorumLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(BrokersModel::RawValueRole);
    m_proxy->setDynamicSortFilter(true);

    m_quorumLabel->setObjectName(QStringLiteral("quorumSummary"));
    m_quorumLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_quorumLabel->setToolTip(tr("The KRaft metadata quorum (__cluster_metadata), from DescribeQuorum"));
    m_countLabel->setObjectName(QStringLiteral("brokerCount"));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_table->setObjectName(QStringLiteral("brokersTable"));
    ReadOnlyTable::setUp(m_table, m_proxy, BrokersModel::Id);
    QHeaderView *header = m_table->horizontalHeader();
    // Each column fits its label and a typical value; the window's spare width goes to the status.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const auto fits = [&](int column, const QString &sample, int extra) {
        header->resizeSection(column, std::max(ReadOnlyTable::labelWidth(m_table, column), boldMetrics.horizontalAdvance(sample) + extra));
    };
    for (int column = 0; column < BrokersModel::ColumnCount; ++column)
        header->resizeSection(column, ReadOnlyTable::labelWidth(m_table, column));
    fits(BrokersModel::Address, QStringLiteral("255.255.255.255:65535"), 16);
    fits(BrokersModel::Status, tr("Offline since %1", "broker; last seen at a time").arg(QStringLiteral("00:00:00")), 40);
    fits(BrokersModel::Role, tr("Active controller"), 16);
    fits(BrokersModel::Quorum, tr("voter (leader)", "metadata quorum"), 16);
    header->setStretchLastSection(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_quorumLabel, 1);
    toolbar->addWidget(m_countLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_table, 1);

    m_quorumLabel->setText(m_model->quorumSummary());
    connect(m_model, &BrokersModel::quorumSummaryChanged, m_quorumLabel, &QLabel::setText);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &BrokersView::updateCountLabel);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BrokersView::updateCountLabel);
    updateCountLabel();
}

void BrokersView::updateCountLabel()
{
    int offline = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        offline += m_model->index(row, 0).data(BrokersModel::OnlineRole).toBool() ? 0 : 1;
    const QString brokers = tr("%n broker(s)", nullptr, m_model->rowCount());
    m_countLabel->setText(offline == 0 ? brokers : tr("%1, %n offline", nullptr, offline).arg(brokers));
}
