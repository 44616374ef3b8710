#include "commands.h"
#include "model/administrationtimesconfig.h"
#include "output.h"
#include "session.h"

#include <QFile>
#include <QJsonDocument>

namespace chevet::cli {

// Shows the establishment's standard administration times, or sets them from a JSON file (entries
// left out keep the French defaults; docs/dpi.md).
int runAdministrationTimes(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions + QStringList{QStringLiteral("set")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("administration-times: unknown option --%1").arg(unknown.first()));
    std::optional<AdministrationTimes> wanted;
    if (args.has(QStringLiteral("set"))) {
        QFile file(args.value(QStringLiteral("set")));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("administration-times: cannot read %1").arg(file.fileName()));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return usageError(
                QStringLiteral("administration-times: %1 is not a JSON object").arg(file.fileName()));
        Result<AdministrationTimes> times = administrationTimesFromJson(doc.object());
        if (!times)
            return fail(times.error());
        wanted = *times;
    }
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    if (wanted) {
        if (Status s = store.setAdministrationTimes(*wanted); !s)
            return fail(s.error());
    }
    return printJson(administrationTimesToJson(store.administrationTimes()));
}

} // namespace chevet::cli
