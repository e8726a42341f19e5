#include "ResetOffsetsDialog.h"

#include <set>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "units.h"

ResetOffsetsDialog::ResetOffsetsDialog(const GroupInfo &group, QWidget *parent)
    : QDialog(parent)
    , m_groupLabel(new QLabel(this))
    , m_scopeCombo(new QComboBox(this))
    , m_topicCombo(new QComboBox(this))
    , m_partitionSpin(new QSpinBox(this))
    , m_targetCombo(new QComboBox(this))
    , m_timestampEdit(new QDateTimeEdit(this))
    , m_offsetEdit(new QLineEdit(this))
    , m_planTable(new QTableWidget(0, 4, this))
    , m_messageLabel(new QLabel(this))
    , m_previewButton(new QPushButton(tr("&Preview"), this))
    , m_applyButton(new QPushButton(tr("&Reset offsets"), this))
{
    setObjectName(QStringLiteral("resetOffsetsDialog"));
    setWindowTitle(tr("Reset offsets of %1").arg(QString::fromStdString(group.groupId)));
    resize(620, 480);

    m_scopeCombo->addItem(tr("All topics of the group"), static_cast<int>(Scope::AllTopics));
    m_scopeCombo->addItem(tr("One topic"), static_cast<int>(Scope::Topic));
    m_scopeCombo->addItem(tr("One partition"), static_cast<int>(Scope::Partition));
    m_topicCombo->setEditable(true);
    m_partitionSpin->setRange(0, 1'000'000);
    m_targetCombo->addItem(tr("Earliest offset"), static_cast<int>(OffsetResetTarget::Earliest));
    m_targetCombo->addItem(tr("Latest offset (skip everything)"), static_cast<int>(OffsetResetTarget::Latest));
    m_targetCombo->addItem(tr("First record at or after a time"), static_cast<int>(OffsetResetTarget::Timestamp));
    m_targetCombo->addItem(tr("A given offset"), static_cast<int>(OffsetResetTarget::Offset));
    m_timestampEdit->setCalendarPopup(true);
    m_timestampEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_timestampEdit->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_offsetEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), this));
    m_offsetEdit->setPlaceholderText(tr("offset, e.g. 1000"));

    m_planTable->setObjectName(QStringLiteral("resetPlan"));
    m_planTable->setHorizontalHeaderLabels({tr("Topic"), tr("Partition"), tr("Current offset"), tr("New offset")});
    m_planTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_planTable->verticalHeader()->hide();
    m_planTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageLabel->setObjectName(QStringLiteral("resetMessage"));
    m_messageLabel->setWordWrap(true);
    m_applyButton->setObjectName(QStringLiteral("applyReset"));
    m_previewButton->setObjectName(QStringLiteral("previewReset"));

    auto *form = new QFormLayout;
    form->addRow(tr("Group:"), m_groupLabel);
    form->addRow(tr("Partitions:"), m_scopeCombo);
    form->addRow(tr("Topic:"), m_topicCombo);
    form->addRow(tr("Partition:"), m_partitionSpin);
    form->addRow(tr("Move to:"), m_targetCombo);
    form->addRow(tr("Time:"), m_timestampEdit);
    form->addRow(tr("Offset:"), m_offsetEdit);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Dry run (nothing changes until you reset):"), this));
    layout->addWidget(m_planTable, 1);
    layout->addWidget(m_messageLabel);
    layout->addWidget(buttons);

    connect(m_previewButton, &QPushButton::clicked, this, &ResetOffsetsDialog::preview);
    connect(m_applyButton, &QPushButton::clicked, this, &ResetOffsetsDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *combo : {m_scopeCombo, m_targetCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::updateState);
    connect(m_topicCombo, &QComboBox::currentTextChanged, this, &ResetOffsetsDialog::updateState);
    connect(m_partitionSpin, &QSpinBox::valueChanged, this, &ResetOffsetsDialog::updateState);
    connect(m_timestampEdit, &QDateTimeEdit::dateTimeChanged, this, &ResetOffsetsDialog::updateState);
    connect(m_offsetEdit, &QLineEdit::textChanged, this, &ResetOffsetsDialog::updateState);

    setGroup(group);
}

void ResetOffsetsDialog::setGroup(const GroupInfo &group)
{
    const bool sameGroup = group.groupId == m_group.groupId;
    m_group = group;
    m_groupLabel->setText(tr("%1 (%2, %n member(s))", nullptr, static_cast<int>(group.members.size()))
                              .arg(QString::fromStdString(group.groupId),
                                   group.state.empty() ? tr("unknown state") : QString::fromStdString(group.state)));
    std::set<std::string> topics;
    for (const auto &p : group.partitions)
        topics.insert(p.topic);
    if (!sameGroup || m_topicCombo->count() == 0) {
        const QString current = m_topicCombo->currentText();
        m_topicCombo->clear();
        for (const auto &t : topics)
            m_topicCombo->addItem(QString::fromStdString(t));
        if (!current.isEmpty())
            m_topicCombo->setCurrentText(current);
    }
    updateState();
}

void ResetOffsetsDialog::setScope(Scope scope)
{
    m_scopeCombo->setCurrentIndex(m_scopeCombo->findData(static_cast<int>(scope)));
}

void ResetOffsetsDialog::setTopic(const QString &topic)
{
    m_topicCombo->setCurrentText(topic);
}

void ResetOffsetsDialog::setPartition(int partition)
{
    m_partitionSpin->setValue(partition);
}

void ResetOffsetsDialog::setTarget(OffsetResetTarget target)
{
    m_targetCombo->setCurrentIndex(m_targetCombo->findData(static_cast<int>(target)));
}

void ResetOffsetsDialog::setTimestamp(qint64 msSinceEpoch)
{
    m_timestampEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(msSinceEpoch));
}

void ResetOffsetsDialog::setOffsetText(const QString &offset)
{
    m_offsetEdit->setText(offset);
}

QString ResetOffsetsDialog::validationError() const
{
    if (!m_group.members.empty())
        return tr("The group %1 has %n active member(s). Kafka only lets you reset the offsets of an empty group: "
                  "stop its consumers first.",
                  nullptr, static_cast<int>(m_group.members.size()))
            .arg(QString::fromStdString(m_group.groupId));
    const auto scope = static_cast<Scope>(m_scopeCombo->currentData().toInt());
    if (scope != Scope::AllTopics && m_topicCombo->currentText().trimmed().isEmpty())
        return tr("Choose a topic.");
    const auto target = static_cast<OffsetResetTarget>(m_targetCombo->currentData().toInt());
    if (target == OffsetResetTarget::Offset) {
        bool ok = false;
        const qint64 offset = m_offsetEdit->text().toLongLong(&ok);
        if (!ok || offset < 0)
            return tr("Enter an offset (a whole number, 0 or more).");
    }
    if (target == OffsetResetTarget::Timestamp && !m_timestampEdit->dateTime().isValid())
        return tr("Enter a valid time.");
    if (scope == Scope::AllTopics && m_group.partitions.empty())
        return tr("The group has no committed offsets yet: choose a topic.");
    return {};
}

std::optional<OffsetResetRequest> ResetOffsetsDialog::request() const
{
    if (!validationError().isEmpty())
        return std::nullopt;
    OffsetResetRequest r;
    r.groupId = m_group.groupId;
    r.target = static_cast<OffsetResetTarget>(m_targetCombo->currentData().toInt());
    if (r.target == OffsetResetTarget::Offset)
        r.value = m_offsetEdit->text().toLongLong();
    else if (r.target == OffsetResetTarget::Timestamp)
        r.value = m_timestampEdit->dateTime().toMSecsSinceEpoch();
    const auto scope = static_cast<Scope>(m_scopeCombo->currentData().toInt());
    if (scope != Scope::AllTopics)
        r.topic = m_topicCombo->currentText().trimmed().toStdString();
    if (scope == Scope::Partition)
        r.partition = m_partitionSpin->value();
    return r;
}

QString ResetOffsetsDialog::messageText() const
{
    return m_messageLabel->text();
}

bool ResetOffsetsDialog::canPreview() const
{
    return m_previewButton->isEnabled();
}

bool ResetOffsetsDialog::canApply() const
{
    return m_applyButton->isEnabled();
}

void ResetOffsetsDialog::setMessage(const QString &text, bool isError, bool isHint)
{
    m_messageIsHint = isHint;
    m_messageLabel->setText(text);
    m_messageLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

void ResetOffsetsDialog::updateState()
{
    const auto scope = static_cast<Scope>(m_scopeCombo->currentData().toInt());
    const auto target = static_cast<OffsetResetTarget>(m_targetCombo->currentData().toInt());
    m_topicCombo->setEnabled(scope != Scope::AllTopics);
    m_partitionSpin->setEnabled(scope == Scope::Partition);
    m_timestampEdit->setEnabled(target == OffsetResetTarget::Timestamp);
    m_offsetEdit->setEnabled(target == OffsetResetTarget::Offset);

    const QString error = validationError();
    const auto current = request();
    m_previewButton->setEnabled(error.isEmpty() && !m_waiting);
    m_applyButton->setEnabled(error.isEmpty() && !m_waiting && m_plannedRequest && current == m_plannedRequest &&
                              !m_plan.empty());
    // Validation problems always show; the hint never hides the outcome of the last dry run or reset.
    if (!error.isEmpty())
        setMessage(error, true, true);
    else if (!m_waiting && (!m_plannedRequest || current != m_plannedRequest) && (m_messageIsHint || messageText().isEmpty()))
        setMessage(tr("Preview the change before resetting."), false, true);
}

void ResetOffsetsDialog::preview()
{
    const auto r = request();
    if (!r) {
        updateState();
        return;
    }
    m_waiting = true;
    setMessage(tr("Computing the new offsets…"), false);
    updateState();
    emit previewRequested(*r);
}

void ResetOffsetsDialog::apply()
{
    if (!canApply())
        return;
    m_waiting = true;
    setMessage(tr("Committing the new offsets…"), false);
    updateState();
    emit applyRequested(QString::fromStdString(m_group.groupId), m_plan);
}

void ResetOffsetsDialog::showPlan(const OffsetResetRequest &request, const std::vector<OffsetResetChange> &plan,
                                  const QString &error)
{
    if (request.groupId != m_group.groupId)
        return;
    m_waiting = false;
    m_plan = error.isEmpty() ? plan : std::vector<OffsetResetChange>{};
    m_plannedRequest = error.isEmpty() ? std::optional<OffsetResetRequest>(request) : std::nullopt;
    m_planTable->setRowCount(static_cast<int>(m_plan.size()));
    const QString unknown = tr("—", "value not known");
    for (int row = 0; row < static_cast<int>(m_plan.size()); ++row) {
        const OffsetResetChange &change = m_plan[static_cast<std::size_t>(row)];
        const QStringList cells{QString::fromStdString(change.topic), QString::number(change.partition),
                                change.oldOffset < 0 ? unknown : Units::formatCount(change.oldOffset),
                                change.newOffset < 0 ? unknown : Units::formatCount(change.newOffset)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_planTable->setItem(row, column, item);
        }
    }
    updateState();
    if (!error.isEmpty())
        setMessage(tr("The cluster refused the dry run: %1").arg(error), true);
    else if (m_plan.empty())
        setMessage(tr("Nothing to reset: no partition matches."), true);
    else
        setMessage(tr("%n partition(s) will move. Nothing has changed yet.", nullptr, static_cast<int>(m_plan.size())), false,
                   true);
}

void ResetOffsetsDialog::showApplied(const QString &groupId, const QString &error)
{
    if (groupId.toStdString() != m_group.groupId)
        return;
    m_waiting = false;
    if (!error.isEmpty()) {
        updateState();
        setMessage(tr("The cluster refused the reset: %1").arg(error), true);
        return;
    }
    m_plannedRequest.reset();
    updateState();
    setMessage(tr("Offsets reset for %n partition(s).", nullptr, static_cast<int>(m_plan.size())), false);
}
