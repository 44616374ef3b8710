#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QString>

namespace chevet::cli {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// Results go to stdout as one JSON document; failures to stderr as one line.
int printJson(const QJsonObject &json);
int fail(const Error &error);
int fail(const QString &message, ExitCode code = Failed);
int usageError(const QString &message);

} // namespace chevet::cli
