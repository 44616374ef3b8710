#include "logging.h"

Q_LOGGING_CATEGORY(lcDpi, "chevet.dpi", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDpiRequest, "chevet.dpi.request", QtInfoMsg)
