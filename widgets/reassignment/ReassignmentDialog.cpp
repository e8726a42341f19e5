#include "ReassignmentDialog.h"

#include <algorithm>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "KafkaCommands.h"

using sluice::client::partition_assignment;
using sluice::client::plan_issue;

namespace {

const char JsonFile[] = "reassignment.json";

QString idsText(const std::vector<int32_t> &ids)
{
    QStringList parts;
    for (const int32_t id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1String(", "));
}

// "1, 2, 3" (commas or spaces) -> {1, 2, 3}; false when a part is not a number.
bool parseIds(const QString &text, std::vector<int32_t> &ids, QString &bad)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    ids.clear();
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int id = part.toInt(&ok);
        if (!ok || id < 0) {
            bad = part;
            return false;
        }
        ids.push_back(id);
    }
    return true;
}

}  // namespace

ReassignmentDialog::ReassignmentDialog(AdminService *admin, ClusterSnapshotPtr snapshot, const QString &topic,
                                       QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_snapshot(std::move(snapshot))
    , m_topic(topic)
    , m_replicationFactor(new QSpinBox(this))
    , m_proposeButton(new QPushButton(tr("&Propose balanced plan"), this))
    , m_table(new QTableWidget(this))
    , m_problemsLabel(new QLabel(this))
    , m_previewTabs(new QTabWidget(this))
    , m_diffEdit(new QPlainTextEdit(this))
    , m_jsonEdit(new QPlainTextEdit(this))
    , m_commandEdit(new QPlainTextEdit(this))
    , m_copyButton(new QPushButton(tr("&Copy"), this))
    , m_progressLabel(new QLabel(this))
    , m_progressBar(new QProgressBar(this))
    , m_statusLabel(new QLabel(this))
    , m_applyButton(new QPushButton(tr("&Apply reassignment…"), this))
    , m_cancelReassignmentButton(new QPushButton(tr("Cancel &running reassignment…"), this))
    , m_pollTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("reassignmentDialog"));
    setWindowTitle(tr("Reassign replicas of %1").arg(topic));
    if (m_snapshot) {
        m_current = sluice::client::assignment_of(*m_snapshot, topic.toStdString());
        m_brokers = m_snapshot->brokers;
        std::sort(m_brokers.begin(), m_brokers.end(), [](const auto &a, const auto &b) { return a.node_id < b.node_id; });
    }
    std::size_t currentFactor = 0;
    for (const auto &p : m_current)
        currentFactor = std::max(currentFactor, p.replicas.size());

    // What to do: the replication factor and the brokers that may hold replicas.
    m_replicationFactor->setObjectName(QStringLiteral("replicationFactor"));
    m_replicationFactor->setRange(1, std::max(1, static_cast<int>(m_brokers.size())));
    m_replicationFactor->setValue(static_cast<int>(std::max<std::size_t>(currentFactor, 1)));
    m_replicationFactor->setToolTip(tr("Replicas per partition; at most one per broker"));
    m_replicationFactor->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000")) + 32);
    auto *brokerRow = new QHBoxLayout;
    for (const auto &b : m_brokers) {
        QString label = tr("Broker %1").arg(b.node_id);
        if (b.rack)
            label += QStringLiteral(" (%1)").arg(QString::fromStdString(*b.rack));
        auto *box = new QCheckBox(label, this);
        box->setChecked(true);
        box->setProperty("brokerId", b.node_id);
        box->setToolTip(tr("Uncheck to move this broker's replicas of the topic to the others"));
        brokerRow->addWidget(box);
        m_brokerBoxes << box;
    }
    brokerRow->addStretch(1);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Topic:"), new QLabel(QStringLiteral("<b>%1</b> · %2").arg(topic.toHtmlEscaped(),
                                                                               tr("%n partition(s)", nullptr,
                                                                                  static_cast<int>(m_current.size()))),
                                          this));
    form->addRow(tr("Replication &factor:"), m_replicationFactor);
    form->addRow(tr("Place replicas on:"), brokerRow);

    // The plan, editable.
    m_table->setObjectName(QStringLiteral("reassignmentTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Current replicas"), tr("Proposed replicas"), tr("Change")});
    m_table->horizontalHeaderItem(ProposedColumn)
        ->setToolTip(tr("Broker ids separated by commas; the first is the preferred leader. Double-click to edit."));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_problemsLabel->setObjectName(QStringLiteral("reassignmentProblems"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setStyleSheet(QStringLiteral("color: #b01020"));

    // Dry run, JSON and command line.
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_diffEdit, m_jsonEdit, m_commandEdit}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
    }
    m_jsonEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_diffEdit->setObjectName(QStringLiteral("reassignmentDiff"));
    m_jsonEdit->setObjectName(QStringLiteral("reassignmentJson"));
    m_commandEdit->setObjectName(QStringLiteral("reassignmentCommand"));
    m_previewTabs->addTab(m_diffEdit, tr("Dry run: current → proposed"));
    m_previewTabs->addTab(m_jsonEdit, QString::fromLatin1(JsonFile));
    m_previewTabs->addTab(m_commandEdit, tr("Command"));
    m_previewTabs->setMaximumHeight(fontMetrics().height() * 9);
    auto *copyRow = new QHBoxLayout;
    copyRow->addStretch(1);
    copyRow->addWidget(m_copyButton);

    // Progress of the reassignment in progress.
    auto *progressBox = new QGroupBox(tr("Progress"), this);
    auto *progressLayout = new QVBoxLayout(progressBox);
    m_progressLabel->setObjectName(QStringLiteral("reassignmentProgress"));
    m_progressLabel->setWordWrap(true);
    m_progressLabel->setText(tr("Checking for reassignments in progress…"));
    m_progressBar->setObjectName(QStringLiteral("reassignmentProgressBar"));
    m_progressBar->setVisible(false);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressBar, 1);
    progressRow->addWidget(m_cancelReassignmentButton, 0, Qt::AlignRight);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addLayout(progressRow);
    m_cancelReassignmentButton->setObjectName(QStringLiteral("cancelReassignment"));
    m_cancelReassignmentButton->setEnabled(false);
    m_cancelReassignmentButton->setToolTip(
        tr("Stops the reassignments of this topic in progress: each partition goes back to its original replicas"));

    m_statusLabel->setObjectName(QStringLiteral("reassignmentStatus"));
    m_statusLabel->setWordWrap(true);
    m_applyButton->setObjectName(QStringLiteral("applyReassignment"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_applyButton, QDialogButtonBox::ActionRole);

    auto *topRow = new QHBoxLayout;
    topRow->addLayout(form, 1);
    topRow->addWidget(m_proposeButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(topRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_problemsLabel);
    layout->addWidget(m_previewTabs);
    layout->addLayout(copyRow);
    layout->addWidget(progressBox);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(760, 680);

    buildTable();
    connect(m_proposeButton, &QPushButton::clicked, this, &ReassignmentDialog::proposePlan);
    connect(m_replicationFactor, &QSpinBox::valueChanged, this, &ReassignmentDialog::proposePlan);
    for (QCheckBox *box : std::as_const(m_brokerBoxes))
        connect(box, &QCheckBox::toggled, this, &ReassignmentDialog::proposePlan);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == ProposedColumn)
            revalidate();
    });
    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        const auto *edit = qobject_cast<QPlainTextEdit *>(m_previewTabs->currentWidget());
        if (edit)
            QApplication::clipboard()->setText(edit->toPlainText());
    });
    connect(m_applyButton, &QPushButton::clicked, this, &ReassignmentDialog::confirmApply);
    connect(m_cancelReassignmentButton, &QPushButton::clicked, this, &ReassignmentDialog::confirmCancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_pollTimer->setInterval(1000);
    connect(m_pollTimer, &QTimer::timeout, this, &ReassignmentDialog::pollProgress);
    m_pollTimer->start();
    revalidate();
    pollProgress();
}

void ReassignmentDialog::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    auto current = sluice::client::assignment_of(*snapshot, m_topic.toStdString());
    m_snapshot = std::move(snapshot);
    m_brokers = m_snapshot->brokers;
    std::sort(m_brokers.begin(), m_brokers.end(), [](const auto &a, const auto &b) { return a.node_id < b.node_id; });
    if (current == m_current) {
        revalidate();  // the live brokers may have changed
        return;
    }
    const bool samePartitions = current.size() == m_current.size() &&
                                std::equal(current.begin(), current.end(), m_current.begin(),
                                           [](const auto &a, const auto &b) { return a.partition == b.partition; });
    m_current = std::move(current);
    if (!samePartitions) {
        buildTable();  // partitions were added: start again from what the cluster has
    } else {
        // The user's plan stays; what the cluster has now replaces the current column (a finished reassignment
        // then shows no change left).
        const QSignalBlocker blocker(m_table);
        for (int row = 0; row < m_table->rowCount(); ++row)
            m_table->item(row, CurrentColumn)->setText(idsText(m_current[static_cast<std::size_t>(row)].replicas));
    }
    revalidate();
}

int ReassignmentDialog::replicationFactor() const
{
    return m_replicationFactor->value();
}

void ReassignmentDialog::setReplicationFactor(int replicationFactor)
{
    m_replicationFactor->setValue(replicationFactor);
    proposePlan();  // also when the value was already there
}

void ReassignmentDialog::setBrokerAllowed(int brokerId, bool allowed)
{
    for (QCheckBox *box : std::as_const(m_brokerBoxes))
        if (box->property("brokerId").toInt() == brokerId)
            box->setChecked(allowed);
}

void ReassignmentDialog::buildTable()
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(static_cast<int>(m_current.size()));
    for (int row = 0; row < static_cast<int>(m_current.size()); ++row) {
        const auto &p = m_current[static_cast<std::size_t>(row)];
        auto *partition = new QTableWidgetItem(QString::number(p.partition));
        partition->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        partition->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *current = new QTableWidgetItem(idsText(p.replicas));
        current->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        auto *proposed = new QTableWidgetItem(idsText(p.replicas));
        proposed->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        auto *change = new QTableWidgetItem;
        change->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_table->setItem(row, PartitionColumn, partition);
        m_table->setItem(row, CurrentColumn, current);
        m_table->setItem(row, ProposedColumn, proposed);
        m_table->setItem(row, ChangeColumn, change);
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(ProposedColumn, std::max(m_table->columnWidth(ProposedColumn), 160));
}

void ReassignmentDialog::proposePlan()
{
    sluice::client::plan_request request;
    request.topic = m_topic.toStdString();
    request.current = m_current;
    for (const auto &b : m_brokers)
        for (const QCheckBox *box : std::as_const(m_brokerBoxes))
            if (box->property("brokerId").toInt() == b.node_id && box->isChecked())
                request.brokers.push_back(b);
    request.replication_factor = m_replicationFactor->value();
    const auto plan = sluice::client::propose_reassignment(request);
    if (!plan.ok()) {
        // Nothing is substituted: the table keeps what it had, the reason is shown and nothing can be applied
        // until the choice changes or the table is edited.
        m_problems.clear();
        for (const auto &issue : plan.issues)
            m_problems << issueText(issue);
        m_problemsLabel->setText(m_problems.join(QLatin1Char('\n')));
        m_problemsLabel->setVisible(true);
        m_applyButton->setEnabled(false);
        m_applyButton->setToolTip(tr("Fix the problems listed first"));
        return;
    }
    const QSignalBlocker blocker(m_table);
    for (std::size_t i = 0; i < plan.proposed.size(); ++i)
        m_table->item(static_cast<int>(i), ProposedColumn)->setText(idsText(plan.proposed[i].replicas));
    revalidate();
}

std::vector<partition_assignment> ReassignmentDialog::editedPlan() const
{
    std::vector<partition_assignment> plan;
    for (int row = 0; row < m_table->rowCount() && row < static_cast<int>(m_current.size()); ++row) {
        partition_assignment p{m_topic.toStdString(), m_current[static_cast<std::size_t>(row)].partition, {}};
        QString bad;
        parseIds(m_table->item(row, ProposedColumn)->text(), p.replicas, bad);
        plan.push_back(std::move(p));
    }
    return plan;
}

std::vector<partition_assignment> ReassignmentDialog::changes() const
{
    return sluice::client::changed_partitions(m_current, editedPlan());
}

QString ReassignmentDialog::issueText(const plan_issue &issue) const
{
    using Kind = plan_issue::kind;
    switch (issue.what) {
    case Kind::no_brokers: return tr("Choose at least one broker to place replicas on.");
    case Kind::bad_replication_factor: return tr("The replication factor must be at least 1.");
    case Kind::too_few_brokers:
        return tr("A replication factor of %1 needs %1 brokers; only %2 are chosen.")
            .arg(m_replicationFactor->value())
            .arg(issue.value);
    case Kind::empty_replicas: return tr("Partition %1: the replica list is empty.").arg(issue.partition);
    case Kind::unknown_broker:
        return tr("Partition %1: broker %2 is not one of the cluster's live brokers.").arg(issue.partition).arg(issue.broker);
    case Kind::duplicate_broker:
        return tr("Partition %1: broker %2 is listed more than once.").arg(issue.partition).arg(issue.broker);
    case Kind::unknown_partition: return tr("Partition %1 is not in topic %2.").arg(issue.partition).arg(m_topic);
    }
    return {};
}

void ReassignmentDialog::revalidate()
{
    m_problems.clear();
    std::vector<partition_assignment> plan;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto &current = m_current[static_cast<std::size_t>(row)];
        partition_assignment p{m_topic.toStdString(), current.partition, {}};
        QString bad;
        if (!parseIds(m_table->item(row, ProposedColumn)->text(), p.replicas, bad))
            m_problems << tr("Partition %1: “%2” is not a broker id.").arg(current.partition).arg(bad);
        // The change column: the brokers each partition gains and loses.
        std::vector<int32_t> added, removed;
        for (const int32_t id : p.replicas)
            if (std::find(current.replicas.begin(), current.replicas.end(), id) == current.replicas.end())
                added.push_back(id);
        for (const int32_t id : current.replicas)
            if (std::find(p.replicas.begin(), p.replicas.end(), id) == p.replicas.end())
                removed.push_back(id);
        QStringList change;
        if (!added.empty())
            change << tr("add %1", "replicas on brokers").arg(idsText(added));
        if (!removed.empty())
            change << tr("remove %1", "replicas on brokers").arg(idsText(removed));
        if (change.isEmpty() && p.replicas != current.replicas && !p.replicas.empty())
            change << tr("reorder: preferred leader %1").arg(p.replicas.front());
        m_table->item(row, ChangeColumn)->setText(change.isEmpty() ? tr("unchanged") : change.join(QLatin1String(" · ")));
        plan.push_back(std::move(p));
    }
    for (const auto &issue : sluice::client::validate_assignment(plan, m_current, m_brokers))
        m_problems << issueText(issue);

    const auto changed = sluice::client::changed_partitions(m_current, plan);
    m_problemsLabel->setText(m_problems.join(QLatin1Char('\n')));
    m_problemsLabel->setVisible(!m_problems.isEmpty());
    m_diffEdit->setPlainText(diffText());
    m_jsonEdit->setPlainText(jsonText());
    m_commandEdit->setPlainText(commandText());
    m_applyButton->setEnabled(canApply());
    if (!m_problems.isEmpty())
        m_applyButton->setToolTip(tr("Fix the problems listed first"));
    else if (changed.empty())
        m_applyButton->setToolTip(tr("The plan changes nothing"));
    else
        m_applyButton->setToolTip(tr("Moves %n partition(s)", nullptr, static_cast<int>(changed.size())));
}

bool ReassignmentDialog::canApply() const
{
    return m_admin && !m_applying && m_problems.isEmpty() && !changes().empty();
}

QString ReassignmentDialog::diffText() const
{
    const auto changed = changes();
    if (changed.empty())
        return tr("No change: every partition keeps its replicas.");
    QStringList lines;
    lines << tr("%n partition(s) of %1 change (replicas in order; the first is the preferred leader):", nullptr,
                static_cast<int>(changed.size()))
                 .arg(m_topic);
    for (const auto &p : changed) {
        const auto current = std::find_if(m_current.begin(), m_current.end(),
                                          [&](const auto &c) { return c.partition == p.partition; });
        lines << QStringLiteral("  %1-%2: [%3] → [%4]")
                     .arg(m_topic)
                     .arg(p.partition)
                     .arg(current == m_current.end() ? QString() : idsText(current->replicas), idsText(p.replicas));
    }
    return lines.join(QLatin1Char('\n'));
}

QString ReassignmentDialog::jsonText() const
{
    return QString::fromStdString(sluice::client::reassignment_json(changes()));
}

QString ReassignmentDialog::commandText() const
{
    const QString bootstrap = m_admin ? m_admin->bootstrap() : QString();
    const QString file = QLatin1String(JsonFile);
    return tr("# Save the JSON tab as %1, then start the reassignment:").arg(file) + QLatin1Char('\n') +
           KafkaCommands::reassignPartitions(bootstrap, file, KafkaCommands::ReassignAction::Execute) + QLatin1Char('\n') +
           tr("# Follow it, and cancel it if needed:") + QLatin1Char('\n') +
           KafkaCommands::reassignPartitions(bootstrap, file, KafkaCommands::ReassignAction::Verify) + QLatin1Char('\n') +
           KafkaCommands::reassignPartitions(bootstrap, file, KafkaCommands::ReassignAction::Cancel);
}

void ReassignmentDialog::confirmApply()
{
    const int count = static_cast<int>(changes().size());
    const auto answer = QMessageBox::question(
        this, tr("Apply reassignment"),
        tr("Reassign %n partition(s) of %1?", nullptr, count).arg(m_topic) + QLatin1String("\n\n") +
            tr("New replicas copy the partition from its leader until they join the ISR; this loads the network and "
               "the disks and can take long for large partitions. Replicas that are dropped are deleted once the new "
               "ones are in sync."));
    if (answer == QMessageBox::Yes)
        apply();
}

void ReassignmentDialog::apply()
{
    if (!canApply())
        return;
    ReassignmentRequest request;
    for (const auto &p : changes())
        request.targets << PartitionReplicas{m_topic, p.partition, QList<int>(p.replicas.begin(), p.replicas.end())};
    m_applying = true;
    m_applyButton->setEnabled(false);
    showStatus(tr("Sending the reassignment…"), false);
    const int count = static_cast<int>(request.targets.size());
    m_admin->alterReassignments(request).then(this, [this, count](const PartitionResults &results) {
        m_applying = false;
        QStringList failures;
        if (!results.result.ok())
            failures << results.result.text();
        for (const PartitionOutcome &p : results.partitions)
            if (!p.result.ok())
                failures << tr("%1-%2: %3").arg(p.topic).arg(p.partition).arg(p.result.text());
        if (failures.isEmpty()) {
            m_tracked = count;
            showStatus(tr("Reassignment started for %n partition(s).", nullptr, count), false);
        } else {
            showStatus(tr("The cluster refused the reassignment:\n%1").arg(failures.join(QLatin1Char('\n'))), true);
        }
        revalidate();
        emit applied(results);
        pollProgress();
    });
}

void ReassignmentDialog::confirmCancel()
{
    const auto answer = QMessageBox::question(
        this, tr("Cancel reassignment"),
        tr("Cancel the reassignment of %n partition(s) of %1?", nullptr, static_cast<int>(m_inProgress.size())).arg(m_topic) +
            QLatin1String("\n\n") +
            tr("Each partition goes back to its original replicas; replicas added so far are removed."));
    if (answer == QMessageBox::Yes)
        cancelReassignment();
}

void ReassignmentDialog::cancelReassignment()
{
    if (!m_admin || m_inProgress.isEmpty())
        return;
    ReassignmentRequest request;
    request.cancel = true;
    for (const ReassignmentProgress &p : std::as_const(m_inProgress))
        request.targets << PartitionReplicas{p.topic, p.partition, {}};
    m_cancelReassignmentButton->setEnabled(false);
    m_admin->alterReassignments(request).then(this, [this](const PartitionResults &results) {
        QStringList failures;
        if (!results.result.ok())
            failures << results.result.text();
        for (const PartitionOutcome &p : results.partitions)
            if (!p.result.ok())
                failures << tr("%1-%2: %3").arg(p.topic).arg(p.partition).arg(p.result.text());
        showStatus(failures.isEmpty() ? tr("Reassignment cancelled.")
                                      : tr("Cancelling failed:\n%1").arg(failures.join(QLatin1Char('\n'))),
                   !failures.isEmpty());
        m_tracked = 0;
        pollProgress();
    });
}

void ReassignmentDialog::pollProgress()
{
    if (!m_admin)
        return;
    m_admin->listReassignments({m_topic}).then(this, [this](const ReassignmentStatus &status) {
        if (!status.result.ok()) {
            m_progressLabel->setText(tr("Cannot read the reassignments in progress: %1").arg(status.result.text()));
            return;
        }
        m_inProgress.clear();
        for (const ReassignmentProgress &p : status.inProgress)
            if (p.topic == m_topic)
                m_inProgress << p;
        const int before = m_reassigning;
        m_reassigning = static_cast<int>(m_inProgress.size());
        m_cancelReassignmentButton->setEnabled(m_reassigning > 0);
        const auto ids = [](const QList<int> &list) {
            QStringList parts;
            for (const int id : list)
                parts << QString::number(id);
            return parts.isEmpty() ? QStringLiteral("—") : parts.join(QLatin1String(", "));
        };
        if (m_reassigning == 0) {
            m_progressBar->setVisible(m_tracked > 0);
            m_progressBar->setRange(0, std::max(m_tracked, 1));
            m_progressBar->setValue(m_progressBar->maximum());
            m_progressBar->setFormat(tr("%1 of %1 partitions done").arg(m_tracked));
            m_progressLabel->setText(m_tracked > 0 ? tr("Reassignment complete: every new replica is in sync.")
                                                   : tr("No reassignment of %1 in progress.").arg(m_topic));
            if (m_tracked > 0 && before != 0) {
                showStatus({}, false);
                emit reassignmentFinished();
            }
        } else {
            const int total = std::max(m_tracked, m_reassigning);
            m_progressBar->setVisible(true);
            m_progressBar->setRange(0, total);
            m_progressBar->setValue(total - m_reassigning);
            m_progressBar->setFormat(tr("%1 of %2 partitions done").arg(total - m_reassigning).arg(total));
            QStringList lines{tr("%n partition(s) still reassigning: new replicas are catching up with the leader.",
                                 nullptr, m_reassigning)};
            for (const ReassignmentProgress &p : std::as_const(m_inProgress).mid(0, 6))
                lines << tr("%1-%2: adding %3 · removing %4").arg(p.topic).arg(p.partition).arg(ids(p.adding), ids(p.removing));
            if (m_inProgress.size() > 6)
                lines << tr("… and %n more", nullptr, static_cast<int>(m_inProgress.size() - 6));
            m_progressLabel->setText(lines.join(QLatin1Char('\n')));
        }
        emit progressChanged(m_reassigning);
    });
}

void ReassignmentDialog::showStatus(const QString &text, bool error)
{
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(error ? QStringLiteral("color: #b01020") : QString());
}
