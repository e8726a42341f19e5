// GroupsMetaTypes: the consumer-group values that travel in queued signals, declared to Qt's meta-type system once.
#pragma once
#include <vector>

#include <QMetaType>

#include "GroupsProvider.h"
#include "GroupsSnapshot.h"

Q_DECLARE_METATYPE(GroupsSnapshotPtr)
Q_DECLARE_METATYPE(OffsetResetRequest)
Q_DECLARE_METATYPE(std::vector<OffsetResetChange>)
