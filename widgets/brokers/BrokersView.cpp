#include "BrokersView.h"

#include <algorithm>

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "BrokersModel.h"
#include "NodeActions.h"
#include "ReadOnlyTable.h"

BrokersView::BrokersView(BrokersModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_quorumLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_table(new QTableView(this))
    , m_nodeActions(new NodeActions(model, this))
    , m_nodeToolbar(new QToolBar(this))
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
    fits(BrokersModel::Address, QStringLiteral("127.0.0.1:65535"), 12);
    fits(BrokersModel::Status, tr("Offline since %1", "broker; last seen at a time").arg(QStringLiteral("00:00:00")), 30);
    fits(BrokersModel::Role, tr("Active controller"), 16);
    fits(BrokersModel::Quorum, tr("voter (leader)", "metadata quorum"), 16);
    // Longer states ("+200 ms to peers", clients) elide; the tooltip has the whole text.
    fits(BrokersModel::LocalNode,
         tr("running", "local node") + QStringLiteral("  ·  ") + tr("cut off", "local node, links to the other nodes cut"), 0);
    fits(BrokersModel::LogDirSize, QStringLiteral("1,023.9 MiB"), 8);
    // Every column keeps its width; the numbers stay next to their labels rather than pushed to the far right.
    header->setStretchLastSection(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_quorumLabel, 1);
    toolbar->addWidget(m_countLabel);

    // The local cluster's node controls: a toolbar over the table and the table's context menu.
    m_nodeToolbar->setObjectName(QStringLiteral("nodeToolbar"));
    m_nodeToolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_nodeToolbar->setIconSize(QSize(16, 16));
    auto *contextMenu = new QMenu(this);
    for (QAction *action : m_nodeActions->actions()) {
        if (action) {
            m_nodeToolbar->addAction(action);
            contextMenu->addAction(action);
        } else {
            m_nodeToolbar->addSeparator();
            contextMenu->addSeparator();
        }
    }
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this, contextMenu](const QPoint &pos) {
        if (!m_localControls)
            return;
        // The menu acts on the row clicked, as a file manager's does.
        if (const QModelIndex clicked = m_table->indexAt(pos); clicked.isValid())
            m_table->setCurrentIndex(clicked);
        contextMenu->popup(m_table->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_nodeToolbar);
    layout->addWidget(m_table, 1);

    m_quorumLabel->setText(m_model->quorumSummary());
    connect(m_model, &BrokersModel::quorumSummaryChanged, m_quorumLabel, &QLabel::setText);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &BrokersView::updateCountLabel);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BrokersView::updateCountLabel);
    updateCountLabel();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_nodeActions->setCurrentNode(current.isValid() ? current.data(BrokersModel::BrokerIdRole).toInt() : -1);
    });
    connect(m_model, &BrokersModel::localNodeStatesChanged, m_nodeActions, &NodeActions::updateEnabled);
    setLocalControlsVisible(false);
}

void BrokersView::setLocalControlsVisible(bool visible)
{
    m_localControls = visible;
    m_nodeToolbar->setVisible(visible);
    m_table->setColumnHidden(BrokersModel::LocalNode, !visible);
}

void BrokersView::selectBroker(int brokerId)
{
    const int row = m_model->rowOf(brokerId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, BrokersModel::Id));
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
}

void BrokersView::updateCountLabel()
{
    int offline = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        offline += m_model->index(row, 0).data(BrokersModel::OnlineRole).toBool() ? 0 : 1;
    const QString brokers = tr("%n broker(s)", nullptr, m_model->rowCount());
    m_countLabel->setText(offline == 0 ? brokers : tr("%1, %n offline", nullptr, offline).arg(brokers));
}
