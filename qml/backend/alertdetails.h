#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace chevet {
class Store;
struct ClinicalAlert;
} // namespace chevet

namespace chevet::app {

// What a nurse needs to decide on an alert (issue "the app" item 4; the nurse's review 5c: "gives no
// drug, times or nurses, and no action is asked"): each record it is about in her words, and what to do.
struct AlertDetails
{
    QStringList records; // "Furosémide 20 mg/2 mL — donné le 04/12 à 14:05 par ide.martin"
    QString action;      // the expected action, for this kind of alert
};

Result<AlertDetails> describeAlert(Store &store, const ClinicalAlert &alert);
// The expected action for an alert kind; for a kind the app does not know, an empty text.
QString alertAction(const QString &kind);

} // namespace chevet::app
