#pragma once

#include <QLoggingCategory>

// One place for every logging category of the engine. Never log patient data, tokens or keys:
// log record ids, counts, codes and durations only.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcStoreMigration)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcSyncPush)
Q_DECLARE_LOGGING_CATEGORY(lcSyncPull)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcPlatform)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
