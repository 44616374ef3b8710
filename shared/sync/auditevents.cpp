#include "auditevents.h"

#include "fhir/jsonreader.h"

#include <QJsonArray>
#include <QSet>

namespace chevet {

namespace {

QJsonObject coding(const char *system, const QString &code, const QString &display = {})
{
    QJsonObject c{{QStringLiteral("system"), QString::fromLatin1(system)}, {QStringLiteral("code"), code}};
    if (!display.isEmpty())
        c.insert(QStringLiteral("display"), display);
    return c;
}

QJsonObject detail(const char *type, const QString &value)
{
    return {{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("valueString"), value}};
}

QJsonObject binaryDetail(const char *type, const QByteArray &value)
{
    return {{QStringLiteral("type"), QString::fromLatin1(type)},
            {QStringLiteral("valueBase64Binary"), QString::fromLatin1(value.toBase64())}};
}

QJsonObject identifierReference(const char *system, const QString &value)
{
    return {
        {QStringLiteral("identifier"), QJsonObject{{QStringLiteral("system"), QString::fromLatin1(system)},
                                                   {QStringLiteral("value"), value}}}};
}

// The chain hashes of a run are its first entry's link to the one before and its last entry's hash: with
// the entries' content, they pin the whole run (an entry rewritten and the chain recomputed ends on
// another hash), and each hash is 32 random bytes a 3G link pays in full, so the ones between are left
// out (bench_link).
enum class ChainEnds { None = 0, First = 1, Last = 2, Both = 3 };

QJsonObject entityFor(const QString &device, const AuditEntry &entry, int ends)
{
    QJsonArray details{detail("action", entry.action), detail("at", fhir::formatDateTime(entry.atMs))};
    if (!entry.author.isEmpty())
        details.append(detail("author", entry.author));
    if (!entry.recordId.isNull())
        details.append(
            detail("record", QStringLiteral("%1/%2/%3")
                                 .arg(entry.recordType, entry.recordId.toString(QUuid::WithoutBraces))
                                 .arg(entry.version)));
    if (!entry.detail.isEmpty())
        details.append(detail("detail", entry.detail));
    if (ends & int(ChainEnds::Last))
        details.append(binaryDetail("hash", entry.hash));
    if ((ends & int(ChainEnds::First)) && !entry.prevHash.isEmpty())
        details.append(binaryDetail("previous", entry.prevHash));
    return {{QStringLiteral("what"),
             identifierReference(kAuditEntrySystem, QStringLiteral("%1/%2").arg(device).arg(entry.seq))},
            // A system object (the tablet's journal entry), not a person or an organisation.
            {QStringLiteral("type"), coding("http://terminology.hl7.org/CodeSystem/audit-entity-type",
                                            QStringLiteral("2"), QStringLiteral("System Object"))},
            {QStringLiteral("description"), entry.action},
            {QStringLiteral("detail"), details}};
}

} // namespace

QString auditRunCode(const QString &device, qint64 firstSeq, qint64 lastSeq)
{
    return QStringLiteral("%1/%2-%3").arg(device).arg(firstSeq).arg(lastSeq);
}

QJsonObject auditEventFor(const QString &device, const QList<AuditEntry> &entries)
{
    const AuditEntry &first = entries.constFirst();
    const AuditEntry &last = entries.constLast();
    // Every nurse whose action is in the run, in the order they first appear.
    QJsonArray agents;
    QSet<QString> seen;
    for (const AuditEntry &entry : entries) {
        if (entry.author.isEmpty() || seen.contains(entry.author))
            continue;
        seen.insert(entry.author);
        QJsonObject who = identifierReference("https://fhir.chevet.invalid/nurse", entry.author);
        who.insert(QStringLiteral("type"), QStringLiteral("Practitioner"));
        agents.append(QJsonObject{{QStringLiteral("who"), who}, {QStringLiteral("requestor"), true}});
    }
    // AuditEvent.agent is 1..*: a run of the device's own entries (a purge) names the device.
    if (agents.isEmpty())
        agents.append(QJsonObject{
            {QStringLiteral("who"), identifierReference("https://fhir.chevet.invalid/device", device)},
            {QStringLiteral("requestor"), false}});
    QJsonArray entities;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const int ends =
            (i == 0 ? int(ChainEnds::First) : 0) | (i + 1 == entries.size() ? int(ChainEnds::Last) : 0);
        entities.append(entityFor(device, entries.at(i), ends));
    }
    return {
        {QStringLiteral("resourceType"), QStringLiteral("AuditEvent")},
        {QStringLiteral("type"),
         coding("https://fhir.chevet.invalid/CodeSystem/audit", QStringLiteral("device-journal"),
                QStringLiteral("A bedside tablet's audit trail"))},
        {QStringLiteral("subtype"),
         QJsonArray{coding(kAuditRunSystem, auditRunCode(device, first.seq, last.seq))}},
        {QStringLiteral("action"), QStringLiteral("E")},
        {QStringLiteral("period"), QJsonObject{{QStringLiteral("start"), fhir::formatDateTime(first.atMs)},
                                               {QStringLiteral("end"), fhir::formatDateTime(last.atMs)}}},
        {QStringLiteral("recorded"), fhir::formatDateTime(last.atMs)},
        {QStringLiteral("outcome"), QStringLiteral("0")},
        {QStringLiteral("agent"), agents},
        {QStringLiteral("source"),
         QJsonObject{
             {QStringLiteral("observer"), identifierReference("https://fhir.chevet.invalid/device", device)},
             {QStringLiteral("type"),
              QJsonArray{coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                                QStringLiteral("1"), QStringLiteral("User Device"))}}}},
        {QStringLiteral("entity"), entities},
    };
}

} // namespace chevet
