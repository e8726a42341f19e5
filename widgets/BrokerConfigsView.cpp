#include "BrokerConfigsView.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "AdminService.h"
#include "BrokerConfigDialog.h"
#include "BrokerConfigsModel.h"
#include "KafkaCommands.h"

BrokerConfigsView::BrokerConfigsView(AdminService *admin, BrokerConfigsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_brokerCombo(new QComboBox(this))
    , m_filterEdit(new QLineEdit(this))
    , m_statusLabel(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("BrokerConfigsView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(BrokerConfigsModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_brokerCombo->setObjectName(QStringLiteral("broker"));
    m_brokerCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filterEdit->setPlaceholderText(tr("Filter configs by name…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_statusLabel->setObjectName(QStringLiteral("brokerConfigsStatus"));
    auto *refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    auto *copyButton = new QPushButton(tr("Copy command"), this);
    copyButton->setToolTip(tr("Copy the kafka-configs.sh command that describes these configs"));

    m_table->setObjectName(QStringLiteral("brokerConfigsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(BrokerConfigsModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(BrokerConfigsModel::Name, fontMetrics().horizontalAdvance(QStringLiteral("log.cleaner.min.compaction.lag.ms")) + 24);
    header->resizeSection(BrokerConfigsModel::Value, fontMetrics().horizontalAdvance(QStringLiteral("PLAINTEXT://127.0.0.1:9092")) + 16);
    header->resizeSection(BrokerConfigsModel::Readable, fontMetrics().horizontalAdvance(QStringLiteral("999.9 minutes")) + 16);
    header->resizeSection(BrokerConfigsModel::Source, fontMetrics().horizontalAdvance(QStringLiteral("Broker, server.properties")) + 16);
    header->resizeSection(BrokerConfigsModel::KafkaDefault, fontMetrics().horizontalAdvance(QStringLiteral("9223372036854775807")) + 16);
    header->setStretchLastSection(true);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(new QLabel(tr("Broker:"), this));
    toolbar->addWidget(m_brokerCombo);
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addWidget(m_statusLabel);
    toolbar->addWidget(copyButton);
    toolbar->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_table, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(refreshButton, &QPushButton::clicked, this, &BrokerConfigsView::refresh);
    connect(m_brokerCombo, &QComboBox::currentIndexChanged, this, &BrokerConfigsView::refresh);
    connect(copyButton, &QPushButton::clicked, this, [this] {
        if (m_admin && m_brokerCombo->currentIndex() >= 0)
            QApplication::clipboard()->setText(KafkaCommands::describeConfigs(
                m_admin->bootstrap(), ConfigResourceType::Broker, m_brokerCombo->currentData().toString()));
    });
    if (m_admin)
        connect(m_admin, &AdminService::clusterChanged, this, &BrokerConfigsView::refresh);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        editConfig(m_proxy->mapToSource(index).row());
    });
    m_table->setToolTip(tr("Double-click a dynamic config to change it"));
}

BrokerConfigDialog *BrokerConfigsView::editConfig(int row)
{
    if (!m_admin || row < 0 || row >= m_model->rowCount())
        return nullptr;
    const ConfigEntry entry = m_model->description().entries.at(row);
    if (entry.readOnly)
        return nullptr;  // Kafka's read-only configs change only in server.properties
    auto *dialog = new BrokerConfigDialog(m_admin, m_model->brokerId(), entry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BrokerConfigDialog::applied, this, &BrokerConfigsView::refresh);
    dialog->show();
    return dialog;
}

void BrokerConfigsView::setFilter(const QString &text)
{
    m_filterEdit->setText(text);
}

void BrokerConfigsView::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    QList<int> ids;
    for (const auto &broker : snapshot->brokers)
        ids << broker.node_id;
    std::sort(ids.begin(), ids.end());
    if (ids == m_brokerIds)
        return;
    m_brokerIds = ids;
    const QString current = m_brokerCombo->currentData().toString();
    const QSignalBlocker blocker(m_brokerCombo);
    m_brokerCombo->clear();
    for (int id : ids) {
        QString address;
        for (const auto &broker : snapshot->brokers)
            if (broker.node_id == id)
                address = QStringLiteral("%1:%2").arg(QString::fromStdString(broker.host)).arg(broker.port);
        m_brokerCombo->addItem(tr("%1 (%2)").arg(id).arg(address), QString::number(id));
    }
    const int index = m_brokerCombo->findData(current);
    m_brokerCombo->setCurrentIndex(index >= 0 ? index : 0);
    refresh();
}

void BrokerConfigsView::refresh()
{
    if (!m_admin || m_brokerCombo->currentIndex() < 0)
        return;
    const QString broker = m_brokerCombo->currentData().toString();
    const quint64 generation = ++m_generation;
    m_statusLabel->setText(tr("Reading…"));
    m_admin->describeConfigs(ConfigResourceType::Broker, {broker})
        .then(this, [this, generation](const QList<ConfigDescription> &descriptions) {
            if (generation != m_generation)
                return;
            if (descriptions.isEmpty() || !descriptions.first().result.ok()) {
                m_statusLabel->setText(tr("Could not read the configs: %1")
                                           .arg(descriptions.isEmpty() ? tr("no answer") : descriptions.first().result.text()));
                return;
            }
            m_model->setDescription(descriptions.first());
            m_statusLabel->setText(tr("%n config(s)", nullptr, m_model->rowCount()));
            emit refreshed();
        });
}
