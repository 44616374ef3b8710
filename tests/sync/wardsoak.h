#pragma once

// A ward soak shared by the multi-device suites: tablets, each its own sealed store, do random bedside
// work on the same ward while the DPI's own users edit it too; then every device is synced until nothing
// moves and the invariants are checked against what the DPI holds.
#include "syncfixture.h"

#include <QRandomGenerator>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

struct SoakFigures
{
    int vitals = 0, amends = 0, errors = 0, notes = 0, noteAmends = 0, tasks = 0, doses = 0;
    int refused = 0; // local edits the store refused (e.g. amending an entered-in-error record)
    int dpiEdits = 0;
    int runs = 0, failedRuns = 0;
};

class WardSoak
{
public:
    using Devices = std::vector<std::unique_ptr<Device>>;
    // One sync run of a device; the suites choose the transport (faults, hooks).
    using SyncOnce = std::function<chevet::Result<chevet::SyncOutcome>(Device &)>;

    WardSoak(quint32 seed, int devices);

    // Hundreds of double-dose alerts are expected in a soak: counted by check(), not logged one by one.
    static void quietAlertLogs();

    // One to four random bedside actions on device `index`: vitals, an amendment or entered-in-error,
    // a note or its amendment, a task completed, a dose given (first six patients, first two slots, so
    // devices collide on purpose).
    void bedsideWork(Device &device, int index, qint64 nowMs);
    // The DPI's own users: amend an observation or cancel a requested task of one patient, now and then.
    void dpiUserEdit(DpiHarness &dpi, const QList<chevet::Patient> &ward);

    // Syncs each device until two runs succeed, then rounds of that until a round moves nothing. False
    // when a device never gets two successful runs or the ward never settles.
    bool settle(Devices &devices, const SyncOnce &sync);

    // The invariants, as a list of failures (empty: all hold), with the figures logged:
    // (a) every record a device created is on the DPI exactly once, unless it waits in conflict or is
    //     kept on the device by a person's decision (keptLocal: then it is not on the DPI at all);
    // (b) nothing pending; nothing quarantined outside keptLocal; conflicts in the outbox iff queued;
    // (c) every settled record equals the DPI's version (version, status, value) on the same patient;
    // (d) the audit chain is intact and every superseded version is explained by a rule or a person;
    // (e) every double dose on the DPI is raised on each device that holds it.
    QStringList check(Devices &devices, DpiHarness &dpi);

    QRandomGenerator rng;
    SoakFigures figures;
    std::vector<QSet<QUuid>> created; // per device: the client ids it created
    QSet<QUuid> keptLocal;            // records a person decided to keep off the DPI
};
