#pragma once

#include "core/result.h"
#include "model/patient.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace chevet {

struct StoreContext;

class PatientRepository
{
public:
    PatientRepository(StoreContext &context, QString establishment);

    // Stores a new patient, indexed by keyed hashes of its IPP and INS. Queued for the DPI as a
    // conditional create on the IPP, so it matches the DPI's own record when it exists there.
    Result<Patient> add(Patient patient, bool queueForDpi = true);
    Result<std::optional<Patient>> find(const QUuid &id);
    Result<std::optional<Patient>> findByIdentifier(IdentifierKind kind, const QString &system,
                                                    const QString &value);
    Result<std::optional<Patient>> findByIpp(const QString &value);
    Result<std::optional<Patient>> findByServerId(const QString &serverId);
    // An IPP of this establishment, the DPI's id, or the local id.
    Result<std::optional<Patient>> resolve(const QString &reference);
    // The device's patients, less those merged into another one in the DPI.
    Result<QList<Patient>> all();
    // The DPI ids of the patients the DPI has confirmed, sorted; nothing decrypted.
    Result<QStringList> serverIds();

    QString establishment() const { return m_establishment; }

    // Sets the blind-index rows to the patient's identifiers (removing those she no longer carries,
    // taking over those another patient had); for use inside a write that stores a patient pulled from
    // the DPI.
    Status index(const Patient &patient);

private:
    QByteArray indexKey(const PatientIdentifier &id) const;

    StoreContext &m_context;
    QString m_establishment;
};

} // namespace chevet
