// MessagesFilterModel: the message browser's substring filter — keeps the records whose key, value or a header
// contains the text's UTF-8 bytes (case-sensitive: a byte search stays fast over 1 MB values).
#pragma once
#include <QSortFilterProxyModel>

class MessagesModel;

class MessagesFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesFilterModel)

public:
    explicit MessagesFilterModel(MessagesModel *source, QObject *parent = nullptr);
    void setNeedle(const QString &text);
    QString needle() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    MessagesModel *m_source;
    QString m_text;
    QByteArray m_needle;
};
