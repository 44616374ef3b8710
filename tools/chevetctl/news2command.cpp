#include "commands.h"
#include "jsonview.h"
#include "model/news2.h"
#include "model/vitalkind.h"
#include "output.h"

namespace chevet::cli {

namespace {

std::optional<int> wholeNumber(const Arguments &args, const QString &name, QString *error)
{
    const std::optional<double> value = number(args, name, error);
    if (!value)
        return std::nullopt;
    if (*value != double(qRound(*value))) {
        *error = QStringLiteral("--%1 must be a whole number").arg(name);
        return std::nullopt;
    }
    return qRound(*value);
}

} // namespace

int runNews2(const Arguments &args)
{
    const QStringList known = {QStringLiteral("rr"),     QStringLiteral("spo2"), QStringLiteral("scale"),
                               QStringLiteral("oxygen"), QStringLiteral("sbp"),  QStringLiteral("pulse"),
                               QStringLiteral("acvpu"),  QStringLiteral("temp")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("news2: unknown option --%1").arg(unknown.first()));

    QString error;
    News2Input in;
    in.respiratoryRate = wholeNumber(args, QStringLiteral("rr"), &error);
    in.spo2 = wholeNumber(args, QStringLiteral("spo2"), &error);
    in.systolic = wholeNumber(args, QStringLiteral("sbp"), &error);
    in.pulse = wholeNumber(args, QStringLiteral("pulse"), &error);
    in.temperature = number(args, QStringLiteral("temp"), &error);
    const std::optional<int> scale = wholeNumber(args, QStringLiteral("scale"), &error);
    if (!error.isEmpty())
        return usageError(QStringLiteral("news2: ") + error);
    if (scale && *scale != 1 && *scale != 2)
        return usageError(QStringLiteral("news2: --scale must be 1 or 2"));
    in.spo2Scale = scale.value_or(1);
    in.onOxygen = args.flag(QStringLiteral("oxygen"));
    if (args.has(QStringLiteral("acvpu"))) {
        in.consciousness = acvpuFromLetter(args.value(QStringLiteral("acvpu")));
        if (!in.consciousness)
            return usageError(QStringLiteral("news2: --acvpu must be one of A, C, V, P, U"));
    }
    return printJson(toJson(computeNews2(in)));
}

} // namespace chevet::cli
