#include "demoward.h"

#include "demoallergies.h"
#include "demoorders.h"
#include "demopeople.h"
#include "resourcestore.h"

#include <QRandomGenerator>

namespace chevet::dpi::seed {

int SeedSummary::count(const QString &type) const
{
    for (const auto &[name, number] : counts) {
        if (name == type)
            return number;
    }
    return 0;
}

QString SeedSummary::text() const
{
    QStringList parts;
    for (const auto &[name, number] : counts)
        parts.append(QStringLiteral("%1 %2").arg(number).arg(name));
    return parts.join(QLatin1String(", "));
}

namespace {

class SeedWriter
{
public:
    explicit SeedWriter(ResourceStore &store)
        : m_store(store)
    {}

    Expected<void> write(const QJsonObject &resource)
    {
        const QString type = resource.value(QLatin1String("resourceType")).toString();
        const auto stored = m_store.write(type, resource.value(QLatin1String("id")).toString(),
                                          QStringLiteral("POST"), resource);
        if (!stored)
            return stored.error();
        for (auto &[name, number] : m_summary.counts) {
            if (name == type) {
                ++number;
                return {};
            }
        }
        m_summary.counts.append({type, 1});
        return {};
    }

    const SeedSummary &summary() const { return m_summary; }

private:
    ResourceStore &m_store;
    SeedSummary m_summary;
};

// `count` distinct indices below `bound`, in draw order.
QList<qsizetype> distinctPicks(QRandomGenerator &random, int count, qsizetype bound)
{
    QList<qsizetype> picks;
    while (picks.size() < count) {
        const qsizetype pick = random.bounded(int(bound));
        if (!picks.contains(pick))
            picks.append(pick);
    }
    return picks;
}

Expected<void> writeWard(SeedWriter &writer, const QDateTime &now)
{
    QRandomGenerator random(20240501u); // fixed: the same ward on every run, so tests can count
    if (auto done = writer.write(wardLocation()); !done)
        return done;
    if (auto done = writer.write(homeCareLocation()); !done)
        return done;
    const QList<DemoPatient> &patients = demoPatients();
    for (int number = 1; number <= patients.size(); ++number) {
        const DemoPatient &patient = patients.at(number - 1);
        const bool home = patient.homeCity != nullptr;
        const QDateTime admitted(now.date().addDays(-(1 + random.bounded(home ? 20 : 6))), QTime(14, 0));
        if (auto done = writer.write(patientResource(patient, number)); !done)
            return done;
        if (auto done = writer.write(encounterResource(patient, number, admitted)); !done)
            return done;

        const OrderContext context{QStringLiteral("Patient/") + patientId(number),
                                   QStringLiteral("Encounter/") + encounterId(number), now.date(), now};
        const QString suffix = QStringLiteral("%1").arg(number, 3, 10, QLatin1Char('0'));
        int item = 0;
        for (qsizetype drug : distinctPicks(random, 1 + random.bounded(3), medicationCount())) {
            const QString id = QStringLiteral("mr-%1-%2").arg(suffix).arg(++item);
            if (auto done = writer.write(medicationRequest(context, drug, id)); !done)
                return done;
        }
        item = 0;
        for (qsizetype task : distinctPicks(random, 1 + random.bounded(2), careTaskCount())) {
            const QString id = QStringLiteral("task-%1-%2").arg(suffix).arg(++item);
            if (auto done = writer.write(careTask(context, task, id)); !done)
                return done;
        }
        // A fixed table, not a draw: the random sequence (and so every other resource) stays as it was.
        for (const QJsonObject &allergy : demoAllergies(context, number)) {
            if (auto done = writer.write(allergy); !done)
                return done;
        }
        for (const QJsonObject &observation :
             morningVitals(context, QStringLiteral("obs-") + suffix, random.generateDouble())) {
            if (auto done = writer.write(observation); !done)
                return done;
        }
    }
    return {};
}

} // namespace

Expected<SeedSummary> seedDemoWard(ResourceStore &store, const QDateTime &now)
{
    if (auto begun = store.begin(); !begun)
        return begun.error();
    SeedWriter writer(store);
    if (auto written = writeWard(writer, now); !written) {
        store.rollback();
        return written.error();
    }
    if (auto committed = store.commit(); !committed)
        return committed.error();
    return writer.summary();
}

} // namespace chevet::dpi::seed
