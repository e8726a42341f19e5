#include "TopicsView.h"

#include <algorithm>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "ReadOnlyTable.h"
#include "TopicsModel.h"
#include "TopicsSortFilterModel.h"

TopicsView::TopicsView(TopicsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new TopicsSortFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_showInternalCheck(new QCheckBox(tr("Show internal topics"), this))
    , m_countLabel(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);

    m_filterEdit->setPlaceholderText(tr("Filter topics by name…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setObjectName(QStringLiteral("topicFilter"));
    m_showInternalCheck->setChecked(true);
    m_showInternalCheck->setToolTip(tr("Also list topics the cluster manages itself, such as __consumer_offsets"));
    m_countLabel->setObjectName(QStringLiteral("topicCount"));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_table->setObjectName(QStringLiteral("topicsTable"));
    ReadOnlyTable::setUp(m_table, m_proxy, TopicsModel::Name);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(TopicsModel::Name, QHeaderView::Stretch);
    // Wide enough for the header label and for a large number, whichever is wider.
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("999,999,999,999")) + 24;
    for (int column = TopicsModel::Partitions; column < TopicsModel::ColumnCount; ++column) {
        const int labelWidth = ReadOnlyTable::labelWidth(m_table, column);
        const bool isOffset = column == TopicsModel::EndOffset || column == TopicsModel::Messages;
        header->resizeSection(column, std::max(labelWidth, isOffset ? numberWidth : labelWidth));
    }

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_showInternalCheck);
    toolbar->addWidget(m_countLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_table, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_showInternalCheck, &QCheckBox::toggled, m_proxy, &TopicsSortFilterModel::setShowInternal);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit topicActivated(index.data(TopicsModel::TopicNameRole).toString());
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &TopicsView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TopicsView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TopicsView::updateCountLabel);
    updateCountLabel();
}

QByteArray TopicsView::saveHeaderState() const
{
    return m_table->horizontalHeader()->saveState();
}

void TopicsView::restoreHeaderState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

bool TopicsView::showInternal() const
{
    return m_showInternalCheck->isChecked();
}

void TopicsView::setShowInternal(bool show)
{
    m_showInternalCheck->setChecked(show);
}

void TopicsView::updateCountLabel()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(shown == total ? tr("%n topic(s)", nullptr, total)
                                         : tr("%1 of %n topic(s)", nullptr, total).arg(shown));
}
