#pragma once

#include "errorcode.h"

#include <QMetaType>
#include <QString>

namespace chevet {

// A failure that crosses a module boundary. `code` says what failed, typed by domain (errorcode.h);
// `message` is for logs and support and never contains patient data; what a nurse reads comes from
// the code (the app's ErrorText).
struct Error
{
    ErrorDomain domain = ErrorDomain::Core; // always code.domain()
    ErrorCode code;
    QString message;
    // True when retrying the same operation later may succeed (network down, disk busy).
    bool transient = false;
    // For validation errors: the field that was refused ("pulse", "spo2", ...).
    QString field;

    QString toString() const;
};

Error makeError(ErrorCode code, const QString &message, bool transient = false);

} // namespace chevet

Q_DECLARE_METATYPE(chevet::ErrorCode)
Q_DECLARE_METATYPE(chevet::Error)
