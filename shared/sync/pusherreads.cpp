// The reading half of the Pusher: what it asks the DPI before settling — answers that lack the
// resource, id or version, and searches by identifier (sync-audit §1, §13, §14).
#include "pusher.h"

#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "fhirclient.h"
#include "recordmapper.h"

#include <QUrl>

namespace chevet {

namespace {

// "identifier=urn:ietf:rfc:3986|urn:uuid:…" with its value percent-encoded for a search URL.
QString encodedQuery(const QString &query)
{
    QStringList parts;
    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq < 0) {
            parts.append(pair);
            continue;
        }
        parts.append(pair.left(eq) + QLatin1Char('=') +
                     QString::fromUtf8(QUrl::toPercentEncoding(pair.mid(eq + 1), "|,")));
    }
    return parts.join(QLatin1Char('&'));
}

} // namespace

QJsonObject Pusher::clinicalContent(QJsonObject json)
{
    json.remove(QLatin1String("meta"));
    json.remove(QLatin1String("id"));
    json.remove(QLatin1String("text"));
    return json;
}

Result<QList<QJsonObject>> Pusher::search(const QString &type, const QString &query)
{
    QList<QJsonObject> found;
    Status s = m_client.forEachPage(type + QLatin1Char('?') + encodedQuery(query),
                                    [&](const fhir::ParsedBundle &page) -> Status {
                                        for (const fhir::BundleEntry &entry : page.entries) {
                                            if (entry.searchMode != QLatin1String("include") &&
                                                entry.resource.value(QLatin1String("resourceType")) == type)
                                                found.append(entry.resource);
                                        }
                                        return {};
                                    });
    if (!s)
        return s.error();
    return found;
}

Result<QJsonObject> Pusher::read(const QString &type, const QString &id)
{
    Result<FhirReply> reply = m_client.get(type + QLatin1Char('/') + id);
    if (!reply)
        return reply.error();
    if (reply->status == 200 && reply->body.value(QLatin1String("resourceType")).toString() == type)
        return reply->body;
    return QJsonObject();
}

void Pusher::completeAnswers(const QList<OutgoingResource> &chunk, QList<fhir::BundleResponse> &responses)
{
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        const OutgoingResource &sent = chunk.at(i);
        fhir::BundleResponse &r = responses[i];
        if (r.status < 200 || r.status >= 300)
            continue;
        fhir::Location location = fhir::parseLocation(r.location);
        if (location.id.isEmpty() && !r.fullUrl.isEmpty() && !r.fullUrl.startsWith(QLatin1String("urn:"))) {
            location = fhir::parseLocation(r.fullUrl);
            if (location.type == sent.resourceType && !location.id.isEmpty())
                r.location = location.type + QLatin1Char('/') + location.id;
        }
        const fhir::ServerState returned = fhir::serverStateOf(r.resource);
        const bool matched = sent.method == QLatin1String("POST") && r.status == 200;
        const bool noId = location.id.isEmpty() && returned.id.isEmpty();
        const bool noVersion = location.version.isEmpty() && fhir::versionFromEtag(r.etag).isEmpty() &&
                               returned.versionId.isEmpty();
        if (!r.resource.isEmpty() && !noId && !noVersion)
            continue;
        if (!matched && !noId && !noVersion)
            continue;
        // Read what the DPI holds: by id when the answer gave one, else by our client id (or the IPP).
        Result<QJsonObject> got = QJsonObject();
        const QString id = !location.id.isEmpty() ? location.id : returned.id;
        if (!id.isEmpty()) {
            got = read(sent.resourceType, id);
        } else {
            const QString query = sent.recordType == RecordType::Patient
                                      ? sent.ifNoneExist
                                      : fhir::clientIdSearch(sent.recordId);
            Result<QList<QJsonObject>> found = search(sent.resourceType, query);
            if (!found)
                got = found.error();
            else if (found->size() == 1)
                got = found->first();
        }
        if (!got) {
            // Could not read it now: stays pending, never "delivered" unverified. A definite refusal
            // leaves the answer as it is: a patient is then an identity conflict for a person.
            if (got.error().transient)
                r.status = 0;
            continue;
        }
        if (got->isEmpty())
            continue;
        if (!matched && clinicalContent(*got) != clinicalContent(sent.json))
            continue; // changed again since our update: its version is not ours; the next run merges
        const fhir::ServerState state = fhir::serverStateOf(*got);
        r.resource = *got;
        r.location =
            sent.resourceType + QLatin1Char('/') + state.id + QStringLiteral("/_history/") + state.versionId;
        r.etag.clear();
    }
}

} // namespace chevet
