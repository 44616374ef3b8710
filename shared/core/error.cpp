#include "error.h"

namespace chevet {

QString Error::toString() const
{
    return QStringLiteral("%1/%2: %3").arg(domainName(domain), code.name(), message);
}

Error makeError(ErrorCode code, const QString &message, bool transient)
{
    return Error{code.domain(), code, message, transient, {}};
}

} // namespace chevet
