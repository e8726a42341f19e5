#include "DeleteTopicDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "AdminService.h"
#include "ChangePreview.h"
#include "KafkaCommands.h"
#include "units.h"

DeleteTopicDialog::DeleteTopicDialog(AdminService *admin, const QString &topic, int partitions, qint64 messages,
                                     QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_topic(topic)
    , m_confirmEdit(new QLineEdit(this))
    , m_statusLabel(new QLabel(this))
    , m_preview(new ChangePreview(this))
{
    setObjectName(QStringLiteral("DeleteTopicDialog"));
    setWindowTitle(tr("Delete Topic %1").arg(topic));

    QString what = partitions >= 0 ? tr("%n partition(s)", nullptr, partitions) : QString();
    if (messages >= 0)
        what = what.isEmpty() ? tr("%1 records").arg(Units::formatCount(messages))
                              : tr("%1 and %2 records").arg(what, Units::formatCount(messages));
    auto *warning = new QLabel(
        tr("<b>Deleting %1 removes it and all its data%2 from the cluster.</b> This cannot be undone. Producers "
           "may re-create it if the cluster auto-creates topics.")
            .arg(topic.toHtmlEscaped(), what.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(what)),
        this);
    warning->setWordWrap(true);
    auto *prompt = new QLabel(tr("Type the topic's name to confirm:"), this);
    m_confirmEdit->setObjectName(QStringLiteral("confirmName"));
    m_confirmEdit->setPlaceholderText(topic);
    m_statusLabel->setObjectName(QStringLiteral("status"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    const QString bootstrap = m_admin ? m_admin->bootstrap() : QString();
    m_preview->setChanges({{tr("topic"), topic, {}, {}, tr("deleted")}}, KafkaCommands::deleteTopic(bootstrap, topic));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_deleteButton = buttons->addButton(tr("&Delete Topic"), QDialogButtonBox::DestructiveRole);
    m_deleteButton->setObjectName(QStringLiteral("delete"));
    m_deleteButton->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    connect(m_deleteButton, &QPushButton::clicked, this, &DeleteTopicDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &DeleteTopicDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addWidget(prompt);
    layout->addWidget(m_confirmEdit);
    layout->addWidget(m_preview);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
    updateState();
}

bool DeleteTopicDialog::isConfirmed() const
{
    return m_confirmEdit->text() == m_topic;
}

void DeleteTopicDialog::updateState()
{
    m_deleteButton->setEnabled(isConfirmed() && !m_busy);
}

bool DeleteTopicDialog::submit()
{
    if (!isConfirmed() || m_busy || !m_admin) {
        if (!isConfirmed())
            m_statusLabel->setText(tr("Type %1 exactly to delete it.").arg(m_topic));
        return false;
    }
    m_busy = true;
    updateState();
    m_statusLabel->setText(tr("Deleting…"));
    m_admin->deleteTopic(m_topic).then(this, [this](const AdminResult &result) {
        m_busy = false;
        m_status = result.ok() ? tr("Deleted topic %1.").arg(m_topic) : tr("The cluster refused: %1").arg(result.text());
        m_statusLabel->setText(m_status);
        updateState();
        emit finished(result);
        if (result.ok()) {
            emit applied(m_topic);
            accept();
        }
    });
    return true;
}
