#include "TopicForm.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "AdminService.h"
#include "ConfigValueEditor.h"
#include "KafkaCommands.h"
#include "TopicConfigCatalog.h"
#include "TopicNameValidator.h"
#include "units.h"

namespace {
constexpr int MaxPartitions = 100000;
}

TopicForm::TopicForm(AdminService *admin, const QStringList &existingTopics, const QList<int> &brokerIds,
                     QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_mode(Mode::Create)
    , m_existingTopics(existingTopics)
    , m_brokerIds(brokerIds)
{
    setWindowTitle(tr("New Topic"));
    build();
}

TopicForm::TopicForm(AdminService *admin, const QString &topic, int partitions, int replicationFactor, QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_mode(Mode::Edit)
    , m_topic(topic)
    , m_initialPartitions(qMax(1, partitions))
    , m_initialReplication(qMax(1, replicationFactor))
{
    setWindowTitle(tr("Edit Topic %1").arg(topic));
    build();
}

void TopicForm::build()
{
    setObjectName(QStringLiteral("TopicForm"));
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("name"));
    m_nameEdit->setMaxLength(TopicNameValidator::MaxLength + 50);  // let the user see the length error
    m_nameEdit->setPlaceholderText(tr("e.g. orders-v1"));
    m_partitionsSpin = new QSpinBox(this);
    m_partitionsSpin->setObjectName(QStringLiteral("partitions"));
    m_partitionsSpin->setRange(1, MaxPartitions);
    m_replicationSpin = new QSpinBox(this);
    m_replicationSpin->setObjectName(QStringLiteral("replicationFactor"));
    m_replicationSpin->setRange(1, 32767);

    if (m_mode == Mode::Create) {
        m_partitionsSpin->setValue(1);
        m_replicationSpin->setValue(1);
    } else {
        m_nameEdit->setText(m_topic);
        m_nameEdit->setReadOnly(true);
        m_partitionsSpin->setRange(m_initialPartitions, MaxPartitions);  // Kafka only adds partitions
        m_partitionsSpin->setValue(m_initialPartitions);
        m_partitionsSpin->setToolTip(tr("Kafka can add partitions but not remove them. Adding partitions changes "
                                        "which partition a key maps to."));
        m_replicationSpin->setValue(m_initialReplication);
        m_replicationSpin->setEnabled(false);
        m_replicationSpin->setToolTip(tr("Changing the replication factor needs a partition reassignment."));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Partitions:"), m_partitionsSpin);
    form->addRow(tr("&Replication factor:"), m_replicationSpin);

    auto *configsBox = new QGroupBox(tr("Configs (check to override for this topic)"), this);
    auto *grid = new QGridLayout(configsBox);
    grid->setHorizontalSpacing(12);
    grid->setColumnStretch(ConfigValueEditor::SourceColumn, 1);
    int row = 0;
    for (const QString &name : TopicConfigCatalog::commonTopicConfigs()) {
        auto *editor = new ConfigValueEditor(name, grid, row++, configsBox);
        connect(editor, &ConfigValueEditor::changed, this, &TopicForm::updateState);
        m_editors << editor;
    }

    m_loadLabel = new QLabel(this);
    m_loadLabel->setObjectName(QStringLiteral("loadStatus"));
    m_messagesLabel = new QLabel(this);
    m_messagesLabel->setObjectName(QStringLiteral("messages"));
    m_messagesLabel->setWordWrap(true);
    m_messagesLabel->setTextFormat(Qt::RichText);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("status"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview = new ChangePreview(this);

    auto *buttons = new QDialogButtonBox(this);
    m_validateButton = buttons->addButton(tr("&Validate Only"), QDialogButtonBox::ActionRole);
    m_validateButton->setObjectName(QStringLiteral("validateOnly"));
    m_validateButton->setToolTip(tr("Ask the cluster to check the request without changing anything"));
    m_applyButton = buttons->addButton(m_mode == Mode::Create ? tr("&Create Topic") : tr("&Apply"),
                                       QDialogButtonBox::AcceptRole);
    m_applyButton->setObjectName(QStringLiteral("apply"));
    m_applyButton->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_validateButton, &QPushButton::clicked, this, &TopicForm::validateOnly);
    connect(m_applyButton, &QPushButton::clicked, this, &TopicForm::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(configsBox);
    layout->addWidget(m_loadLabel);
    layout->addWidget(m_messagesLabel);
    layout->addWidget(m_preview);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &TopicForm::updateState);
    connect(m_partitionsSpin, &QSpinBox::valueChanged, this, &TopicForm::updateState);
    connect(m_replicationSpin, &QSpinBox::valueChanged, this, &TopicForm::updateState);
    updateState();
}

ConfigValueEditor *TopicForm::editor(const QString &configName) const
{
    for (ConfigValueEditor *editor : m_editors)
        if (editor->name() == configName)
            return editor;
    return nullptr;
}

void TopicForm::load()
{
    if (!m_admin)
        return;
    m_loadLabel->setText(tr("Reading defaults from the cluster…"));
    const ConfigResourceType type = m_mode == Mode::Create ? ConfigResourceType::Broker : ConfigResourceType::Topic;
    QString resource = m_topic;
    if (m_mode == Mode::Create) {
        if (m_brokerIds.isEmpty()) {
            m_loadLabel->setText(tr("No broker known yet: showing Kafka's defaults."));
            return;
        }
        resource = QString::number(m_brokerIds.first());
    }
    m_admin->describeConfigs(type, {resource}).then(this, [this](const QList<ConfigDescription> &descriptions) {
        if (descriptions.isEmpty() || !descriptions.first().result.ok()) {
            m_loadLabel->setText(tr("Could not read the configs: %1")
                                     .arg(descriptions.isEmpty() ? tr("no answer") : descriptions.first().result.text()));
            return;
        }
        applyConfigDescription(descriptions.first());
        m_loadLabel->setText(m_mode == Mode::Create ? tr("Defaults: broker %1's configs.").arg(descriptions.first().resourceName)
                                                    : tr("Current configs of %1.").arg(m_topic));
        m_loaded = true;
        updateState();
        emit loaded();
    });
}

void TopicForm::applyConfigDescription(const ConfigDescription &description)
{
    for (ConfigValueEditor *editor : m_editors) {
        if (m_mode == Mode::Create) {
            const auto inherited = TopicConfigCatalog::inheritedFromBroker(editor->name(), description);
            editor->setInherited(inherited.value, TopicConfigCatalog::sourceText(inherited.source, inherited.synonym));
            continue;
        }
        if (const ConfigEntry *entry = description.find(editor->name()))
            editor->loadTopicEntry(*entry);
    }
}

QStringList TopicForm::validationErrors() const
{
    QStringList errors;
    if (m_mode == Mode::Create) {
        const QString nameError = TopicNameValidator::error(m_nameEdit->text(), m_existingTopics);
        if (!nameError.isEmpty())
            errors << nameError;
        if (!m_brokerIds.isEmpty() && m_replicationSpin->value() > m_brokerIds.size())
            errors << tr("Replication factor: %1 larger than available brokers: %2.")
                          .arg(m_replicationSpin->value())
                          .arg(m_brokerIds.size());
    }
    for (const ConfigValueEditor *editor : m_editors) {
        const QString error = editor->validationError();
        if (!error.isEmpty())
            errors << error;
    }
    return errors;
}

QStringList TopicForm::warnings() const
{
    QStringList warnings;
    if (m_mode == Mode::Create) {
        const QString warning = TopicNameValidator::warning(m_nameEdit->text());
        if (!warning.isEmpty())
            warnings << warning;
    }
    if (const ConfigValueEditor *minIsr = editor(QStringLiteral("min.insync.replicas"))) {
        if (minIsr->value().toInt() > m_replicationSpin->value())
            warnings << tr("min.insync.replicas (%1) is larger than the replication factor (%2): producers with "
                           "acks=all will fail with NOT_ENOUGH_REPLICAS.")
                            .arg(minIsr->value())
                            .arg(m_replicationSpin->value());
    }
    if (m_mode == Mode::Edit && m_partitionsSpin->value() > m_initialPartitions)
        warnings << tr("Adding partitions changes the partition of keyed records: ordering per key only holds for "
                       "records produced after the change.");
    return warnings;
}

QString TopicForm::messageText() const
{
    return m_messagesLabel->text();
}

QString TopicForm::statusText() const
{
    return m_status;
}

NewTopicRequest TopicForm::createRequest() const
{
    NewTopicRequest request;
    request.name = m_nameEdit->text();
    request.partitions = m_partitionsSpin->value();
    request.replicationFactor = m_replicationSpin->value();
    for (const ConfigValueEditor *editor : m_editors)
        if (editor->isOverridden())
            request.configs.insert(editor->name(), editor->value());
    return request;
}

AlterConfigsRequest TopicForm::alterRequest() const
{
    AlterConfigsRequest request;
    request.type = ConfigResourceType::Topic;
    request.resourceName = m_mode == Mode::Edit ? m_topic : m_nameEdit->text();
    for (const ConfigValueEditor *editor : m_editors)
        if (const auto alteration = editor->alteration())
            request.alterations << *alteration;
    return request;
}

CreatePartitionsRequest TopicForm::partitionsRequest() const
{
    return CreatePartitionsRequest{m_topic, m_partitionsSpin->value(), false};
}

QList<ChangePreview::Change> TopicForm::changes() const
{
    QList<ChangePreview::Change> list;
    if (m_mode == Mode::Create) {
        const NewTopicRequest request = createRequest();
        list << ChangePreview::Change{tr("topic"), {}, request.name, tr("does not exist"), {}};
        list << ChangePreview::Change{tr("partitions"), {}, QString::number(request.partitions), {}, {}};
        list << ChangePreview::Change{tr("replication factor"), {}, QString::number(request.replicationFactor), {}, {}};
        for (const ConfigValueEditor *editor : m_editors)
            if (editor->isOverridden())
                list << ChangePreview::Change{editor->name(), editor->inheritedValue(), editor->value(), tr("default"), {}};
        return list;
    }
    if (m_partitionsSpin->value() != m_initialPartitions)
        list << ChangePreview::Change{tr("partitions"), QString::number(m_initialPartitions),
                                      QString::number(m_partitionsSpin->value()), {}, {}};
    for (const ConfigValueEditor *editor : m_editors) {
        const auto alteration = editor->alteration();
        if (!alteration)
            continue;
        const QString oldNote = editor->initiallyOverridden() ? QString() : tr("inherited");
        if (alteration->operation == ConfigAlteration::Operation::Set)
            list << ChangePreview::Change{editor->name(), editor->initialValue(), alteration->value, oldNote, {}};
        else
            list << ChangePreview::Change{editor->name(), editor->initialValue(), editor->inheritedValue(), {},
                                          tr("override removed, inherits")};
    }
    return list;
}

QString TopicForm::command() const
{
    const QString bootstrap = m_admin ? m_admin->bootstrap() : QStringLiteral("localhost:9092");
    if (m_mode == Mode::Create)
        return KafkaCommands::createTopic(bootstrap, createRequest());
    QStringList commands;
    if (m_partitionsSpin->value() != m_initialPartitions)
        commands << KafkaCommands::createPartitions(bootstrap, partitionsRequest());
    const AlterConfigsRequest alter = alterRequest();
    if (!alter.alterations.isEmpty())
        commands << KafkaCommands::alterConfigs(bootstrap, alter);
    return commands.join(QLatin1Char('\n'));
}

void TopicForm::updateState()
{
    const QStringList errors = validationErrors();
    const QStringList warns = warnings();
    QStringList html;
    for (const QString &error : errors)
        html << QStringLiteral("<span style=\"color:#c0392b\">✖ %1</span>").arg(error.toHtmlEscaped());
    for (const QString &warning : warns)
        html << QStringLiteral("<span style=\"color:#b9770e\">⚠ %1</span>").arg(warning.toHtmlEscaped());
    m_messagesLabel->setText(html.join(QStringLiteral("<br>")));
    m_messagesLabel->setVisible(!html.isEmpty());
    m_preview->setChanges(changes(), errors.isEmpty() ? command() : QString());
    const bool sendable = errors.isEmpty() && !m_busy && (m_mode == Mode::Create || !changes().isEmpty());
    m_applyButton->setEnabled(sendable);
    m_validateButton->setEnabled(sendable);
}

bool TopicForm::submit()
{
    return send(false);
}

bool TopicForm::validateOnly()
{
    return send(true);
}

bool TopicForm::send(bool validateOnly)
{
    updateState();
    if (m_busy || !m_admin || !validationErrors().isEmpty() || (m_mode == Mode::Edit && changes().isEmpty()))
        return false;
    setBusy(true);
    m_status.clear();
    m_statusLabel->setText(validateOnly ? tr("Asking the cluster to validate…") : tr("Sending…"));

    if (m_mode == Mode::Create) {
        NewTopicRequest request = createRequest();
        request.validateOnly = validateOnly;
        m_admin->createTopic(request).then(this, [this, validateOnly](const AdminResult &result) {
            finish(result, validateOnly);
        });
        return true;
    }

    // Edit: partitions first (the riskier change), then configs; stop at the first refusal.
    const AlterConfigsRequest alter = [&] {
        AlterConfigsRequest r = alterRequest();
        r.validateOnly = validateOnly;
        return r;
    }();
    QPointer<AdminService> admin = m_admin;
    auto alterConfigs = [this, admin, alter, validateOnly] {
        if (alter.alterations.isEmpty() || !admin) {
            finish(AdminResult{}, validateOnly);
            return;
        }
        admin->alterConfigs(alter).then(this, [this, validateOnly](const AdminResult &result) {
            finish(result, validateOnly);
        });
    };
    if (m_partitionsSpin->value() != m_initialPartitions) {
        CreatePartitionsRequest request = partitionsRequest();
        request.validateOnly = validateOnly;
        m_admin->createPartitions(request).then(this, [this, validateOnly, alterConfigs](const AdminResult &result) {
            if (!result.ok())
                finish(result, validateOnly);
            else
                alterConfigs();
        });
    } else {
        alterConfigs();
    }
    return true;
}

void TopicForm::finish(const AdminResult &result, bool validateOnly)
{
    setBusy(false);
    const QString topic = m_mode == Mode::Create ? m_nameEdit->text() : m_topic;
    if (!result.ok()) {
        m_status = tr("The cluster refused: %1").arg(result.text());
        m_statusLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    } else if (validateOnly) {
        m_status = m_mode == Mode::Create ? tr("Valid: the cluster would create %1 (validate only, nothing was created).").arg(topic)
                                          : tr("Valid: the cluster accepts these changes (validate only, nothing was changed).");
        m_statusLabel->setStyleSheet(QStringLiteral("color: #1e8449;"));
    } else {
        m_status = m_mode == Mode::Create ? tr("Created topic %1.").arg(topic) : tr("Applied the changes to %1.").arg(topic);
        m_statusLabel->setStyleSheet(QStringLiteral("color: #1e8449;"));
    }
    m_statusLabel->setText(m_status);
    emit finished(result, validateOnly);
    if (result.ok() && !validateOnly) {
        emit applied(topic);
        accept();
    }
}

void TopicForm::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}
