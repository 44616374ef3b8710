#pragma once

#include <QString>

namespace chevet {

// Where an error comes from; lets callers and logs group failures without parsing messages.
enum class ErrorDomain { Core, Store, Crypto, Validation, Model, Fhir, Net, Sync, Platform };

QString domainName(ErrorDomain domain);

// A failure that crosses a module boundary. `code` is a stable machine-readable identifier
// (e.g. "wrong-pin"); `message` is for people and never contains patient data.
struct Error
{
    ErrorDomain domain = ErrorDomain::Core;
    QString code;
    QString message;
    // True when retrying the same operation later may succeed (network down, disk busy).
    bool transient = false;
    // For validation errors: the field that was refused ("pulse", "spo2", ...).
    QString field;

    QString toString() const;
};

Error makeError(ErrorDomain domain, const QString &code, const QString &message, bool transient = false);

} // namespace chevet
