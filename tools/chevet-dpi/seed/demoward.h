#pragma once

#include "fhirerror.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace chevet::dpi {
class ResourceStore;
}

namespace chevet::dpi::seed {

struct SeedSummary
{
    QList<std::pair<QString, int>> counts; // per resource type, in writing order

    int count(const QString &type) const;
    QString text() const; // "2 Location, 30 Patient, ..."
};

// `--seed demo`: a cardiology ward (24 patients) and a home-care round (6), with their stays,
// prescriptions with today's and tomorrow's dose slots, care tasks, allergies and the morning's vital
// signs; each identity with its trust status (mostly qualified, a few provisional or recovered).
// Drawn from a fixed seed, so the counts are the same on every run; times follow `now`.
// Writes in one transaction; call it on an empty store.
Expected<SeedSummary> seedDemoWard(ResourceStore &store, const QDateTime &now);

} // namespace chevet::dpi::seed
