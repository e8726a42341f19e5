#include "MessageBrowserView.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "MessageExport.h"
#include "MessagesFilterModel.h"
#include "MessagesModel.h"
#include "ProduceDialog.h"
#include "units.h"

namespace {
enum StartChoice
{
    StartEarliest,
    StartLatest,
    StartOffset,
    StartTimestamp
};
constexpr int DefaultLastRecords = 100;
}  // namespace

MessageBrowserView::MessageBrowserView(MessagesSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new MessagesModel(session, this))
    , m_filter(new MessagesFilterModel(m_model, this))
    , m_topic(new QComboBox(this))
    , m_partitions(new QLineEdit(this))
    , m_start(new QComboBox(this))
    , m_startValue(new QLineEdit(this))
    , m_startTime(new QDateTimeEdit(this))
    , m_read(new QPushButton(tr("&Read"), this))
    , m_format(new QComboBox(this))
    , m_filterEdit(new QLineEdit(this))
    , m_live(new QCheckBox(tr("&Live tail"), this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_produce(new QPushButton(tr("&Produce…"), this))
    , m_table(new QTableView(this))
    , m_detailLabel(new QLabel(this))
    , m_headersView(new QTableWidget(0, 2, this))
    , m_valueView(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    m_topic->setMinimumContentsLength(18);
    m_topic->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_topic->setToolTip(tr("The topic to read"));
    m_partitions->setPlaceholderText(tr("all"));
    m_partitions->setToolTip(tr("Partitions to read: empty for all, or numbers and ranges like 0,2,4-6"));
    m_partitions->setMaximumWidth(110);
    m_start->addItem(tr("Earliest"));
    m_start->addItem(tr("Last N records"));
    m_start->addItem(tr("Offset"));
    m_start->addItem(tr("Timestamp"));
    m_start->setToolTip(tr("Where reading starts in each partition"));
    m_startValue->setMaximumWidth(120);
    m_startTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_startTime->setCalendarPopup(true);
    m_startTime->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_format->addItem(tr("Text"), static_cast<int>(ValueFormat::Text));
    m_format->addItem(tr("Pretty JSON"), static_cast<int>(ValueFormat::Json));
    m_format->addItem(tr("Hex"), static_cast<int>(ValueFormat::Hex));
    m_filterEdit->setPlaceholderText(tr("Filter: text in key, value or headers"));
    m_filterEdit->setClearButtonEnabled(true);
    m_live->setToolTip(tr("Keep reading new records as they arrive"));
    m_export->setToolTip(tr("Save the records shown as JSON lines"));
    m_produce->setToolTip(tr("Produce a record to this topic"));
    m_read->setDefault(true);

    m_table->setModel(m_filter);
    m_table->setObjectName(QStringLiteral("messagesTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no content-based column sizing: 100,000 rows must not be measured.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(MessagesModel::ValueColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(MessagesModel::PartitionColumn, 70);
    m_table->setColumnWidth(MessagesModel::OffsetColumn, 80);
    m_table->setColumnWidth(MessagesModel::TimestampColumn, 170);
    m_table->setColumnWidth(MessagesModel::KeyColumn, 120);
    m_table->setColumnWidth(MessagesModel::SizeColumn, 80);
    m_table->setColumnWidth(MessagesModel::HeadersColumn, 70);

    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setWordWrap(true);
    m_headersView->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->verticalHeader()->hide();
    m_headersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headersView->setMaximumHeight(110);
    m_valueView->setReadOnly(true);
    m_valueView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_valueView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_valueView->setPlaceholderText(tr("Select a record to see its headers and whole value"));
    m_status->setObjectName(QStringLiteral("messagesStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row1 = new QHBoxLayout;
    auto addLabeled = [this](QHBoxLayout *row, const QString &text, QWidget *w) {
        auto *label = new QLabel(text, this);
        label->setBuddy(w);
        row->addWidget(label);
        row->addWidget(w);
    };
    addLabeled(row1, tr("&Topic:"), m_topic);
    addLabeled(row1, tr("P&artitions:"), m_partitions);
    addLabeled(row1, tr("&Start:"), m_start);
    row1->addWidget(m_startValue);
    row1->addWidget(m_startTime);
    row1->addWidget(m_read);
    row1->addStretch(1);
    row1->addWidget(m_produce);
    auto *row2 = new QHBoxLayout;
    addLabeled(row2, tr("&Format:"), m_format);
    row2->addWidget(m_filterEdit, 1);
    row2->addWidget(m_live);
    row2->addWidget(m_export);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailLabel);
    detailLayout->addWidget(m_headersView);
    detailLayout->addWidget(m_valueView, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("messagesSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_start, &QComboBox::currentIndexChanged, this, [this] { updateStartControls(); });
    connect(m_read, &QPushButton::clicked, this, [this] { read(); });
    connect(m_startValue, &QLineEdit::returnPressed, this, [this] { read(); });
    connect(m_partitions, &QLineEdit::returnPressed, this, [this] { read(); });
    connect(m_topic, &QComboBox::activated, this, [this] { read(); });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setValueFormat(static_cast<ValueFormat>(m_format->currentData().toInt()));
        showDetail();
    });
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setNeedle(text);
        updateStatus();
    });
    connect(m_live, &QCheckBox::toggled, m_model, &MessagesModel::setLive);
    connect(m_export, &QPushButton::clicked, this, &MessageBrowserView::exportShown);
    connect(m_produce, &QPushButton::clicked, this, &MessageBrowserView::openProduceDialog);
    connect(m_model, &MessagesModel::stateChanged, this, &MessageBrowserView::updateStatus);
    // The detail pane shows the first record until the user picks another.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_table->selectRow(0);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MessageBrowserView::showDetail);
    updateStartControls();
    updateStatus();
}

void MessageBrowserView::updateStartControls()
{
    const int choice = m_start->currentIndex();
    m_startValue->setVisible(choice == StartLatest || choice == StartOffset);
    m_startTime->setVisible(choice == StartTimestamp);
    if (choice == StartLatest) {
        m_startValue->setPlaceholderText(tr("how many"));
        if (m_startValue->text().isEmpty())
            m_startValue->setText(QString::number(DefaultLastRecords));
    } else if (choice == StartOffset) {
        m_startValue->setPlaceholderText(tr("offset"));
    }
}

std::optional<sluice::client::start_position> MessageBrowserView::startPosition(QString *error) const
{
    using sluice::client::start_from;
    const int choice = m_start->currentIndex();
    if (choice == StartEarliest)
        return sluice::client::start_position{start_from::earliest, 0};
    if (choice == StartTimestamp)
        return sluice::client::start_position{start_from::timestamp, m_startTime->dateTime().toMSecsSinceEpoch()};
    bool ok = false;
    const QString text = m_startValue->text().trimmed();
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0) {
        if (error)
            *error = choice == StartLatest
                         ? tr("The number of last records must be a whole number, 0 or more; \"%1\" is not.").arg(text)
                         : tr("The start offset must be a whole number, 0 or more; \"%1\" is not.").arg(text);
        return std::nullopt;
    }
    return sluice::client::start_position{choice == StartLatest ? start_from::latest : start_from::offset, value};
}

std::optional<std::vector<int32_t>> MessageBrowserView::partitions(QString *error) const
{
    std::vector<int32_t> out;
    const QString text = m_partitions->text().trimmed();
    if (text.isEmpty() || text.compare(tr("all"), Qt::CaseInsensitive) == 0)
        return out;
    const int count = m_partitionCounts.value(m_topic->currentText(), -1);
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList ends = part.trimmed().split(QLatin1Char('-'));
        bool ok1 = false, ok2 = true;
        const int first = ends.value(0).trimmed().toInt(&ok1);
        const int last = ends.size() == 2 ? ends[1].trimmed().toInt(&ok2) : first;
        if (ends.size() > 2 || !ok1 || !ok2 || first < 0 || last < first)
            return fail(tr("Partitions: write numbers and ranges like 0,2,4-6; \"%1\" is not one.").arg(part.trimmed()));
        for (int p = first; p <= last; ++p) {
            if (count >= 0 && p >= count)
                return fail(tr("Topic %1 has partitions 0 to %2; there is no partition %3.")
                                .arg(m_topic->currentText())
                                .arg(count - 1)
                                .arg(p));
            if (std::find(out.begin(), out.end(), p) == out.end())
                out.push_back(p);
        }
    }
    return out;
}

bool MessageBrowserView::read()
{
    m_inputError.clear();
    const QString topic = m_topic->currentText();
    if (topic.isEmpty())
        m_inputError = tr("Choose a topic.");
    QString error;
    const auto start = startPosition(&error);
    const auto chosen = partitions(&error);
    if (m_inputError.isEmpty() && (!start || !chosen))
        m_inputError = error;
    if (!m_inputError.isEmpty()) {
        updateStatus();
        return false;
    }
    m_valueView->clear();
    m_headersView->setRowCount(0);
    m_detailLabel->clear();
    m_model->start(topic, *chosen, *start);
    return true;
}

void MessageBrowserView::showTopic(const QString &topic)
{
    if (m_topic->findText(topic) < 0)
        m_topic->addItem(topic);
    m_topic->setCurrentText(topic);
}

void MessageBrowserView::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    QMap<QString, int> counts;
    QString firstUserTopic;  // sorted first among the topics that are not internal
    QStringList internal;
    for (const auto &t : snapshot->topics) {
        const QString name = QString::fromStdString(t.name);
        counts.insert(name, static_cast<int>(t.partitions.size()));
        if (t.internal)
            internal << name;
        else if (firstUserTopic.isEmpty() || name < firstUserTopic)
            firstUserTopic = name;
    }
    if (counts == m_partitionCounts)
        return;
    m_partitionCounts = counts;
    const QString current = m_topic->currentText();
    {
        const QSignalBlocker blocker(m_topic);
        m_topic->clear();
        m_topic->addItems(counts.keys());  // sorted, like the topics view
        if (!current.isEmpty())
            showTopic(current);
    }
    // Until something was read, the tab opens on records, not on an empty table: the first topic that is the
    // user's (not __consumer_offsets), from the start.
    if (m_model->topic().isEmpty() && !firstUserTopic.isEmpty() && (current.isEmpty() || internal.contains(current))) {
        showTopic(firstUserTopic);
        read();
    }
}

void MessageBrowserView::openProduceDialog()
{
    auto *dialog = new ProduceDialog(m_session, m_partitionCounts, m_topic->currentText(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MessageBrowserView::updateStatus()
{
    if (!m_inputError.isEmpty()) {
        m_status->setText(m_inputError);
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    m_status->setStyleSheet(QString());
    if (!m_model->errorString().isEmpty()) {
        m_status->setText(tr("Reading %1 failed: %2").arg(m_model->topic(), m_model->errorString()));
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    if (m_model->topic().isEmpty()) {
        m_status->setText(tr("Choose a topic and where to start, then Read."));
        return;
    }
    QString text = m_filter->needle().isEmpty()
                       ? tr("%n record(s)", "", m_model->rowCount())
                       : tr("%1 of %2 shown", "records matching the filter of all read")
                             .arg(m_filter->rowCount())
                             .arg(tr("%n record(s)", "", m_model->rowCount()));
    if (m_model->isBusy() && !m_model->isLive())
        text += QStringLiteral(" — ") + tr("reading…");
    else if (m_model->limitReached())
        text += QStringLiteral(" — ") + tr("the browser's limit; start at a later offset to read further");
    else if (m_model->atEnd())
        text += QStringLiteral(" — ") + (m_model->isLive() ? tr("at the end, waiting for new records") : tr("at the end"));
    else
        text += QStringLiteral(" — ") + tr("scroll down for more");
    m_status->setText(text);
}

void MessageBrowserView::showDetail()
{
    const QModelIndex current = m_filter->mapToSource(m_table->selectionModel()->currentIndex());
    if (!current.isValid()) {
        m_detailLabel->clear();
        m_headersView->setRowCount(0);
        m_valueView->clear();
        return;
    }
    const auto &m = m_model->record(current.row());
    const auto format = static_cast<ValueFormat>(m_format->currentData().toInt());
    const QString timestampType = m.timestamp_kind == sluice::client::timestamp_type::log_append_time
                                      ? tr("LogAppendTime")
                                      : tr("CreateTime");
    m_detailLabel->setText(
        tr("Partition %1, offset %2 · %3 (%4) · key: %5 · batch: %6, %7, %n record(s)", "", m.batch_records)
            .arg(m.partition)
            .arg(m.offset)
            .arg(QDateTime::fromMSecsSinceEpoch(m.timestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), timestampType,
                 valueformat::preview(m.key, format == ValueFormat::Hex ? ValueFormat::Hex : ValueFormat::Text, 80),
                 valueformat::codecName(m.codec), Units::formatBytes(m.batch_bytes)));
    m_headersView->setRowCount(static_cast<int>(m.headers.size()));
    for (int i = 0; i < static_cast<int>(m.headers.size()); ++i) {
        const auto &h = m.headers[static_cast<std::size_t>(i)];
        m_headersView->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(h.key)));
        m_headersView->setItem(i, 1, new QTableWidgetItem(valueformat::preview(h.value, ValueFormat::Text, 400)));
    }
    m_valueView->setPlainText(valueformat::fullText(m.value, format));
}

int MessageBrowserView::exportTo(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return -1;
    }
    const int rows = m_filter->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex source = m_filter->mapToSource(m_filter->index(row, 0));
        if (file.write(messageexport::toJsonLine(m_model->record(source.row()))) < 0) {
            m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
            return -1;
        }
    }
    m_status->setText(tr("Exported %n record(s) to %1", "", rows).arg(path));
    return rows;
}

void MessageBrowserView::exportShown()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export records"), m_model->topic() + QStringLiteral(".jsonl"),
                                                      tr("JSON lines (*.jsonl *.json);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}
