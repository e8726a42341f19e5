#include "ConsumerGroupsView.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "GroupMembersModel.h"
#include "GroupPartitionsModel.h"
#include "GroupsModel.h"
#include "GroupsSession.h"
#include "LagChart.h"
#include "LagHistory.h"
#include "ResetOffsetsDialog.h"

ConsumerGroupsView::ConsumerGroupsView(GroupsSession *session, LagHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_history(history)
    , m_groupsModel(new GroupsModel(session, this))
    , m_membersModel(new GroupMembersModel(session, this))
    , m_partitionsModel(new GroupPartitionsModel(session, this))
    , m_groupsProxy(new QSortFilterProxyModel(this))
    , m_partitionsProxy(new QSortFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_countLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_resetButton(new QPushButton(tr("Reset offsets…"), this))
    , m_groupsTable(new QTableView(this))
    , m_membersTable(new QTableView(this))
    , m_partitionsTable(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_chart(new LagChart(this))
    , m_rangeCombo(new QComboBox(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("consumerGroupsView"));
    m_groupsProxy->setSourceModel(m_groupsModel);
    m_groupsProxy->setSortRole(GroupsModel::RawValueRole);
    m_groupsProxy->setFilterKeyColumn(GroupsModel::GroupId);
    m_groupsProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_partitionsProxy->setSourceModel(m_partitionsModel);
    m_partitionsProxy->setSortRole(GroupPartitionsModel::RawValueRole);

    m_filterEdit->setObjectName(QStringLiteral("groupFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter groups by id…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_countLabel->setObjectName(QStringLiteral("groupCount"));
    m_statusLabel->setObjectName(QStringLiteral("groupsStatus"));
    m_resetButton->setObjectName(QStringLiteral("resetOffsetsButton"));
    m_resetButton->setToolTip(tr("Move the selected group's committed offsets (only while it has no members)"));
    m_resetButton->setEnabled(false);

    m_groupsTable->setObjectName(QStringLiteral("groupsTable"));
    m_groupsTable->setModel(m_groupsProxy);
    m_groupsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    setUpTable(m_groupsTable);
    m_groupsTable->sortByColumn(GroupsModel::GroupId, Qt::AscendingOrder);
    m_groupsTable->horizontalHeader()->setSectionResizeMode(GroupsModel::GroupId, QHeaderView::Stretch);

    m_partitionsTable->setObjectName(QStringLiteral("groupPartitionsTable"));
    m_partitionsTable->setModel(m_partitionsProxy);
    setUpTable(m_partitionsTable);
    m_partitionsTable->sortByColumn(GroupPartitionsModel::Topic, Qt::AscendingOrder);
    m_partitionsTable->horizontalHeader()->setSectionResizeMode(GroupPartitionsModel::Topic, QHeaderView::Stretch);

    m_membersTable->setObjectName(QStringLiteral("groupMembersTable"));
    m_membersTable->setModel(m_membersModel);
    setUpTable(m_membersTable);
    m_membersTable->setSortingEnabled(false);
    m_membersTable->horizontalHeader()->setSectionResizeMode(GroupMembersModel::Assignment, QHeaderView::Stretch);
    m_membersTable->setColumnWidth(GroupMembersModel::MemberId, 260);

    m_rangeCombo->setObjectName(QStringLiteral("lagRange"));
    m_rangeCombo->addItem(tr("Last hour"), qint64(3600) * 1000);
    m_rangeCombo->addItem(tr("Last 6 hours"), qint64(6 * 3600) * 1000);
    m_rangeCombo->addItem(tr("Last 24 hours"), qint64(24 * 3600) * 1000);
    m_rangeCombo->addItem(tr("Last 7 days"), qint64(7 * 24 * 3600) * 1000);
    auto *chartPage = new QWidget(this);
    auto *chartBar = new QHBoxLayout;
    chartBar->addWidget(new QLabel(tr("Show:"), chartPage));
    chartBar->addWidget(m_rangeCombo);
    chartBar->addStretch(1);
    auto *chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(0, 4, 0, 0);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chart, 1);

    m_tabs->setObjectName(QStringLiteral("groupDetailTabs"));
    m_tabs->addTab(m_partitionsTable, tr("Partitions"));
    m_tabs->addTab(m_membersTable, tr("Members"));
    m_tabs->addTab(chartPage, tr("Lag chart"));

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_resetButton);
    toolbar->addWidget(m_countLabel);

    m_splitter->addWidget(m_groupsTable);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_statusLabel);

    connect(m_filterEdit, &QLineEdit::textChanged, m_groupsProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_groupsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConsumerGroupsView::onCurrentGroupChanged);
    connect(m_groupsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConsumerGroupsView::onCurrentGroupChanged);
    connect(m_resetButton, &QPushButton::clicked, this, &ConsumerGroupsView::openResetDialog);
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, &ConsumerGroupsView::loadHistory);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_groupsProxy, signal, this, &ConsumerGroupsView::updateCountLabel);
    connect(m_groupsProxy, &QAbstractItemModel::layoutChanged, this, &ConsumerGroupsView::updateCountLabel);
    if (m_session) {
        connect(m_session, &GroupsSession::groupsReady, this, &ConsumerGroupsView::onGroupsReady);
        connect(m_session, &GroupsSession::errorOccurred, this, [this](const QString &message) {
            m_statusLabel->setText(tr("Could not read the consumer groups: %1").arg(message));
        });
    }
    updateCountLabel();
}

void ConsumerGroupsView::setUpTable(QTableView *table)
{
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultSectionSize(table->fontMetrics().horizontalAdvance(QStringLiteral("999,999,999,999")) + 24);
}

ResetOffsetsDialog *ConsumerGroupsView::resetDialog() const
{
    return m_resetDialog;
}

QByteArray ConsumerGroupsView::saveState() const
{
    return m_splitter->saveState();
}

void ConsumerGroupsView::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

void ConsumerGroupsView::selectGroup(const QString &groupId)
{
    const int row = m_groupsModel->rowOf(groupId);
    if (row < 0)
        return;
    const QModelIndex index = m_groupsProxy->mapFromSource(m_groupsModel->index(row, GroupsModel::GroupId));
    m_groupsTable->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ConsumerGroupsView::onCurrentGroupChanged()
{
    const QModelIndexList rows = m_groupsTable->selectionModel()->selectedRows();
    const QString groupId = rows.isEmpty() ? QString() : rows.first().data(GroupsModel::GroupIdRole).toString();
    m_resetButton->setEnabled(!groupId.isEmpty());
    if (groupId == m_selectedGroup)
        return;
    m_selectedGroup = groupId;
    m_membersModel->setGroupId(groupId);
    m_partitionsModel->setGroupId(groupId);
    loadHistory();
}

void ConsumerGroupsView::loadHistory()
{
    m_chart->clear();
    m_chart->setTimeWindow(m_rangeCombo->currentData().toLongLong());
    m_chart->chart()->setTitle(m_selectedGroup.isEmpty() ? tr("Select a group to see its lag over time")
                                                         : tr("Lag of %1").arg(m_selectedGroup));
    if (m_selectedGroup.isEmpty())
        return;
    const qint64 range = m_rangeCombo->currentData().toLongLong();
    if (m_history)
        m_chart->setHistory(m_history->load(m_selectedGroup, QDateTime::currentMSecsSinceEpoch() - range,
                                            m_chart->maximumPoints() / 2));
    // The newest sample may not be stored yet (history keeps one per interval): show it now.
    if (m_latest)
        if (const GroupInfo *group = m_latest->find(m_selectedGroup.toStdString()))
            m_chart->addGroup(m_latest->takenAtMs, *group);
}

void ConsumerGroupsView::onGroupsReady(GroupsSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    m_latest = snapshot;
    if (m_history)
        m_history->record(*snapshot);
    m_statusLabel->setText(tr("%n group(s)  ·  updated %1", nullptr, static_cast<int>(snapshot->groups.size()))
                               .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(snapshot->takenAtMs).time(),
                                                       QLocale::ShortFormat)));
    const GroupInfo *group = m_selectedGroup.isEmpty() ? nullptr : snapshot->find(m_selectedGroup.toStdString());
    if (group)
        m_chart->addGroup(snapshot->takenAtMs, *group);
    if (m_resetDialog && group)
        m_resetDialog->setGroup(*group);
    // Select the first group when nothing is selected yet, so the details are never blank for no reason.
    if (m_selectedGroup.isEmpty() && m_groupsProxy->rowCount() > 0)
        m_groupsTable->selectionModel()->setCurrentIndex(m_groupsProxy->index(0, 0),
                                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ConsumerGroupsView::openResetDialog()
{
    if (m_selectedGroup.isEmpty())
        return;
    GroupInfo group;
    group.groupId = m_selectedGroup.toStdString();
    if (m_latest)
        if (const GroupInfo *found = m_latest->find(group.groupId))
            group = *found;
    if (m_resetDialog)
        m_resetDialog->deleteLater();
    m_resetDialog = new ResetOffsetsDialog(group, this);
    m_resetDialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_session) {
        connect(m_resetDialog, &ResetOffsetsDialog::previewRequested, m_session, &GroupsSession::planReset);
        connect(m_resetDialog, &ResetOffsetsDialog::applyRequested, m_session, &GroupsSession::applyReset);
        connect(m_session, &GroupsSession::resetPlanned, m_resetDialog, &ResetOffsetsDialog::showPlan);
        connect(m_session, &GroupsSession::resetApplied, m_resetDialog, &ResetOffsetsDialog::showApplied);
    }
    m_resetDialog->open();
}

void ConsumerGroupsView::updateCountLabel()
{
    const int shown = m_groupsProxy->rowCount();
    const int total = m_groupsModel->rowCount();
    m_countLabel->setText(shown == total ? tr("%n group(s)", nullptr, total)
                                         : tr("%1 of %n group(s)", nullptr, total).arg(shown));
}
