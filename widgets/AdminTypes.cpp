#include "AdminTypes.h"

QString AdminResult::text() const
{
    if (ok())
        return {};
    if (errorName.isEmpty())
        return errorMessage;
    if (errorMessage.isEmpty())
        return errorName;
    return errorName + QLatin1String(": ") + errorMessage;
}

AdminResult AdminResult::failure(int code, const QString &name, const QString &message)
{
    AdminResult result;
    result.errorCode = code;
    result.errorName = name;
    result.errorMessage = message;
    return result;
}

const ConfigEntry *ConfigDescription::find(const QString &name) const
{
    for (const ConfigEntry &entry : entries)
        if (entry.name == name)
            return &entry;
    return nullptr;
}
