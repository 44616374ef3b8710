#include "bundleprocessor.h"

#include "bundlepage.h"
#include "fhirservice.h"
#include "fhirtime.h"
#include "outcome.h"
#include "referencerewriter.h"
#include "resourceindex.h"
#include "searchparameters.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace chevet::dpi {

namespace {

// FHIR's processing order for transactions: deletes, creates, updates, then reads.
int phase(const QString &method)
{
    static const QStringList order = {QStringLiteral("DELETE"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                      QStringLiteral("GET")};
    return int(order.indexOf(method));
}

QString entryPath(qsizetype index)
{
    return QStringLiteral("Bundle.entry[%1]").arg(index);
}

// An entry's failure names the entry, so a client can tell which of its records was refused.
FhirReply annotate(FhirReply reply, qsizetype index, const QString &method, const QString &url)
{
    if (!reply.isError())
        return reply;
    QJsonArray issues = reply.body.value(QLatin1String("issue")).toArray();
    for (qsizetype i = 0; i < issues.size(); ++i) {
        QJsonObject issue = issues.at(i).toObject();
        const QString prefix = QStringLiteral("%1 (%2 %3): ").arg(entryPath(index), method, url);
        issue.insert(QStringLiteral("diagnostics"),
                     prefix + issue.value(QLatin1String("diagnostics")).toString());
        issue.insert(QStringLiteral("expression"), QJsonArray{entryPath(index)});
        issues[i] = issue;
    }
    reply.body.insert(QStringLiteral("issue"), issues);
    return reply;
}

FhirReply entryError(qsizetype index, const QString &method, const QString &url, int status, Issue issue,
                     const QString &diagnostics)
{
    return annotate(FhirReply::fromError(fhirError(status, issue, diagnostics)), index, method, url);
}

} // namespace

BundleProcessor::BundleProcessor(ResourceStore &store, FhirService &service, BundleOptions options)
    : m_store(store)
    , m_service(service)
    , m_options(options)
{}

BundleProcessor::Entry BundleProcessor::parseEntry(const RequestContext &context, qsizetype index,
                                                   const QJsonObject &json) const
{
    Entry entry;
    entry.index = index;
    const QJsonObject request = json.value(QLatin1String("request")).toObject();
    entry.method = request.value(QLatin1String("method")).toString().toUpper();
    entry.url = request.value(QLatin1String("url")).toString();
    entry.fullUrl = json.value(QLatin1String("fullUrl")).toString();
    entry.ifNoneExist = request.value(QLatin1String("ifNoneExist")).toString();
    entry.ifMatch = request.value(QLatin1String("ifMatch")).toString();
    entry.resource = json.value(QLatin1String("resource")).toObject();
    const auto refuse = [&entry](int status, Issue issue, const QString &diagnostics) {
        entry.reply = entryError(entry.index, entry.method, entry.url, status, issue, diagnostics);
        return entry;
    };
    if (entry.method.isEmpty() || entry.url.isEmpty())
        return refuse(400, Issue::Required,
                      QStringLiteral("each entry needs request.method and request.url"));
    if (phase(entry.method) < 0) {
        return refuse(400, Issue::NotSupported,
                      QStringLiteral("request.method %1 is not supported; use GET, POST, PUT or DELETE")
                          .arg(entry.method));
    }
    entry.target = RequestTarget::fromEntryUrl(entry.url);
    using Kind = RequestTarget::Kind;
    const Kind kind = entry.target.kind;
    if (kind == Kind::Unknown)
        return refuse(400, Issue::Invalid, QStringLiteral("request.url is not a FHIR URL this server knows"));
    if (!entry.target.type.isEmpty() && !isSupportedType(entry.target.type)) {
        return refuse(
            404, Issue::NotSupported,
            QStringLiteral("resource type %1 is not supported by this server").arg(entry.target.type));
    }
    if (!entry.target.id.isEmpty() && !isValidId(entry.target.id))
        return refuse(400, Issue::Invalid,
                      QStringLiteral("'%1' is not a valid resource id").arg(entry.target.id));

    if (entry.method == QLatin1String("POST")) {
        if (kind != Kind::Type)
            return refuse(400, Issue::Invalid,
                          QStringLiteral("POST needs the url of a resource type, e.g. Patient"));
    } else if (entry.method == QLatin1String("PUT")) {
        if (kind != Kind::Instance) {
            return refuse(400, Issue::NotSupported,
                          QStringLiteral("PUT needs Type/id; conditional update is not supported"));
        }
    } else if (entry.method == QLatin1String("DELETE")) {
        if (kind != Kind::Instance) {
            return refuse(400, Issue::NotSupported,
                          QStringLiteral("DELETE needs Type/id; conditional delete is not supported"));
        }
    } else if (kind == Kind::Root || kind == Kind::Metadata || kind == Kind::TypeSearch) {
        return refuse(400, Issue::NotSupported, QStringLiteral("this GET is not supported inside a bundle"));
    }
    if (entry.method == QLatin1String("POST") || entry.method == QLatin1String("PUT")) {
        if (entry.resource.isEmpty())
            return refuse(400, Issue::Required, QStringLiteral("%1 needs entry.resource").arg(entry.method));
        if (const auto admitted = m_service.admit(context, entry.target.type, entry.resource); !admitted) {
            entry.reply = annotate(FhirReply::fromError(admitted.error()), index, entry.method, entry.url);
            return entry;
        }
    }
    return entry;
}

FhirReply BundleProcessor::process(const RequestContext &context, const QJsonObject &bundle)
{
    const QString type = bundle.value(QLatin1String("type")).toString();
    const bool transaction = type == QLatin1String("transaction");
    if (!transaction && type != QLatin1String("batch")) {
        return FhirReply::fromError(
            fhirError(400, Issue::Invalid,
                      QStringLiteral("POST to the base needs a Bundle of type transaction or "
                                     "batch, not '%1'")
                          .arg(type),
                      QStringLiteral("Bundle.type")));
    }
    const QJsonArray raw = bundle.value(QLatin1String("entry")).toArray();
    if (m_options.maxEntries > 0 && raw.size() > m_options.maxEntries) {
        return FhirReply::fromError(fhirError(413, Issue::TooCostly,
                                              QStringLiteral("at most %1 entries per bundle; this one has %2")
                                                  .arg(m_options.maxEntries)
                                                  .arg(raw.size())));
    }
    QList<Entry> entries;
    for (qsizetype i = 0; i < raw.size(); ++i)
        entries.append(parseEntry(context, i, raw.at(i).toObject()));

    if (transaction) {
        const FhirReply failed = runTransaction(context, entries);
        if (failed.isError())
            return failed;
    } else {
        runBatch(context, entries);
    }
    FhirReply reply;
    reply.body = responseBundle(transaction ? QStringLiteral("transaction-response")
                                            : QStringLiteral("batch-response"),
                                entries, context);
    return reply;
}

Expected<void> BundleProcessor::resolveCreate(Entry &entry)
{
    if (!entry.ifNoneExist.trimmed().isEmpty()) {
        const auto match = m_service.matchIfNoneExist(entry.target.type, entry.ifNoneExist);
        if (!match)
            return match.error();
        if (match->has_value()) {
            entry.matched = **match;
            return {};
        }
    }
    const auto id = m_service.newId(entry.target.type);
    if (!id)
        return id.error();
    entry.newId = *id;
    return {};
}

FhirReply BundleProcessor::writeCreate(const Entry &entry)
{
    if (entry.matched) // the conditional create found it: nothing written, the existing version answers
        return FhirReply::withResource(200, entry.matched->resource, entry.matched->stamp(), true);
    return m_service.createAs(entry.target.type, entry.newId, entry.resource);
}

FhirReply BundleProcessor::get(const RequestContext &context, const RequestTarget &target)
{
    using Kind = RequestTarget::Kind;
    switch (target.kind) {
    case Kind::Instance:
        return m_service.read(target.type, target.id);
    case Kind::Version:
        return m_service.vread(target.type, target.id, target.version);
    case Kind::Type:
        return m_service.search(context, target.type, target.query);
    case Kind::TypeHistory:
    case Kind::InstanceHistory:
    case Kind::SystemHistory:
        return m_service.history(context, target.type, target.id, target.query);
    default:
        return FhirReply::fromError(fhirError(400, Issue::NotSupported, QStringLiteral("unsupported GET")));
    }
}

FhirReply BundleProcessor::runTransaction(const RequestContext &context, QList<Entry> &entries)
{
    // Refusals that need no database come first, so a bad bundle never starts a transaction.
    QSet<QString> touched;
    QSet<QString> conditions;
    QSet<QString> fullUrls;
    for (Entry &entry : entries) {
        if (entry.reply)
            return *entry.reply;
        const QString instance = QStringLiteral("%1/%2").arg(entry.target.type, entry.target.id);
        QString clash;
        if (entry.method == QLatin1String("PUT") || entry.method == QLatin1String("DELETE")) {
            if (touched.contains(instance))
                clash = QStringLiteral("%1 is changed by another entry of this transaction").arg(instance);
            touched.insert(instance);
        }
        if (entry.method == QLatin1String("POST") && !entry.ifNoneExist.isEmpty()) {
            const QString condition = entry.target.type + QLatin1Char('?') + entry.ifNoneExist;
            if (conditions.contains(condition))
                clash = QStringLiteral("two entries create the same resource (same ifNoneExist)");
            conditions.insert(condition);
        }
        if (!entry.fullUrl.isEmpty()) {
            if (fullUrls.contains(entry.fullUrl))
                clash = QStringLiteral("fullUrl is used by another entry");
            fullUrls.insert(entry.fullUrl);
        }
        if (!clash.isEmpty())
            return entryError(entry.index, entry.method, entry.url, 400, Issue::Duplicate, clash);
    }

    if (const auto begun = m_store.begin(); !begun)
        return FhirReply::fromError(begun.error());
    QList<Entry *> ordered;
    for (Entry &entry : entries)
        ordered.append(&entry);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Entry *a, const Entry *b) { return phase(a->method) < phase(b->method); });
    const auto fail = [this](const Entry &entry, const FhirReply &reply) {
        m_store.rollback();
        return annotate(reply, entry.index, entry.method, entry.url);
    };

    // Name every created resource before writing any, so references between entries can be rewritten.
    QHash<QString, QString> names;
    for (Entry *entry : ordered) {
        if (entry->method == QLatin1String("DELETE")) {
            entry->reply = m_service.remove(entry->target.type, entry->target.id);
            if (entry->reply->isError())
                return fail(*entry, *entry->reply);
        } else if (entry->method == QLatin1String("POST")) {
            if (const auto resolved = resolveCreate(*entry); !resolved)
                return fail(*entry, FhirReply::fromError(resolved.error()));
            const QString id = entry->matched ? entry->matched->id : entry->newId;
            if (entry->fullUrl.startsWith(QLatin1String("urn:")))
                names.insert(entry->fullUrl, QStringLiteral("%1/%2").arg(entry->target.type, id));
        } else if (entry->method == QLatin1String("PUT") &&
                   entry->fullUrl.startsWith(QLatin1String("urn:"))) {
            names.insert(entry->fullUrl, QStringLiteral("%1/%2").arg(entry->target.type, entry->target.id));
        }
    }
    for (Entry *entry : ordered) {
        if (entry->method == QLatin1String("POST")) {
            entry->resource = rewriteReferences(entry->resource, names);
            entry->reply = writeCreate(*entry);
        } else if (entry->method == QLatin1String("PUT")) {
            entry->resource = rewriteReferences(entry->resource, names);
            entry->reply =
                m_service.update(entry->target.type, entry->target.id, entry->resource, entry->ifMatch);
        } else if (entry->method == QLatin1String("GET")) {
            entry->reply = get(context, entry->target);
        }
        if (entry->reply->isError())
            return fail(*entry, *entry->reply);
    }
    if (const auto committed = m_store.commit(); !committed)
        return FhirReply::fromError(committed.error());
    return FhirReply{};
}

void BundleProcessor::runBatch(const RequestContext &context, QList<Entry> &entries)
{
    // Batch entries must not depend on each other (FHIR), but references to resources created earlier in
    // the batch are still rewritten: it costs nothing and spares clients a surprise.
    QHash<QString, QString> names;
    QList<Entry *> ordered;
    for (Entry &entry : entries) {
        ordered.append(&entry);
        if (!entry.reply && entry.method == QLatin1String("PUT") &&
            entry.fullUrl.startsWith(QLatin1String("urn:")))
            names.insert(entry.fullUrl, QStringLiteral("%1/%2").arg(entry.target.type, entry.target.id));
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Entry *a, const Entry *b) { return phase(a->method) < phase(b->method); });
    for (Entry *entry : ordered) {
        if (entry->reply)
            continue; // refused when parsed
        FhirReply reply;
        if (entry->method == QLatin1String("DELETE")) {
            reply = m_service.inTransaction(
                [&] { return m_service.remove(entry->target.type, entry->target.id); });
        } else if (entry->method == QLatin1String("POST")) {
            // One entry at a time, so a later conditional create sees what an earlier one made.
            reply = m_service.inTransaction([&] {
                if (const auto resolved = resolveCreate(*entry); !resolved)
                    return FhirReply::fromError(resolved.error());
                entry->resource = rewriteReferences(entry->resource, names);
                return writeCreate(*entry);
            });
            if (!reply.isError() && reply.stamp && entry->fullUrl.startsWith(QLatin1String("urn:")))
                names.insert(entry->fullUrl, QStringLiteral("%1/%2").arg(reply.stamp->type, reply.stamp->id));
        } else if (entry->method == QLatin1String("PUT")) {
            entry->resource = rewriteReferences(entry->resource, names);
            reply = m_service.inTransaction([&] {
                return m_service.update(entry->target.type, entry->target.id, entry->resource,
                                        entry->ifMatch);
            });
        } else {
            reply = get(context, entry->target);
        }
        entry->reply = annotate(reply, entry->index, entry->method, entry->url);
    }
}

QJsonObject BundleProcessor::responseBundle(const QString &type, const QList<Entry> &entries,
                                            const RequestContext &context) const
{
    QJsonObject bundle = newBundle(type);
    QJsonArray out;
    for (const Entry &entry : entries) {
        const FhirReply &reply = *entry.reply;
        QJsonObject response{{QStringLiteral("status"), statusText(reply.status)}};
        QJsonObject item;
        if (reply.stamp) {
            if (reply.status == 201 || reply.sendLocation)
                response.insert(QStringLiteral("location"), reply.stamp->location());
            response.insert(QStringLiteral("etag"), reply.stamp->etag());
            response.insert(QStringLiteral("lastModified"), fhirtime::instant(reply.stamp->lastUpdatedMs));
        }
        // Reads always carry what they read; writes their resource only when asked (or kind).
        bool withResource = entry.method == QLatin1String("GET");
        if (!withResource && context.preferReturn != ReturnPreference::Minimal)
            withResource = context.preferReturn == ReturnPreference::Representation || m_options.kindAnswers;
        if (reply.isError()) {
            response.insert(QStringLiteral("outcome"), reply.body);
        } else if (!reply.body.isEmpty()) {
            if (reply.stamp && (withResource || m_options.kindAnswers)) {
                item.insert(QStringLiteral("fullUrl"),
                            QStringLiteral("%1/%2/%3").arg(context.base, reply.stamp->type, reply.stamp->id));
            }
            if (withResource)
                item.insert(QStringLiteral("resource"), reply.body);
        }
        item.insert(QStringLiteral("response"), response);
        out.append(item);
    }
    bundle.insert(QStringLiteral("entry"), out);
    return bundle;
}

} // namespace chevet::dpi
