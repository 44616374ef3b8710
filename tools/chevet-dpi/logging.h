#pragma once

#include <QLoggingCategory>

// chevet.dpi for the server's own events, chevet.dpi.request for the one line per request (off with
// --quiet). Neither ever carries bodies, query values, tokens or any patient data.
Q_DECLARE_LOGGING_CATEGORY(lcDpi)
Q_DECLARE_LOGGING_CATEGORY(lcDpiRequest)
