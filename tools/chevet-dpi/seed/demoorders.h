#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace chevet::dpi::seed {

// Who and where an order is for.
struct OrderContext
{
    QString patient;   // "Patient/pat-001"
    QString encounter; // "Encounter/enc-001"
    QDate today;
    QDateTime now;
};

// The medication catalogue and the care tasks the demo draws from.
qsizetype medicationCount();
qsizetype careTaskCount();

// An active prescription of catalogue item `drug`, with dose slots today and tomorrow.
QJsonObject medicationRequest(const OrderContext &context, qsizetype drug, const QString &id);
// A nursing task for today, status requested.
QJsonObject careTask(const OrderContext &context, qsizetype task, const QString &id);

// The morning round's vital signs: heart rate, SpO2, temperature and blood pressure; `jitter` in
// [0, 1) varies the values from patient to patient.
QList<QJsonObject> morningVitals(const OrderContext &context, const QString &idPrefix, double jitter);

} // namespace chevet::dpi::seed
