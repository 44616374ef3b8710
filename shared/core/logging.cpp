#include "logging.h"

Q_LOGGING_CATEGORY(lcCore, "chevet.core")
Q_LOGGING_CATEGORY(lcStore, "chevet.store")
Q_LOGGING_CATEGORY(lcStoreMigration, "chevet.store.migration")
Q_LOGGING_CATEGORY(lcCrypto, "chevet.crypto")
Q_LOGGING_CATEGORY(lcSync, "chevet.sync")
Q_LOGGING_CATEGORY(lcSyncPush, "chevet.sync.push")
Q_LOGGING_CATEGORY(lcSyncPull, "chevet.sync.pull")
Q_LOGGING_CATEGORY(lcNet, "chevet.net")
Q_LOGGING_CATEGORY(lcPlatform, "chevet.platform")
Q_LOGGING_CATEGORY(lcApp, "chevet.app")
