// ChangePreview: the dry run every change form shows before it applies — one line per change (old value → new value,
// with units) and the equivalent Kafka command line with a "Copy command" button.
#pragma once
#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

class ChangePreview : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangePreview)

public:
    struct Change
    {
        QString what;      // "retention.ms", "partitions", "topic"
        QString oldValue;  // empty: did not exist / inherited (use oldNote)
        QString newValue;  // empty: removed
        QString oldNote;   // e.g. "inherited"
        QString newNote;   // e.g. "back to the broker default"
        bool operator==(const Change &) const = default;
    };

    explicit ChangePreview(QWidget *parent = nullptr);

    void setChanges(const QList<Change> &changes, const QString &command);
    QList<Change> changes() const { return m_changes; }
    QString command() const { return m_command; }
    // The diff as text, one change a line: "retention.ms: 604800000 (7 days) → 86400000 (1 day)".
    QString diffText() const;
    static QString lineFor(const Change &change);

    QPushButton *copyButton() const { return m_copyButton; }

public slots:
    void copyCommand();

private:
    QList<Change> m_changes;
    QString m_command;
    QPlainTextEdit *m_diffEdit;
    QPlainTextEdit *m_commandEdit;
    QPushButton *m_copyButton;
};
