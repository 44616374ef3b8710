#pragma once

#include "model/latecare.h"
#include "model/news2.h"

#include <QString>
#include <QStringList>

namespace chevet::app {

// What the nurse reads out when she calls the doctor about a NEWS2 score (issue "the app" item 3): the
// facts of the chart, put in the SBAR order.
struct SbarFacts
{
    QString nurse;
    QString patient; // "DUPONT Marie"
    int ageYears = -1;
    QString room;
    QString bed;
    qint64 stayStartMs = 0;
    bool allergiesRecorded = false;
    QStringList allergies;
    News2Input vitals;
    News2Result news2;
    qint64 takenAtMs = 0;
    qint64 nowMs = 0; // to say how old the values are (0: not said)
};

struct Sbar
{
    QString situation;
    QString background;
    QString assessment;
    QString recommendation;

    // The four parts, one per line, each after its letter: what is read out and kept as a transmission.
    QString text() const;
};

Sbar composeSbar(const SbarFacts &facts);
// What the RCP response asks for at this level, in the nurse's words.
QString escalationRequest(Escalation escalation);

} // namespace chevet::app
