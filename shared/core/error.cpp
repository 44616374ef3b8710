#include "error.h"

namespace chevet {

QString domainName(ErrorDomain domain)
{
    switch (domain) {
    case ErrorDomain::Core:
        return QStringLiteral("core");
    case ErrorDomain::Store:
        return QStringLiteral("store");
    case ErrorDomain::Crypto:
        return QStringLiteral("crypto");
    case ErrorDomain::Validation:
        return QStringLiteral("validation");
    case ErrorDomain::Model:
        return QStringLiteral("model");
    case ErrorDomain::Fhir:
        return QStringLiteral("fhir");
    case ErrorDomain::Net:
        return QStringLiteral("net");
    case ErrorDomain::Sync:
        return QStringLiteral("sync");
    case ErrorDomain::Platform:
        return QStringLiteral("platform");
    }
    return QStringLiteral("unknown");
}

QString Error::toString() const
{
    return QStringLiteral("%1/%2: %3").arg(domainName(domain), code, message);
}

Error makeError(ErrorDomain domain, const QString &code, const QString &message, bool transient)
{
    return Error{domain, code, message, transient, {}};
}

} // namespace chevet
