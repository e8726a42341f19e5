#include "RetentionEditor.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "AdminService.h"
#include "ChangePreview.h"
#include "ConfigValueEditor.h"
#include "KafkaCommands.h"
#include "TopicConfigCatalog.h"

RetentionEditor::RetentionEditor(AdminService *admin, QWidget *parent)
    : QGroupBox(parent)
    , m_admin(admin)
    , m_messagesLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_preview(new ChangePreview(this))
    , m_applyButton(new QPushButton(tr("&Apply"), this))
    , m_resetButton(new QPushButton(tr("&Revert"), this))
{
    setObjectName(QStringLiteral("RetentionEditor"));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setColumnStretch(3, 1);
    int row = 0;
    for (const QString &name : TopicConfigCatalog::retentionConfigs()) {
        auto *editor = new ConfigValueEditor(name, grid, row++, this);
        connect(editor, &ConfigValueEditor::changed, this, &RetentionEditor::updateState);
        m_editors << editor;
    }
    m_messagesLabel->setObjectName(QStringLiteral("messages"));
    m_messagesLabel->setWordWrap(true);
    m_messagesLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_statusLabel->setObjectName(QStringLiteral("status"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_applyButton->setObjectName(QStringLiteral("apply"));
    m_applyButton->setToolTip(tr("Apply with IncrementalAlterConfigs"));
    connect(m_applyButton, &QPushButton::clicked, this, &RetentionEditor::apply);
    connect(m_resetButton, &QPushButton::clicked, this, [this] {
        for (ConfigValueEditor *editor : m_editors)
            editor->setInitial(editor->initiallyOverridden(), editor->initialValue());
        updateState();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_statusLabel, 1);
    buttons->addWidget(m_resetButton);
    buttons->addWidget(m_applyButton);
    auto *left = new QVBoxLayout;
    left->addLayout(grid);
    left->addWidget(m_messagesLabel);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_preview, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addLayout(buttons);
    setTopic({}, {});
}

ConfigValueEditor *RetentionEditor::editor(const QString &configName) const
{
    for (ConfigValueEditor *editor : m_editors)
        if (editor->name() == configName)
            return editor;
    return nullptr;
}

void RetentionEditor::setTopic(const QString &topic, const QList<ConfigEntry> &entries)
{
    if (topic != m_topic) {
        m_status.clear();
        m_statusLabel->clear();
    }
    m_topic = topic;
    setTitle(topic.isEmpty() ? tr("Retention (select a topic)") : tr("Retention of %1").arg(topic));
    for (ConfigValueEditor *editor : m_editors) {
        bool found = false;
        for (const ConfigEntry &entry : entries) {
            if (entry.name == editor->name()) {
                editor->loadTopicEntry(entry);
                found = true;
            }
        }
        if (!found)
            editor->setInitial(false, {});
    }
    setEnabled(!topic.isEmpty());
    updateState();
}

QStringList RetentionEditor::validationErrors() const
{
    QStringList errors;
    for (const ConfigValueEditor *editor : m_editors) {
        const QString error = editor->validationError();
        if (!error.isEmpty())
            errors << error;
    }
    return errors;
}

AlterConfigsRequest RetentionEditor::request() const
{
    AlterConfigsRequest request;
    request.type = ConfigResourceType::Topic;
    request.resourceName = m_topic;
    for (const ConfigValueEditor *editor : m_editors)
        if (const auto alteration = editor->alteration())
            request.alterations << *alteration;
    return request;
}

void RetentionEditor::updateState()
{
    const QStringList errors = validationErrors();
    m_messagesLabel->setText(errors.join(QLatin1Char('\n')));
    m_messagesLabel->setVisible(!errors.isEmpty());
    QList<ChangePreview::Change> changes;
    for (const ConfigValueEditor *editor : m_editors) {
        const auto alteration = editor->alteration();
        if (!alteration)
            continue;
        const QString oldNote = editor->initiallyOverridden() ? QString() : tr("inherited");
        if (alteration->operation == ConfigAlteration::Operation::Set)
            changes << ChangePreview::Change{editor->name(), editor->initialValue(), alteration->value, oldNote, {}};
        else
            changes << ChangePreview::Change{editor->name(), editor->initialValue(), editor->inheritedValue(), {},
                                             tr("override removed, inherits")};
    }
    const AlterConfigsRequest req = request();
    const QString bootstrap = m_admin ? m_admin->bootstrap() : QString();
    m_preview->setChanges(changes, errors.isEmpty() && !req.alterations.isEmpty()
                                       ? KafkaCommands::alterConfigs(bootstrap, req)
                                       : QString());
    m_applyButton->setEnabled(errors.isEmpty() && !req.alterations.isEmpty() && !m_busy && !m_topic.isEmpty());
    m_resetButton->setEnabled(!req.alterations.isEmpty() && !m_busy);
}

bool RetentionEditor::apply()
{
    updateState();
    const AlterConfigsRequest req = request();
    if (m_busy || !m_admin || m_topic.isEmpty() || !validationErrors().isEmpty() || req.alterations.isEmpty())
        return false;
    m_busy = true;
    updateState();
    m_statusLabel->setText(tr("Applying…"));
    const QString topic = m_topic;
    m_admin->alterConfigs(req).then(this, [this, topic](const AdminResult &result) {
        m_busy = false;
        m_status = result.ok() ? tr("Applied to %1.").arg(topic) : tr("The cluster refused: %1").arg(result.text());
        m_statusLabel->setText(m_status);
        m_statusLabel->setStyleSheet(result.ok() ? QStringLiteral("color: #1e8449;") : QStringLiteral("color: #c0392b;"));
        updateState();
        emit finished(result);
        if (result.ok())
            emit applied(topic);
    });
    return true;
}
