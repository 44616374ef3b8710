#include "output.h"

#include <QJsonDocument>

#include <cstdio>

namespace chevet::cli {

int printJson(const QJsonObject &json)
{
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return Ok;
}

int fail(const QString &message, ExitCode code)
{
    std::fprintf(stderr, "chevetctl: %s\n", message.toLocal8Bit().constData());
    return code;
}

int fail(const Error &error)
{
    QString text = error.message;
    if (!error.field.isEmpty() && !text.contains(error.field))
        text = error.field + QStringLiteral(": ") + text;
    return fail(QStringLiteral("%1 [%2]").arg(text, error.code.name()),
                error.domain == ErrorDomain::Validation ? Usage : Failed);
}

int usageError(const QString &message)
{
    return fail(message + QStringLiteral(" (see 'chevetctl help')"), Usage);
}

} // namespace chevet::cli
