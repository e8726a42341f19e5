#include "RetentionView.h"

#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "AdminService.h"
#include "RetentionEditor.h"
#include "RetentionModel.h"
#include "TopicConfigCatalog.h"

namespace {
// Sorts by raw numbers where a column has them ("1 GiB" after "512 MiB").
class RetentionSortModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const QVariant l = left.data(RetentionModel::RawValueRole);
        const QVariant r = right.data(RetentionModel::RawValueRole);
        bool lok = false, rok = false;
        const qint64 ln = l.toLongLong(&lok), rn = r.toLongLong(&rok);
        if (lok && rok)
            return ln < rn;
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    }
};
}  // namespace

RetentionView::RetentionView(AdminService *admin, RetentionModel *model, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_model(model)
    , m_proxy(new RetentionSortModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_statusLabel(new QLabel(this))
    , m_table(new QTableView(this))
    , m_editor(new RetentionEditor(admin, this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("RetentionView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(RetentionModel::Topic);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filterEdit->setPlaceholderText(tr("Filter topics by name…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_statusLabel->setObjectName(QStringLiteral("retentionStatus"));
    auto *refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &RetentionView::refresh);

    m_table->setObjectName(QStringLiteral("retentionTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RetentionModel::Topic, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RetentionModel::Topic, QHeaderView::Stretch);
    for (int column = RetentionModel::CleanupPolicy; column < RetentionModel::ColumnCount; ++column) {
        const int label = fontMetrics().horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 32;
        const int sample = fontMetrics().horizontalAdvance(column == RetentionModel::Overrides
                                                               ? QStringLiteral("retention.ms, cleanup.policy")
                                                               : QStringLiteral("compact,delete")) + 16;
        header->resizeSection(column, std::max(label, sample));
    }

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_statusLabel);
    toolbar->addWidget(refreshButton);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(toolbar);
    topLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { loadSelectedIntoEditor(true); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { loadSelectedIntoEditor(false); });
    connect(m_editor, &RetentionEditor::applied, this, &RetentionView::refresh);
    if (m_admin)
        connect(m_admin, &AdminService::clusterChanged, this, &RetentionView::refresh);
    m_timer->setInterval(RefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer->start();
}

void RetentionView::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    QStringList topics;
    for (const auto &topic : snapshot->topics)
        topics << QString::fromStdString(topic.name);
    topics.sort();
    if (topics == m_model->topics())
        return;
    m_model->setTopics(topics);
    refresh();
}

void RetentionView::refresh()
{
    if (!m_admin)
        return;
    const QStringList topics = m_model->topics();
    if (topics.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_pending = 2;
    m_statusLabel->setText(tr("Reading…"));
    auto done = [this, generation] {
        if (generation != m_generation)
            return;
        if (--m_pending == 0) {
            m_statusLabel->clear();
            emit refreshed();
        }
    };
    m_admin->describeConfigs(ConfigResourceType::Topic, topics)
        .then(this, [this, generation, done](const QList<ConfigDescription> &descriptions) {
            if (generation == m_generation)
                m_model->applyConfigs(descriptions);
            done();
        });
    m_admin->describeTopicUsage(topics).then(this, [this, generation, done](const QList<TopicUsage> &usage) {
        if (generation == m_generation)
            m_model->applyUsage(usage);
        done();
    });
}

void RetentionView::selectTopic(const QString &topic)
{
    const int row = m_model->rowOf(topic);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    loadSelectedIntoEditor(true);
}

QString RetentionView::selectedTopic() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(RetentionModel::TopicNameRole).toString() : QString();
}

void RetentionView::loadSelectedIntoEditor(bool force)
{
    const QString topic = selectedTopic();
    // Keep what the user is typing: a refresh only reloads an editor without pending changes.
    if (!force && topic == m_editor->topic() && !m_editor->request().alterations.isEmpty())
        return;
    QList<ConfigEntry> entries;
    for (const QString &name : TopicConfigCatalog::retentionConfigs())
        if (const ConfigEntry *entry = m_model->entry(topic, name))
            entries << *entry;
    if (!force && topic == m_editor->topic() && entries.isEmpty())
        return;
    m_editor->setTopic(topic, entries);
}
