#include "auditexporter.h"

#include "auditevents.h"
#include "core/clock.h"
#include "core/logging.h"
#include "fhirclient.h"
#include "store/auditlog.h"
#include "store/sealedmeta.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonArray>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace chevet {

using Run = AuditExporter::Run;

namespace {

const QString kExportedKey = QStringLiteral("audit_export_seq");
const QString kInFlightKey = QStringLiteral("audit_export_in_flight");
const QString kLocalOnlyKey = QStringLiteral("audit_export_local_only");
const QString kAuditEvent = QStringLiteral("AuditEvent");

QByteArray encodeRuns(const QList<Run> &runs)
{
    QByteArrayList parts;
    for (const Run &run : runs)
        parts.append(QByteArray::number(run.first) + '-' + QByteArray::number(run.last));
    return parts.join(',');
}

QList<Run> decodeRuns(const QByteArray &text)
{
    QList<Run> runs;
    for (const QByteArray &part : text.split(',')) {
        const QList<QByteArray> ends = part.split('-');
        bool firstOk = false, lastOk = false;
        if (ends.size() == 2) {
            const Run run{ends[0].toLongLong(&firstOk), ends[1].toLongLong(&lastOk)};
            if (firstOk && lastOk && run.first > 0 && run.last >= run.first)
                runs.append(run);
        }
    }
    return runs;
}

Error refused(const QString &why)
{
    return makeError(SyncError::AuditExportRefused, why);
}

// Consecutive entries in runs of at most kEntriesPerEvent (a gap starts a new run).
QList<Run> runsOf(const QList<AuditEntry> &entries)
{
    QList<Run> runs;
    for (const AuditEntry &entry : entries) {
        if (!runs.isEmpty() && runs.last().last + 1 == entry.seq &&
            runs.last().last - runs.last().first + 1 < AuditExporter::kEntriesPerEvent)
            runs.last().last = entry.seq;
        else
            runs.append(Run{entry.seq, entry.seq});
    }
    return runs;
}

// Whether a search answer holds an AuditEvent of this run: a match (not an OperationOutcome the server
// adds) whose subtype carries the run's exact code.
bool holdsRun(const QJsonObject &bundle, const QString &code)
{
    for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray()) {
        const QJsonObject e = entry.toObject();
        if (e.value(QLatin1String("search")).toObject().value(QLatin1String("mode")).toString() ==
            QLatin1String("outcome"))
            continue;
        const QJsonObject resource = e.value(QLatin1String("resource")).toObject();
        if (resource.value(QLatin1String("resourceType")).toString() != QLatin1String("AuditEvent"))
            continue;
        for (const QJsonValue &coding : resource.value(QLatin1String("subtype")).toArray()) {
            const QJsonObject c = coding.toObject();
            if (c.value(QLatin1String("system")).toString() == QLatin1String(kAuditRunSystem) &&
                c.value(QLatin1String("code")).toString() == code)
                return true;
        }
    }
    return false;
}

// After a 413: the first half of the runs, or the first half of a lone run; empty for a lone entry.
QList<Run> smaller(const QList<Run> &runs)
{
    if (runs.size() > 1)
        return runs.mid(0, runs.size() / 2);
    const Run &run = runs.constFirst();
    if (run.first == run.last)
        return {};
    return {Run{run.first, run.first + (run.last - run.first) / 2}};
}

} // namespace

AuditExporter::AuditExporter(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities,
                             qint64 delayMs)
    : m_store(store)
    , m_client(client)
    , m_capabilities(capabilities)
    , m_delayMs(delayMs)
{}

bool AuditExporter::acceptedBy(const fhir::ServerCapabilities &capabilities)
{
    return capabilities.creatable.contains(kAuditEvent) &&
           (capabilities.transactions || capabilities.batches);
}

Result<qint64> AuditExporter::run()
{
    SealedMeta meta(m_store);
    if (!acceptedBy(m_capabilities)) {
        if (Status s = meta.setValue(kLocalOnlyKey, QByteArrayLiteral("1")); !s)
            return s.error();
        return 0;
    }
    if (Status s = meta.remove(kLocalOnlyKey); !s)
        return s.error();
    Result<QByteArray> exportedText = meta.value(kExportedKey);
    if (!exportedText)
        return exportedText.error();
    qint64 exported = exportedText->toLongLong();
    Result<QByteArray> inFlightText = meta.value(kInFlightKey);
    if (!inFlightText)
        return inFlightText.error();
    QList<Run> runs = decodeRuns(*inFlightText);
    // A run is found again by its subtype only where the DPI says it searches AuditEvent by subtype: a
    // server that ignores a parameter it does not know answers with other events, or matches one.
    const bool findable = m_capabilities.searchParams.value(kAuditEvent).contains(QStringLiteral("subtype"));
    const bool conditional = findable && m_capabilities.conditionalCreate.contains(kAuditEvent);
    // Sent before, answer unknown: without conditional creates, what arrived is looked for first; where
    // nothing can be looked for, it is sent again (a run twice on the DPI rather than none).
    qint64 inFlightEnd = runs.isEmpty() ? 0 : runs.constLast().last;
    if (!runs.isEmpty() && !conditional && findable) {
        Result<QList<Run>> missing = notOnDpi(runs);
        if (!missing)
            return missing.error();
        if (missing->isEmpty()) {
            exported = std::max(exported, inFlightEnd);
            if (Status s = markSent(exported); !s)
                return s.error();
        }
        runs = *missing;
    }
    int perBundle = kEntriesPerEvent * kEventsPerBundle;
    qint64 sent = 0;
    for (int bundle = 0, splits = 0; bundle < kBundlesPerRun;) {
        if (runs.isEmpty()) {
            Result<QList<AuditEntry>> fresh = m_store.audit().entries(exported, perBundle);
            if (!fresh)
                return fresh.error();
            // A full bundle waits too: the first pull of a ward writes thousands of entries, and sending them
            // in the same sync doubled its time on the LAN and its bytes up on a 3G link (bench_pull,
            // bench_link). They go at a later sync, once the oldest has waited.
            if (fresh->isEmpty() || m_store.context().clock.nowMs() - fresh->constFirst().atMs < m_delayMs)
                break;
            runs = runsOf(*fresh);
            inFlightEnd = runs.constLast().last;
            if (Status s = meta.setValue(kInFlightKey, encodeRuns(runs)); !s)
                return s.error();
        }
        Result<int> status = send(runs, conditional);
        if (!status)
            return status.error();
        // Too large for the DPI or a proxy on the way: nothing was taken, so the runs may change.
        if (*status == 413) {
            runs = smaller(runs);
            if (runs.isEmpty() || ++splits > 16)
                return refused(QStringLiteral("the DPI finds even one audit entry too large"));
            perBundle = int(runs.constLast().last - runs.constFirst().first + 1);
            inFlightEnd = runs.constLast().last; // the rest is read again
            if (Status s = meta.setValue(kInFlightKey, encodeRuns(runs)); !s)
                return s.error();
            continue;
        }
        for (const Run &run : std::as_const(runs))
            sent += run.last - run.first + 1;
        // To the end of what was in flight (runs found on the DPI among them are not sent again), and
        // never back.
        exported = std::max({exported, runs.constLast().last, inFlightEnd});
        if (Status s = markSent(exported); !s)
            return s.error();
        runs.clear();
        ++bundle;
    }
    if (sent > 0)
        qCInfo(lcSync) << "audit trail sent to the DPI:" << sent << "entries, up to" << exported;
    return sent;
}

Result<QList<Run>> AuditExporter::notOnDpi(const QList<Run> &runs)
{
    QList<Run> missing;
    for (const Run &run : runs) {
        const QString code = auditRunCode(m_store.context().device, run.first, run.last);
        QUrlQuery search;
        search.addQueryItem(QStringLiteral("subtype"),
                            QStringLiteral("%1|%2").arg(QLatin1String(kAuditRunSystem), code));
        Result<FhirReply> found =
            m_client.get(kAuditEvent + QLatin1Char('?') + search.toString(QUrl::FullyEncoded));
        if (!found)
            return found.error();
        if (found->status != 200)
            return refused(
                QStringLiteral("the DPI answered %1 to a search of its audit events").arg(found->status));
        if (!holdsRun(found->body, code))
            missing.append(run);
    }
    return missing;
}

Result<int> AuditExporter::send(const QList<Run> &runs, bool conditional)
{
    const QString device = m_store.context().device;
    QJsonArray entries;
    for (const Run &run : runs) {
        const QString code = auditRunCode(device, run.first, run.last);
        Result<QList<AuditEntry>> chunk =
            m_store.audit().entries(run.first - 1, int(run.last - run.first + 1));
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty() || chunk->constFirst().seq != run.first || chunk->constLast().seq != run.last)
            return refused(QStringLiteral("the audit run %1 is no longer in the trail").arg(code));
        QJsonObject request{{QStringLiteral("method"), QStringLiteral("POST")},
                            {QStringLiteral("url"), kAuditEvent}};
        if (conditional)
            request.insert(QStringLiteral("ifNoneExist"),
                           QStringLiteral("subtype=%1|%2").arg(QLatin1String(kAuditRunSystem), code));
        entries.append(
            QJsonObject{{QStringLiteral("fullUrl"),
                         QStringLiteral("urn:uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("resource"), auditEventFor(device, *chunk)},
                        {QStringLiteral("request"), request}});
    }
    const QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                             {QStringLiteral("type"), m_capabilities.transactions
                                                          ? QStringLiteral("transaction")
                                                          : QStringLiteral("batch")},
                             {QStringLiteral("entry"), entries}};
    Result<FhirReply> reply = m_client.postBundle(bundle);
    if (!reply)
        return reply.error();
    if (reply->status == 413)
        return 413;
    if (reply->status != 200)
        return refused(QStringLiteral("the DPI answered %1 to the audit trail").arg(reply->status));
    const QJsonArray answers = reply->body.value(QLatin1String("entry")).toArray();
    if (answers.size() != entries.size())
        return refused(
            QStringLiteral("the DPI answered %1 entries for %2").arg(answers.size()).arg(entries.size()));
    for (const QJsonValue &answer : answers) {
        const QString status = answer.toObject()
                                   .value(QLatin1String("response"))
                                   .toObject()
                                   .value(QLatin1String("status"))
                                   .toString();
        if (!status.startsWith(QLatin1String("201")) && !status.startsWith(QLatin1String("200")))
            return refused(QStringLiteral("the DPI refused an audit run (%1)").arg(status));
    }
    return reply->status;
}

Status AuditExporter::markSent(qint64 lastSeq)
{
    SealedMeta meta(m_store);
    if (Status s = meta.setValue(kExportedKey, QByteArray::number(lastSeq)); !s)
        return s;
    return meta.remove(kInFlightKey);
}

Result<AuditExportStatus> AuditExporter::status(Store &store)
{
    SealedMeta meta(store);
    AuditExportStatus status;
    Result<QByteArray> local = meta.value(kLocalOnlyKey);
    if (!local)
        return local.error();
    Result<QByteArray> exported = meta.value(kExportedKey);
    if (!exported)
        return exported.error();
    status.exportedSeq = exported->toLongLong();
    if (!local->isEmpty())
        status.state = AuditExportStatus::State::LocalOnly;
    else if (!exported->isEmpty())
        status.state = AuditExportStatus::State::Exported;
    return status;
}

} // namespace chevet
