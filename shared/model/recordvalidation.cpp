#include "recordvalidation.h"

#include "medication.h"
#include "nursingnote.h"
#include "patient.h"

#include <QDate>
#include <QRegularExpression>

namespace chevet {

Error refuse(const QString &field, ValidationError code, const QString &message)
{
    Error e = makeError(code, message);
    e.field = field;
    return e;
}

bool isValidNir(const QString &nir)
{
    static const QRegularExpression shape(QStringLiteral("^[12378]\\d{4}(\\d{2}|2A|2B)\\d{6}\\d{2}$"));
    const QString compact = nir.trimmed().remove(QLatin1Char(' ')).toUpper();
    if (!shape.match(compact).hasMatch())
        return false;
    QString digits = compact.left(13);
    // Corsica: 2A and 2B are replaced by 19 and 18 for the key computation.
    if (digits.mid(5, 2) == QLatin1String("2A"))
        digits.replace(5, 2, QStringLiteral("19"));
    else if (digits.mid(5, 2) == QLatin1String("2B"))
        digits.replace(5, 2, QStringLiteral("18"));
    const qulonglong number = digits.toULongLong();
    const int key = compact.right(2).toInt();
    return key == int(97 - number % 97);
}

Status validatePatient(const Patient &p)
{
    if (p.family.trimmed().isEmpty())
        return refuse(QStringLiteral("family"), ValidationError::MissingValue,
                      QStringLiteral("family name is required"));
    if (p.given.trimmed().isEmpty())
        return refuse(QStringLiteral("given"), ValidationError::MissingValue,
                      QStringLiteral("given name is required"));
    if (!p.birthDate.isValid())
        return refuse(QStringLiteral("birth"), ValidationError::BadValue,
                      QStringLiteral("birth date is missing or not a date (expected YYYY-MM-DD)"));
    if (p.birthDate > QDate::currentDate() || p.birthDate.year() < 1880)
        return refuse(
            QStringLiteral("birth"), ValidationError::OutOfRange,
            QStringLiteral("birth date %1 is not plausible").arg(p.birthDate.toString(Qt::ISODate)));
    bool hasIpp = false;
    for (const PatientIdentifier &id : p.identifiers) {
        if (id.value.trimmed().isEmpty() || id.system.trimmed().isEmpty())
            return refuse(id.kind == IdentifierKind::Ins ? QStringLiteral("ins") : QStringLiteral("ipp"),
                          ValidationError::MissingValue,
                          QStringLiteral("an identifier needs a system and a value"));
        if (id.kind == IdentifierKind::Ipp)
            hasIpp = true;
        if (id.kind == IdentifierKind::Ins) {
            if (!isInsSystem(id.system))
                return refuse(QStringLiteral("ins"), ValidationError::BadSystem,
                              QStringLiteral("%1 is not an INS system").arg(id.system));
            if (id.system != QLatin1String(kInsNiaSystem) && !isValidNir(id.value))
                return refuse(
                    QStringLiteral("ins"), ValidationError::BadValue,
                    QStringLiteral("the INS is not a valid NIR (15 characters with a matching key)"));
        }
    }
    if (!hasIpp)
        return refuse(QStringLiteral("ipp"), ValidationError::MissingValue,
                      QStringLiteral("an IPP is required"));
    return {};
}

Status validateNote(const NursingNote &note)
{
    if (note.meta.patientId.isNull())
        return refuse(QStringLiteral("patient"), ValidationError::MissingPatient,
                      QStringLiteral("a note needs a patient"));
    if (note.target.trimmed().isEmpty())
        return refuse(QStringLiteral("target"), ValidationError::MissingValue,
                      QStringLiteral("a transmission ciblée needs a target (cible)"));
    if (note.data.trimmed().isEmpty() && note.actions.trimmed().isEmpty() && note.results.trimmed().isEmpty())
        return refuse(QStringLiteral("data"), ValidationError::MissingValue,
                      QStringLiteral("write at least one of Données, Actions or Résultats"));
    return {};
}

Status validateAdministration(const MedicationAdministration &a)
{
    if (a.meta.patientId.isNull())
        return refuse(QStringLiteral("patient"), ValidationError::MissingPatient,
                      QStringLiteral("an administration needs a patient"));
    if (a.requestId.isNull())
        return refuse(QStringLiteral("request"), ValidationError::MissingValue,
                      QStringLiteral("an administration needs the prescription it follows"));
    if (a.slotMs <= 0)
        return refuse(QStringLiteral("slot"), ValidationError::MissingValue,
                      QStringLiteral("an administration needs its scheduled dose slot"));
    if (a.status == AdministrationStatus::NotDone && a.statusReason.trimmed().isEmpty())
        return refuse(QStringLiteral("reason"), ValidationError::MissingValue,
                      QStringLiteral("a dose not given needs a reason"));
    if (a.status == AdministrationStatus::Completed && (a.dose.value < 0 || !qIsFinite(a.dose.value)))
        return refuse(QStringLiteral("dose"), ValidationError::BadValue,
                      QStringLiteral("the dose must be positive"));
    return {};
}

} // namespace chevet
