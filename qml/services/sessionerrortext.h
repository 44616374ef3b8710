#pragma once

#include "core/error.h"
#include "session/pinrules.h"

#include <QCoreApplication>
#include <QString>

// The words a nurse reads when her session cannot open or a PIN is refused, in the interface's
// language; never the engine's own message alone.
class SessionErrorText
{
    Q_DECLARE_TR_FUNCTIONS(SessionErrorText)

public:
    static QString of(const chevet::Error &error);
    // Empty for a good PIN.
    static QString ofWeakPin(chevet::PinWeakness weakness);
};
