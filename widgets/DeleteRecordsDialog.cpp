#include "DeleteRecordsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "AdminService.h"
#include "ChangePreview.h"
#include "KafkaCommands.h"
#include "units.h"

DeleteRecordsDialog::DeleteRecordsDialog(AdminService *admin, const QString &topic,
                                         const QList<PartitionOffsets> &partitions, QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_topic(topic)
    , m_partitions(partitions)
    , m_table(new QTableWidget(static_cast<int>(partitions.size()), ColumnCount, this))
    , m_messagesLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_preview(new ChangePreview(this))
{
    setObjectName(QStringLiteral("DeleteRecordsDialog"));
    setWindowTitle(tr("Delete Records of %1").arg(topic));
    auto *intro = new QLabel(tr("Records before the offset you enter are deleted: the partition's start offset moves "
                                "up to it. Leave a partition empty to keep it as it is; \"end\" deletes everything."),
                             this);
    intro->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("offsets"));
    m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Start offset"), tr("End offset"), tr("Delete before")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < partitions.size(); ++row) {
        const PartitionOffsets &p = partitions.at(row);
        auto readOnly = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(Qt::ItemIsEnabled);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        m_table->setItem(row, PartitionColumn, readOnly(QString::number(p.partition)));
        m_table->setItem(row, StartColumn, readOnly(p.startOffset >= 0 ? Units::formatCount(p.startOffset) : tr("?")));
        m_table->setItem(row, EndColumn, readOnly(p.endOffset >= 0 ? Units::formatCount(p.endOffset) : tr("?")));
        auto *edit = new QTableWidgetItem;
        edit->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        edit->setToolTip(tr("An offset, or \"end\" for the high watermark"));
        m_table->setItem(row, DeleteBeforeColumn, edit);
    }
    connect(m_table, &QTableWidget::itemChanged, this, &DeleteRecordsDialog::updateState);

    m_messagesLabel->setObjectName(QStringLiteral("messages"));
    m_messagesLabel->setWordWrap(true);
    m_messagesLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_statusLabel->setObjectName(QStringLiteral("status"));
    m_statusLabel->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_deleteButton = buttons->addButton(tr("&Delete Records"), QDialogButtonBox::DestructiveRole);
    m_deleteButton->setObjectName(QStringLiteral("delete"));
    connect(m_deleteButton, &QPushButton::clicked, this, &DeleteRecordsDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_messagesLabel);
    layout->addWidget(m_preview);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    resize(640, 520);
    updateState();
}

void DeleteRecordsDialog::setOffset(int partition, qint64 offset)
{
    for (int row = 0; row < m_partitions.size(); ++row)
        if (m_partitions.at(row).partition == partition)
            m_table->item(row, DeleteBeforeColumn)->setText(offset < 0 ? QStringLiteral("end") : QString::number(offset));
}

QStringList DeleteRecordsDialog::validationErrors() const
{
    QStringList errors;
    for (int row = 0; row < m_partitions.size(); ++row) {
        const PartitionOffsets &p = m_partitions.at(row);
        const QString text = m_table->item(row, DeleteBeforeColumn)->text().trimmed();
        if (text.isEmpty() || text.compare(QLatin1String("end"), Qt::CaseInsensitive) == 0)
            continue;
        bool ok = false;
        const qint64 offset = QLocale().toLongLong(text, &ok);
        if (!ok || offset < 0)
            errors << tr("Partition %1: \"%2\" is not an offset.").arg(p.partition).arg(text);
        else if (p.endOffset >= 0 && offset > p.endOffset)
            errors << tr("Partition %1: offset %2 is past the end offset %3 (Kafka answers OFFSET_OUT_OF_RANGE).")
                          .arg(p.partition)
                          .arg(offset)
                          .arg(p.endOffset);
    }
    if (request().offsets.isEmpty())
        errors << tr("Enter an offset for at least one partition.");
    return errors;
}

DeleteRecordsRequest DeleteRecordsDialog::request() const
{
    DeleteRecordsRequest request;
    request.topic = m_topic;
    for (int row = 0; row < m_partitions.size(); ++row) {
        const QString text = m_table->item(row, DeleteBeforeColumn)->text().trimmed();
        if (text.isEmpty())
            continue;
        if (text.compare(QLatin1String("end"), Qt::CaseInsensitive) == 0) {
            request.offsets.insert(m_partitions.at(row).partition, -1);
            continue;
        }
        bool ok = false;
        const qint64 offset = QLocale().toLongLong(text, &ok);
        if (ok && offset >= 0)
            request.offsets.insert(m_partitions.at(row).partition, offset);
    }
    return request;
}

void DeleteRecordsDialog::updateState()
{
    const QStringList errors = validationErrors();
    m_messagesLabel->setText(errors.join(QLatin1Char('\n')));
    m_messagesLabel->setVisible(!errors.isEmpty());
    QList<ChangePreview::Change> changes;
    const DeleteRecordsRequest req = request();
    for (const PartitionOffsets &p : m_partitions) {
        if (!req.offsets.contains(p.partition))
            continue;
        const qint64 offset = req.offsets.value(p.partition);
        const QString target = offset < 0 ? (p.endOffset >= 0 ? QString::number(p.endOffset) : tr("end"))
                                           : QString::number(offset);
        changes << ChangePreview::Change{tr("%1-%2 start offset").arg(m_topic).arg(p.partition),
                                         p.startOffset >= 0 ? QString::number(p.startOffset) : QString(), target,
                                         p.startOffset >= 0 ? QString() : tr("unknown"), {}};
    }
    const QString bootstrap = m_admin ? m_admin->bootstrap() : QString();
    m_preview->setChanges(changes, errors.isEmpty() ? KafkaCommands::deleteRecords(bootstrap, req) : QString());
    m_deleteButton->setEnabled(errors.isEmpty() && !m_busy);
}

bool DeleteRecordsDialog::submit()
{
    updateState();
    if (m_busy || !m_admin || !validationErrors().isEmpty())
        return false;
    m_busy = true;
    updateState();
    m_statusLabel->setText(tr("Deleting records…"));
    m_admin->deleteRecords(request()).then(this, [this](const AdminResult &result) {
        m_busy = false;
        m_status = result.ok() ? tr("Deleted the records.") : tr("The cluster refused: %1").arg(result.text());
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
