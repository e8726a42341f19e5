#include "ProduceDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "HeaderLines.h"
#include "ValueFormat.h"

ProduceDialog::ProduceDialog(MessagesSession *session, const QMap<QString, int> &partitionCounts, const QString &topic,
                             QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_partitionCounts(partitionCounts)
    , m_topic(new QComboBox(this))
    , m_partition(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_value(new QPlainTextEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_compression(new QComboBox(this))
    , m_produce(new QPushButton(tr("&Produce"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("produceDialog"));
    setWindowTitle(tr("Produce a record"));
    m_topic->addItems(m_partitionCounts.keys());
    if (!topic.isEmpty())
        m_topic->setCurrentText(topic);
    m_partition->setEditable(true);
    m_partition->setToolTip(tr("A partition number, or \"By key\": Kafka's default partitioner (murmur2 of the key)"));
    m_key->setPlaceholderText(tr("empty: a null key"));
    m_value->setPlaceholderText(tr("The record's value (UTF-8 text)"));
    m_headers->setPlaceholderText(tr("One header per line: key=value"));
    m_headers->setMaximumHeight(80);
    for (auto codec : {sluice::client::compression_codec::none, sluice::client::compression_codec::gzip,
                       sluice::client::compression_codec::snappy, sluice::client::compression_codec::lz4,
                       sluice::client::compression_codec::zstd})
        m_compression->addItem(valueformat::codecName(codec), static_cast<int>(codec));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("produceStatus"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(tr("P&artition:"), m_partition);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(tr("&Headers:"), m_headers);
    form->addRow(tr("&Compression:"), m_compression);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_produce->setDefault(false);
    m_produce->setAutoDefault(false);  // Enter in the value is a new line, not a send
    buttons->addButton(m_produce, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_produce, &QPushButton::clicked, this, [this] { submit(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(520, 440);

    connect(m_topic, &QComboBox::currentTextChanged, this, [this] { fillPartitions(); });
    fillPartitions();
    if (m_session)
        connect(m_session, &MessagesSession::produced, this, &ProduceDialog::onProduced);
}

void ProduceDialog::fillPartitions()
{
    const QString previous = m_partition->currentText();
    m_partition->clear();
    m_partition->addItem(tr("By key"));
    const int count = m_partitionCounts.value(m_topic->currentText());
    for (int p = 0; p < count; ++p)
        m_partition->addItem(QString::number(p));
    const int again = m_partition->findText(previous);
    m_partition->setCurrentIndex(again >= 0 ? again : 0);
}

QString ProduceDialog::validationError() const
{
    const QString topic = m_topic->currentText();
    if (topic.isEmpty())
        return tr("Choose a topic.");
    const QString partition = m_partition->currentText().trimmed();
    if (partition != m_partition->itemText(0)) {
        bool ok = false;
        const int p = partition.toInt(&ok);
        const int count = m_partitionCounts.value(topic);
        if (!ok || p < 0)
            return tr("Partition must be \"%1\" or a partition number; \"%2\" is neither.").arg(m_partition->itemText(0), partition);
        if (count > 0 && p >= count)
            return tr("Topic %1 has partitions 0 to %2; there is no partition %3.").arg(topic).arg(count - 1).arg(p);
    }
    const HeaderLinesResult headers = parseHeaderLines(m_headers->toPlainText());
    if (!headers.error.isEmpty())
        return headers.error;
    return {};
}

bool ProduceDialog::submit()
{
    if (m_busy)
        return false;
    const QString error = validationError();
    if (!error.isEmpty()) {
        setStatus(error, true);
        return false;
    }
    if (!m_session) {
        setStatus(tr("Not connected to the cluster."), true);
        return false;
    }
    sluice::client::record record;
    record.timestamp = -1;  // stamped when sent
    if (!m_key->text().isEmpty()) {
        const QByteArray key = m_key->text().toUtf8();
        record.key = std::vector<uint8_t>(key.begin(), key.end());
    }
    const QByteArray value = m_value->toPlainText().toUtf8();
    record.value = std::vector<uint8_t>(value.begin(), value.end());
    record.headers = parseHeaderLines(m_headers->toPlainText()).headers;
    std::optional<int32_t> partition;
    if (m_partition->currentText().trimmed() != m_partition->itemText(0))
        partition = m_partition->currentText().trimmed().toInt();
    const auto codec = static_cast<sluice::client::compression_codec>(m_compression->currentData().toInt());
    m_ticket = MessagesSession::newTicket();
    m_busy = true;
    m_produce->setEnabled(false);
    setStatus(tr("Producing…"), false);
    m_session->produce(m_ticket, m_topic->currentText(), record, partition, codec);
    return true;
}

void ProduceDialog::onProduced(quint64 ticket, int partition, qint64 offset, const QString &error)
{
    if (ticket != m_ticket)
        return;
    m_busy = false;
    m_produce->setEnabled(true);
    if (!error.isEmpty()) {
        m_lastPartition = -1;
        m_lastOffset = -1;
        setStatus(tr("The cluster refused the record: %1").arg(error), true);
        return;
    }
    m_lastPartition = partition;
    m_lastOffset = offset;
    setStatus(tr("Produced to %1, partition %2, at offset %3.").arg(m_topic->currentText()).arg(partition).arg(offset), false);
    emit recordProduced(m_topic->currentText(), partition, offset);
}

void ProduceDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}
