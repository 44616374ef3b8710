#pragma once

#include "storeworker.h"

#include <QUuid>

#include <functional>

namespace chevet::app {

// Acknowledges a clinical alert as the nurse at the tablet, with the time; every model reloads.
// Shared by the chart and the review page so both record the acknowledgement the same way.
void acknowledgeAlert(StoreWorker &worker, QObject *receiver, const QUuid &alertId,
                      std::function<void(const QString &message)> failed);

} // namespace chevet::app
