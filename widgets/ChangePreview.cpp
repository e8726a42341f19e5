#include "ChangePreview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "units.h"

namespace {
QString withUnits(const QString &what, const QString &value)
{
    const QString human = Units::formatConfigValue(what, value);
    return human.isEmpty() ? value : QStringLiteral("%1 (%2)").arg(value, human);
}
}  // namespace

ChangePreview::ChangePreview(QWidget *parent)
    : QWidget(parent)
    , m_diffEdit(new QPlainTextEdit(this))
    , m_commandEdit(new QPlainTextEdit(this))
    , m_copyButton(new QPushButton(tr("Copy command"), this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_diffEdit->setObjectName(QStringLiteral("diff"));
    m_diffEdit->setReadOnly(true);
    m_diffEdit->setFont(fixed);
    m_diffEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diffEdit->setFixedHeight(m_diffEdit->fontMetrics().lineSpacing() * 5 + 12);
    m_commandEdit->setObjectName(QStringLiteral("command"));
    m_commandEdit->setReadOnly(true);
    m_commandEdit->setFont(fixed);
    m_commandEdit->setFixedHeight(m_commandEdit->fontMetrics().lineSpacing() * 4 + 12);
    m_commandEdit->setToolTip(tr("The same change with Apache Kafka's command-line tools"));
    m_copyButton->setObjectName(QStringLiteral("copyCommand"));
    m_copyButton->setToolTip(tr("Copy the equivalent Kafka command line to the clipboard"));
    connect(m_copyButton, &QPushButton::clicked, this, &ChangePreview::copyCommand);

    auto *diffLabel = new QLabel(tr("Changes (dry run):"), this);
    auto *commandLabel = new QLabel(tr("Equivalent command:"), this);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(commandLabel, 1);
    commandRow->addWidget(m_copyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(diffLabel);
    layout->addWidget(m_diffEdit);
    layout->addLayout(commandRow);
    layout->addWidget(m_commandEdit);
    setChanges({}, {});
}

void ChangePreview::setChanges(const QList<Change> &changes, const QString &command)
{
    m_changes = changes;
    m_command = command;
    m_diffEdit->setPlainText(changes.isEmpty() ? tr("No changes.") : diffText());
    m_commandEdit->setPlainText(command);
    m_copyButton->setEnabled(!command.isEmpty());
}

QString ChangePreview::lineFor(const Change &change)
{
    const QString arrow = QStringLiteral(" → ");
    QString before = change.oldValue.isEmpty() ? QString() : withUnits(change.what, change.oldValue);
    if (!change.oldNote.isEmpty())
        before = before.isEmpty() ? change.oldNote : QStringLiteral("%1 [%2]").arg(before, change.oldNote);
    if (before.isEmpty())
        before = tr("(none)");
    QString after = change.newValue.isEmpty() ? QString() : withUnits(change.what, change.newValue);
    if (!change.newNote.isEmpty())
        after = after.isEmpty() ? change.newNote : QStringLiteral("%1 [%2]").arg(after, change.newNote);
    if (after.isEmpty())
        after = tr("(removed)");
    return change.what + QStringLiteral(": ") + before + arrow + after;
}

QString ChangePreview::diffText() const
{
    QStringList lines;
    for (const Change &change : m_changes)
        lines << lineFor(change);
    return lines.join(QLatin1Char('\n'));
}

void ChangePreview::copyCommand()
{
    if (!m_command.isEmpty())
        QApplication::clipboard()->setText(m_command);
}
