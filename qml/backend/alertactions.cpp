#include "alertactions.h"
#include "services/errortext.h"

#include "store/alertlog.h"

#include <QDateTime>

namespace chevet::app {

void acknowledgeAlert(StoreWorker &worker, QObject *receiver, const QUuid &alertId,
                      std::function<void(const QString &message)> failed)
{
    worker.write<bool>(
        receiver,
        [alertId](Store &store) -> Result<bool> {
            if (Status s =
                    store.alerts().acknowledge(alertId, store.author(), QDateTime::currentMSecsSinceEpoch());
                !s)
                return s.error();
            return true;
        },
        [failed = std::move(failed)](Result<bool> done) {
            if (!done)
                failed(ErrorText::of(done.error()));
        });
}

} // namespace chevet::app
