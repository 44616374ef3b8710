#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace chevet {

// Reads a PIN from the controlling terminal without echo, so it appears neither on screen nor in
// the process list. Fails when there is no terminal (scripts use CHEVET_PIN instead).
Result<QByteArray> promptForPin(const QString &prompt);

} // namespace chevet
