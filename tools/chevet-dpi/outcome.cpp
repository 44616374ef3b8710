#include "outcome.h"

#include <QJsonArray>

namespace chevet::dpi {

QString issueCode(Issue issue)
{
    switch (issue) {
    case Issue::Invalid:
        return QStringLiteral("invalid");
    case Issue::Structure:
        return QStringLiteral("structure");
    case Issue::Required:
        return QStringLiteral("required");
    case Issue::Value:
        return QStringLiteral("value");
    case Issue::Invariant:
        return QStringLiteral("invariant");
    case Issue::CodeInvalid:
        return QStringLiteral("code-invalid");
    case Issue::NotFound:
        return QStringLiteral("not-found");
    case Issue::Deleted:
        return QStringLiteral("deleted");
    case Issue::Conflict:
        return QStringLiteral("conflict");
    case Issue::Duplicate:
        return QStringLiteral("duplicate");
    case Issue::MultipleMatches:
        return QStringLiteral("multiple-matches");
    case Issue::TooCostly:
        return QStringLiteral("too-costly");
    case Issue::NotSupported:
        return QStringLiteral("not-supported");
    case Issue::Login:
        return QStringLiteral("login");
    case Issue::Transient:
        return QStringLiteral("transient");
    case Issue::Exception:
        return QStringLiteral("exception");
    case Issue::Informational:
        return QStringLiteral("informational");
    }
    return QStringLiteral("processing");
}

static QString severityCode(Severity severity)
{
    switch (severity) {
    case Severity::Fatal:
        return QStringLiteral("fatal");
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Information:
        return QStringLiteral("information");
    }
    return QStringLiteral("error");
}

QJsonObject operationOutcome(Severity severity, Issue issue, const QString &diagnostics,
                             const QString &expression)
{
    QJsonObject entry{{QStringLiteral("severity"), severityCode(severity)},
                      {QStringLiteral("code"), issueCode(issue)},
                      {QStringLiteral("diagnostics"), diagnostics}};
    if (!expression.isEmpty())
        entry.insert(QStringLiteral("expression"), QJsonArray{expression});
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")},
                       {QStringLiteral("issue"), QJsonArray{entry}}};
}

QJsonObject operationOutcome(const FhirError &error)
{
    const Severity severity = error.status >= 500 ? Severity::Fatal : Severity::Error;
    return operationOutcome(severity, error.issue, error.diagnostics, error.expression);
}

} // namespace chevet::dpi
