#include "fhirservice.h"

#include "bundlepage.h"
#include "historyquery.h"
#include "resourcevalidator.h"
#include "searchquery.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace chevet::dpi {

namespace {

QString name(const QString &type, const QString &id)
{
    return QStringLiteral("%1/%2").arg(type, id);
}

// If-Match carries an ETag: W/"3", or "3" from clients that drop the weak marker.
std::optional<qint64> versionFromEtag(QString etag)
{
    etag = etag.trimmed();
    if (etag.startsWith(QLatin1String("W/")))
        etag = etag.mid(2);
    if (etag.size() >= 2 && etag.startsWith(QLatin1Char('"')) && etag.endsWith(QLatin1Char('"')))
        etag = etag.mid(1, etag.size() - 2);
    bool ok = false;
    const qint64 version = etag.toLongLong(&ok);
    if (!ok || version < 1)
        return std::nullopt;
    return version;
}

// Identifier is 0..* on every type this server serves; a lone object is taken as one too.
QJsonArray identifiers(const QJsonObject &resource)
{
    const QJsonValue value = resource.value(QLatin1String("identifier"));
    return value.isArray() ? value.toArray() : QJsonArray{value};
}

bool isNumber(const QString &id)
{
    for (const QChar c : id) {
        if (!c.isDigit())
            return false;
    }
    return !id.isEmpty();
}

} // namespace

FhirService::FhirService(ResourceStore &store, ServiceOptions options)
    : m_store(store)
    , m_options(options)
{}

FhirReply FhirService::inTransaction(const std::function<FhirReply()> &work)
{
    if (const auto begun = m_store.begin(); !begun)
        return FhirReply::fromError(begun.error());
    FhirReply reply = work();
    if (reply.isError()) {
        m_store.rollback();
        return reply;
    }
    if (const auto committed = m_store.commit(); !committed)
        return FhirReply::fromError(committed.error());
    return reply;
}

Expected<QString> FhirService::newId(const QString &type)
{
    if (m_options.randomIds)
        return randomId();
    return m_store.nextNumericId(type);
}

QString FhirService::randomId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id;
    for (int i = 0; i < 16; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]));
    return id;
}

Expected<void> FhirService::checkResourceType(const QString &type, const QJsonObject &resource)
{
    const QString actual = resource.value(QLatin1String("resourceType")).toString();
    if (actual.isEmpty())
        return fhirError(400, Issue::Required, QStringLiteral("the body has no resourceType"),
                         QStringLiteral("resourceType"));
    if (actual != type) {
        return fhirError(400, Issue::Invalid,
                         QStringLiteral("the body is a %1 but the URL names %2").arg(actual, type),
                         QStringLiteral("resourceType"));
    }
    return {};
}

Expected<void> FhirService::admit(const RequestContext &context, const QString &type,
                                  const QJsonObject &resource) const
{
    if (auto checked = checkResourceType(type, resource); !checked)
        return checked;
    if (!m_options.poisonIdentifier.isEmpty() && !context.faultsOff) {
        for (const QJsonValue &identifier : identifiers(resource)) {
            if (identifier.toObject().value(QLatin1String("value")).toString() ==
                m_options.poisonIdentifier) {
                return fhirError(500, Issue::Exception,
                                 QStringLiteral("internal error while storing this %1 (--poison-identifier: "
                                                "a simulated server bug on one record)")
                                     .arg(type));
            }
        }
    }
    if (m_options.validation)
        return validateResource(type, resource);
    return {};
}

FhirReply FhirService::read(const QString &type, const QString &id)
{
    const auto head = m_store.head(type, id);
    if (!head)
        return FhirReply::fromError(head.error());
    if (!head->has_value())
        return FhirReply::fromError(
            fhirError(404, Issue::NotFound, QStringLiteral("%1 is not known").arg(name(type, id))));
    const StoredVersion &current = **head;
    if (current.deleted) {
        return FhirReply::fromError(fhirError(
            410, Issue::Deleted,
            QStringLiteral("%1 was deleted (version %2)").arg(name(type, id)).arg(current.version)));
    }
    return FhirReply::withResource(200, current.resource, current.stamp());
}

FhirReply FhirService::vread(const QString &type, const QString &id, const QString &version)
{
    bool ok = false;
    const qint64 number = version.toLongLong(&ok);
    // Version ids are opaque to clients; one this server never made is simply not found.
    const Expected<std::optional<StoredVersion>> found =
        ok ? m_store.version(type, id, number) : Expected<std::optional<StoredVersion>>(std::nullopt);
    if (!found)
        return FhirReply::fromError(found.error());
    if (!found->has_value()) {
        return FhirReply::fromError(fhirError(
            404, Issue::NotFound, QStringLiteral("%1 has no version %2").arg(name(type, id), version)));
    }
    const StoredVersion &stored = **found;
    if (stored.deleted) {
        return FhirReply::fromError(
            fhirError(410, Issue::Deleted,
                      QStringLiteral("version %1 of %2 is its deletion").arg(version, name(type, id))));
    }
    return FhirReply::withResource(200, stored.resource, stored.stamp());
}

Expected<std::optional<StoredVersion>> FhirService::matchIfNoneExist(const QString &type,
                                                                     const QString &criteria)
{
    // Some clients send "Patient?identifier=..." rather than the bare query.
    const QString query =
        criteria.contains(QLatin1Char('?')) ? criteria.section(QLatin1Char('?'), 1) : criteria;
    // Strict: an unknown parameter ignored here would match everything and turn a create into a 412.
    auto parsed = SearchQuery::parse(type, parseQuery(query.toUtf8()), true);
    if (!parsed)
        return parsed.error();
    if (parsed->applied.isEmpty()) {
        return fhirError(
            400, Issue::Invalid,
            QStringLiteral("If-None-Exist needs a supported search parameter, e.g. identifier=system|value"));
    }
    parsed->count = 2;
    parsed->afterSeq = 0;
    const auto page = m_store.search(*parsed);
    if (!page)
        return page.error();
    if (page->total > 1) {
        return fhirError(412, Issue::MultipleMatches,
                         QStringLiteral("If-None-Exist matches %1 %2 resources; it must match at most one")
                             .arg(page->total)
                             .arg(type));
    }
    if (page->items.isEmpty())
        return std::optional<StoredVersion>();
    return std::optional<StoredVersion>(page->items.first());
}

FhirReply FhirService::createAs(const QString &type, const QString &id, const QJsonObject &resource)
{
    const auto stored = m_store.write(type, id, QStringLiteral("POST"), resource);
    if (!stored)
        return FhirReply::fromError(stored.error());
    return FhirReply::withResource(201, stored->resource, stored->stamp(), true);
}

FhirReply FhirService::create(const QString &type, const QJsonObject &resource, const QString &ifNoneExist)
{
    if (const auto checked = checkResourceType(type, resource); !checked)
        return FhirReply::fromError(checked.error());
    if (!ifNoneExist.trimmed().isEmpty()) {
        const auto match = matchIfNoneExist(type, ifNoneExist);
        if (!match)
            return FhirReply::fromError(match.error());
        if (match->has_value()) // already there: answer with it (and where it is), write nothing
            return FhirReply::withResource(200, (*match)->resource, (*match)->stamp(), true);
    }
    // The client's id, if any, is ignored: on create the server names the resource.
    const auto id = newId(type);
    if (!id)
        return FhirReply::fromError(id.error());
    return createAs(type, *id, resource);
}

FhirReply FhirService::update(const QString &type, const QString &id, const QJsonObject &resource,
                              const QString &ifMatch)
{
    if (const auto checked = checkResourceType(type, resource); !checked)
        return FhirReply::fromError(checked.error());
    const QString bodyId = resource.value(QLatin1String("id")).toString();
    if (bodyId.isEmpty()) {
        return FhirReply::fromError(fhirError(
            400, Issue::Required, QStringLiteral("an update must carry the resource id in the body"),
            QStringLiteral("%1.id").arg(type)));
    }
    if (bodyId != id) {
        return FhirReply::fromError(
            fhirError(400, Issue::Invalid,
                      QStringLiteral("the body id (%1) differs from the URL id (%2)").arg(bodyId, id),
                      QStringLiteral("%1.id").arg(type)));
    }
    const auto head = m_store.head(type, id);
    if (!head)
        return FhirReply::fromError(head.error());
    const bool exists = head->has_value() && !(*head)->deleted;
    if (!head->has_value() && !m_options.randomIds && isNumber(id)) {
        // As HAPI: numbers are the server's ids, so a client may not create one (it would collide).
        return FhirReply::fromError(fhirError(
            400, Issue::Invalid,
            QStringLiteral("cannot create %1: no resource has this id, and ids a client assigns must contain "
                           "at least one non-numeric character")
                .arg(name(type, id)),
            QStringLiteral("%1.id").arg(type)));
    }
    if (!ifMatch.trimmed().isEmpty()) {
        const auto expected = versionFromEtag(ifMatch);
        if (!expected) {
            return FhirReply::fromError(
                fhirError(400, Issue::Invalid, QStringLiteral("If-Match must be an ETag such as W/\"3\"")));
        }
        if (!exists) {
            return FhirReply::fromError(
                fhirError(412, Issue::Conflict,
                          QStringLiteral("If-Match names version %1 but %2 has no current version")
                              .arg(*expected)
                              .arg(name(type, id))));
        }
        if ((*head)->version != *expected) {
            return FhirReply::fromError(fhirError(
                412, Issue::Conflict,
                QStringLiteral("version conflict on %1: If-Match names version %2, the current version is %3")
                    .arg(name(type, id))
                    .arg(*expected)
                    .arg((*head)->version)));
        }
    }
    const auto stored = m_store.write(type, id, QStringLiteral("PUT"), resource);
    if (!stored)
        return FhirReply::fromError(stored.error());
    // Update-as-create (an unknown or deleted id) answers 201, as a create does.
    return FhirReply::withResource(exists ? 200 : 201, stored->resource, stored->stamp(), true);
}

FhirReply FhirService::remove(const QString &type, const QString &id)
{
    const auto head = m_store.head(type, id);
    if (!head)
        return FhirReply::fromError(head.error());
    if (!head->has_value())
        return FhirReply::fromError(
            fhirError(404, Issue::NotFound, QStringLiteral("%1 is not known").arg(name(type, id))));
    FhirReply reply;
    reply.status = 204;
    if ((*head)->deleted) { // deleting again changes nothing: a retried DELETE must not fail
        reply.stamp = (*head)->stamp();
        return reply;
    }
    const auto stored = m_store.write(type, id, QStringLiteral("DELETE"), std::nullopt);
    if (!stored)
        return FhirReply::fromError(stored.error());
    reply.stamp = stored->stamp();
    return reply;
}

FhirReply FhirService::search(const RequestContext &context, const QString &type, const QueryItems &items)
{
    auto query = SearchQuery::parse(type, items, context.strictSearch);
    if (!query)
        return FhirReply::fromError(query.error());
    query->count = qMin(query->count, m_options.maxPageSize);
    const auto page = m_store.search(*query);
    if (!page)
        return FhirReply::fromError(page.error());
    FhirReply reply;
    reply.body = searchsetBundle(context.base, *query, *page);
    return reply;
}

FhirReply FhirService::history(const RequestContext &context, const QString &type, const QString &id,
                               const QueryItems &items)
{
    if (!m_options.history) {
        return FhirReply::fromError(
            fhirError(404, Issue::NotSupported,
                      QStringLiteral("this server does not support the history interaction (_history); "
                                     "search with _lastUpdated instead")));
    }
    if (!id.isEmpty()) {
        const auto head = m_store.head(type, id);
        if (!head)
            return FhirReply::fromError(head.error());
        if (!head->has_value())
            return FhirReply::fromError(
                fhirError(404, Issue::NotFound, QStringLiteral("%1 is not known").arg(name(type, id))));
    }
    auto query = HistoryQuery::parse(type, id, items, m_options.historyNewestFirst);
    if (!query)
        return FhirReply::fromError(query.error());
    query->filter.count = qMin(query->filter.count, m_options.maxPageSize);
    const auto page = m_store.history(query->filter);
    if (!page)
        return FhirReply::fromError(page.error());
    QString path = QStringLiteral("_history");
    if (!id.isEmpty())
        path = QStringLiteral("%1/%2/_history").arg(type, id);
    else if (!type.isEmpty())
        path = QStringLiteral("%1/_history").arg(type);
    FhirReply reply;
    reply.body = historyBundle(context.base, path, *query, *page);
    return reply;
}

} // namespace chevet::dpi
