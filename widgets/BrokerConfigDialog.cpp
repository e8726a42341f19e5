#include "BrokerConfigDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "AdminService.h"
#include "ChangePreview.h"
#include "KafkaCommands.h"
#include "TopicConfigCatalog.h"
#include "units.h"

BrokerConfigDialog::BrokerConfigDialog(AdminService *admin, const QString &brokerId, const ConfigEntry &entry,
                                       QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_brokerId(brokerId)
    , m_entry(entry)
    , m_valueEdit(new QLineEdit(entry.value, this))
    , m_humanLabel(new QLabel(this))
    , m_removeCheck(new QCheckBox(tr("Remove the dynamic value (fall back to server.properties or the default)"), this))
    , m_messageLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_preview(new ChangePreview(this))
{
    setObjectName(QStringLiteral("BrokerConfigDialog"));
    setWindowTitle(tr("Broker %1: %2").arg(brokerId, entry.name));
    m_valueEdit->setObjectName(QStringLiteral("value"));
    m_removeCheck->setObjectName(QStringLiteral("remove"));
    m_removeCheck->setEnabled(entry.source == ConfigSource::DynamicBroker);
    m_messageLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_messageLabel->setWordWrap(true);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto info = TopicConfigCatalog::brokerConfig(entry.name);

    auto *form = new QFormLayout;
    auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(entry.name.toHtmlEscaped()), this);
    name->setToolTip(info.documentation);
    form->addRow(tr("Config:"), name);
    form->addRow(tr("Current source:"), new QLabel(TopicConfigCatalog::sourceText(entry.source), this));
    if (info.known)
        form->addRow(tr("Kafka default:"), new QLabel(info.kafkaDefault, this));
    form->addRow(tr("&New value:"), m_valueEdit);
    form->addRow(QString(), m_humanLabel);
    form->addRow(QString(), m_removeCheck);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_applyButton = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_applyButton->setObjectName(QStringLiteral("apply"));
    connect(m_applyButton, &QPushButton::clicked, this, &BrokerConfigDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_valueEdit, &QLineEdit::textChanged, this, &BrokerConfigDialog::updateState);
    connect(m_removeCheck, &QCheckBox::toggled, this, &BrokerConfigDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_preview);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());
    updateState();
}

QString BrokerConfigDialog::validationError() const
{
    if (m_entry.readOnly)
        return tr("%1 is read-only: change it in server.properties and restart the broker.").arg(m_entry.name);
    if (m_removeCheck->isChecked())
        return {};
    const QString value = m_valueEdit->text().trimmed();
    if (value.isEmpty())
        return tr("%1 needs a value.").arg(m_entry.name);
    return TopicConfigCatalog::validateBrokerConfig(m_entry.name, value);
}

AlterConfigsRequest BrokerConfigDialog::request() const
{
    AlterConfigsRequest request;
    request.type = ConfigResourceType::Broker;
    request.resourceName = m_brokerId;
    if (m_removeCheck->isChecked())
        request.alterations << ConfigAlteration{m_entry.name, ConfigAlteration::Operation::Delete, {}};
    else if (m_valueEdit->text().trimmed() != m_entry.value)
        request.alterations << ConfigAlteration{m_entry.name, ConfigAlteration::Operation::Set, m_valueEdit->text().trimmed()};
    return request;
}

void BrokerConfigDialog::updateState()
{
    m_valueEdit->setEnabled(!m_removeCheck->isChecked());
    const QString human = Units::formatConfigValue(m_entry.name, m_valueEdit->text());
    m_humanLabel->setText(human.isEmpty() ? QString() : tr("= %1").arg(human));
    const QString error = validationError();
    m_messageLabel->setText(error);
    m_messageLabel->setVisible(!error.isEmpty());
    const AlterConfigsRequest req = request();
    QList<ChangePreview::Change> changes;
    if (!req.alterations.isEmpty()) {
        const ConfigAlteration &a = req.alterations.first();
        changes << ChangePreview::Change{m_entry.name, m_entry.value, a.operation == ConfigAlteration::Operation::Set ? a.value : QString(),
                                         TopicConfigCatalog::sourceText(m_entry.source),
                                         a.operation == ConfigAlteration::Operation::Set ? tr("dynamic, broker %1").arg(m_brokerId)
                                                                                         : tr("dynamic value removed")};
    }
    const QString bootstrap = m_admin ? m_admin->bootstrap() : QString();
    m_preview->setChanges(changes, error.isEmpty() && !changes.isEmpty() ? KafkaCommands::alterConfigs(bootstrap, req) : QString());
    m_applyButton->setEnabled(error.isEmpty() && !changes.isEmpty() && !m_busy);
}

bool BrokerConfigDialog::submit()
{
    updateState();
    const AlterConfigsRequest req = request();
    if (m_busy || !m_admin || !validationError().isEmpty() || req.alterations.isEmpty())
        return false;
    m_busy = true;
    updateState();
    m_statusLabel->setText(tr("Applying…"));
    m_admin->alterConfigs(req).then(this, [this](const AdminResult &result) {
        m_busy = false;
        m_status = result.ok() ? tr("Applied to broker %1.").arg(m_brokerId) : tr("The cluster refused: %1").arg(result.text());
        m_statusLabel->setText(m_status);
        updateState();
        emit finished(result);
        if (result.ok()) {
            emit applied(m_brokerId);
            accept();
        }
    });
    return true;
}
