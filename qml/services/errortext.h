#pragma once

#include "core/error.h"
#include "session/pinrules.h"

#include <QCoreApplication>
#include <QString>

// The words a nurse reads for an engine error, in the interface's language: what happened and, where
// she can act, what to do. One switch per error domain without a default, so a code added to the
// engine without words here does not build. The engine's own message (English, for logs and
// support) is never shown alone.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString of(const chevet::Error &error);
    // Empty for a good PIN.
    static QString ofWeakPin(chevet::PinWeakness weakness);

private:
    static QString of(chevet::CoreError code);
    static QString of(chevet::StoreError code);
    static QString of(chevet::CryptoError code);
    static QString of(chevet::ValidationError code);
    static QString of(chevet::ModelError code);
    static QString of(chevet::FhirReadError code);
    static QString of(chevet::NetError code);
    static QString of(chevet::SyncError code);
    static QString of(chevet::PlatformError code);
};
