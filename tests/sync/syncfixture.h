#pragma once

// A device for the sync suites: a sealed store with the system clock, and helpers to record and to
// sync it against a DpiHarness.
#include "../storefixture.h"
#include "dpiharness.h"
#include "store/conflictqueue.h"
#include "sync/syncrun.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace chevet::test;

struct Device
{
    QTemporaryDir dir;
    std::unique_ptr<chevet::Store> store;

    explicit Device(const QString &author = QStringLiteral("nurse-a"), const chevet::Clock *clock = nullptr)
    {
        chevet::StoreOptions o;
        o.path = dir.filePath(QStringLiteral("device.chevet"));
        o.pin = kTestPin;
        o.deviceSecret = kTestDeviceSecret;
        o.author = author;
        o.establishment = QStringLiteral("urn:oid:2.999.250.1");
        o.kdf = kTestKdf;
        o.clock = clock;
        auto made = chevet::Store::create(o);
        if (!made)
            qFatal("cannot create a device store: %s", qPrintable(made.error().toString()));
        store = std::move(made).value();
    }

    chevet::Result<chevet::SyncOutcome> sync(DpiHarness &dpi, const chevet::SyncScope &scope = {})
    {
        std::unique_ptr<chevet::Transport> transport = dpi.transport();
        chevet::SyncRun run(*store, *transport, scope);
        return run.run();
    }

    // Syncs until a run succeeds (faults make some fail); returns the number of runs, -1 if never.
    int syncUntilDone(DpiHarness &dpi, const chevet::SyncScope &scope = {}, int maxRuns = 400)
    {
        std::unique_ptr<chevet::Transport> transport = dpi.transport();
        for (int run = 1; run <= maxRuns; ++run) {
            chevet::SyncRun once(*store, *transport, scope);
            if (once.run())
                return run;
        }
        return -1;
    }

    chevet::OutboxCounts counts()
    {
        auto c = store->outbox().counts();
        return c ? *c : chevet::OutboxCounts{};
    }
};

inline QString clientIdentifier(const QUuid &id)
{
    return QStringLiteral("urn:uuid:") + id.toString(QUuid::WithoutBraces);
}

// How many times each client id appears among the DPI's resources of a type.
inline QHash<QString, int> identifierCounts(const QList<QJsonObject> &resources)
{
    QHash<QString, int> counts;
    for (const QJsonObject &r : resources) {
        for (const QJsonValue &id : r.value(QLatin1String("identifier")).toArray()) {
            if (id.toObject().value(QLatin1String("system")).toString() == QLatin1String("urn:ietf:rfc:3986"))
                ++counts[id.toObject().value(QLatin1String("value")).toString()];
        }
    }
    return counts;
}
