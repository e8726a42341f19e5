#include "TopicNameValidator.h"

namespace {
bool isLegalChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '_' ||
           u == '-';
}

QString unifyCollisionChars(const QString &name)
{
    QString unified = name;
    return unified.replace(QLatin1Char('.'), QLatin1Char('_'));
}
}  // namespace

QString TopicNameValidator::error(const QString &name, const QStringList &existingTopics)
{
    if (name.isEmpty())
        return tr("Topic name is illegal, it can't be empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return tr("Topic name cannot be \".\" or \"..\".");
    if (name.size() > MaxLength)
        return tr("Topic name is illegal, it can't be longer than %1 characters (it has %2).")
            .arg(MaxLength)
            .arg(name.size());
    for (const QChar c : name) {
        if (!isLegalChar(c))
            return tr("Topic name \"%1\" is illegal, it contains a character other than ASCII alphanumerics, '.', "
                      "'_' and '-' (\"%2\").")
                .arg(name, QString(c));
    }
    for (const QString &existing : existingTopics) {
        if (existing == name)
            return tr("Topic '%1' already exists.").arg(name);
    }
    for (const QString &existing : existingTopics) {
        if (collides(existing, name))
            return tr("Topic '%1' collides with existing topic: %2 (names that differ only by '.' and '_' share "
                      "metric names).")
                .arg(name, existing);
    }
    return {};
}

QString TopicNameValidator::warning(const QString &name)
{
    if (name.contains(QLatin1Char('.')) || name.contains(QLatin1Char('_')))
        return tr("Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. "
                  "To avoid issues it is best to use either, but not both.");
    return {};
}

bool TopicNameValidator::collides(const QString &a, const QString &b)
{
    return unifyCollisionChars(a) == unifyCollisionChars(b);
}
