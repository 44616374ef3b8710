#include "unitselection.h"

#include "appsettings.h"
#include "sessioncontroller.h"

#include "backend/trainingward.h"
#include "backend/wardqueries.h"

using namespace chevet;
using namespace chevet::app;

UnitSelection::UnitSelection(SessionController &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_all(session.options().units)
{
    m_current = remembered();
    m_names = AppSettings(session.options().dataDir).unitNames();
    connect(&m_session, &SessionController::phaseChanged, this, &UnitSelection::sessionPhaseChanged);
}

QString UnitSelection::remembered() const
{
    // The ward or round chosen last time, when it is still one of this tablet's.
    const QStringList &configured = m_session.options().units;
    const QString last = AppSettings(m_session.options().dataDir).lastUnit();
    return configured.contains(last) ? last : configured.value(0);
}

void UnitSelection::setCurrent(const QString &unit)
{
    if (m_current == unit)
        return;
    m_current = unit;
    if (m_session.unlocked() && !m_session.training())
        AppSettings(m_session.options().dataDir).remember(m_session.nurse(), m_current);
    Q_EMIT currentChanged();
}

void UnitSelection::sessionPhaseChanged()
{
    if (!m_session.unlocked()) {
        if (m_training) { // back to this tablet's own wards
            m_training = false;
            m_all = m_session.options().units;
            m_current = remembered();
            Q_EMIT allChanged();
            Q_EMIT currentChanged();
        }
        return;
    }
    m_training = m_session.training();
    if (m_training) {
        m_current = QString::fromLatin1(kTrainingUnit);
        Q_EMIT currentChanged();
    } else {
        AppSettings(m_session.options().dataDir).remember(m_session.nurse(), m_current);
    }
    refresh();
}

QVariantMap UnitSelection::namesMap() const
{
    QVariantMap names;
    for (auto it = m_names.cbegin(); it != m_names.cend(); ++it)
        names.insert(it.key(), it.value());
    if (m_training)
        names.insert(QString::fromLatin1(kTrainingUnit), tr("Service de formation"));
    return names;
}

void UnitSelection::refresh()
{
    struct Known
    {
        QStringList units;
        QHash<QString, QString> names;
    };
    m_session.worker().run<Known>(
        this,
        [](Store &store) -> Result<Known> {
            Result<QStringList> units = knownUnits(store);
            if (!units)
                return units.error();
            Result<QHash<QString, QString>> names = knownUnitNames(store);
            if (!names)
                return names.error();
            return Known{*units, *names};
        },
        [this](Result<Known> known) {
            QStringList units = m_training ? QStringList() : m_session.options().units;
            if (known) {
                for (const QString &u : known->units) {
                    if (!units.contains(u))
                        units.append(u);
                }
                if (!m_training && !known->names.isEmpty()) {
                    for (auto it = known->names.cbegin(); it != known->names.cend(); ++it)
                        m_names.insert(it.key(), it.value());
                    AppSettings(m_session.options().dataDir).rememberUnitNames(known->names);
                }
            }
            if (m_all != units || (known && !known->names.isEmpty())) {
                m_all = units;
                Q_EMIT allChanged();
            }
            if (m_current.isEmpty() && !m_all.isEmpty())
                setCurrent(m_all.first());
        });
}
