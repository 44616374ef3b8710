// Transaction/batch bundles we send, and the bundles servers answer with.
#include "bundle.h"

#include "jsonreader.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace chevet::fhir {

namespace {

QJsonObject requestElement(const BundleRequest &entry)
{
    QJsonObject request{{QLatin1String("method"), entry.method}, {QLatin1String("url"), entry.url}};
    if (!entry.ifNoneExist.isEmpty())
        request.insert(QLatin1String("ifNoneExist"), entry.ifNoneExist);
    if (!entry.ifMatch.isEmpty())
        request.insert(QLatin1String("ifMatch"), entry.ifMatch);
    return request;
}

// "201 Created" -> 201; servers differ in the text after the code, never in the code.
std::optional<int> httpStatus(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([1-5]\\d\\d)(\\s.*)?$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt();
}

JsonReader bundleReader(const QJsonObject &json)
{
    return JsonReader::resource(json, QStringLiteral("Bundle"));
}

} // namespace

QJsonObject makeTransaction(const QList<BundleRequest> &entries, bool atomic)
{
    QJsonArray entryArray;
    for (const BundleRequest &e : entries) {
        QJsonObject entry;
        if (!e.fullUrl.isEmpty())
            entry.insert(QLatin1String("fullUrl"), e.fullUrl);
        if (!e.resource.isEmpty())
            entry.insert(QLatin1String("resource"), e.resource);
        entry.insert(QLatin1String("request"), requestElement(e));
        entryArray.append(entry);
    }
    return QJsonObject{
        {QLatin1String("resourceType"), QStringLiteral("Bundle")},
        {QLatin1String("type"), atomic ? QStringLiteral("transaction") : QStringLiteral("batch")},
        {QLatin1String("entry"), entryArray}};
}

Result<QList<BundleResponse>> parseTransactionResponse(const QJsonObject &bundle)
{
    JsonReader r = bundleReader(bundle);
    const QString type = r.string(QStringLiteral("type"), Need::Required);
    if (r.ok() && type != QLatin1String("transaction-response") && type != QLatin1String("batch-response"))
        r.failAt(
            QStringLiteral("type"),
            QStringLiteral("expected transaction-response or batch-response, got \"%1\"").arg(type.left(30)));
    QList<BundleResponse> responses;
    for (JsonReader entry : r.objects(QStringLiteral("entry"))) {
        JsonReader response = entry.object(QStringLiteral("response"), Need::Required);
        BundleResponse out;
        const QString status = response.string(QStringLiteral("status"), Need::Required);
        if (std::optional<int> code = httpStatus(status))
            out.status = *code;
        else if (!status.isEmpty())
            response.failAt(QStringLiteral("status"),
                            QStringLiteral("expected an HTTP status such as \"201 Created\""));
        out.location = response.string(QStringLiteral("location"));
        out.etag = response.string(QStringLiteral("etag"));
        out.lastModifiedMs = response.dateTime(QStringLiteral("lastModified")).value_or(0);
        out.outcome = response.object(QStringLiteral("outcome")).json();
        out.resource = entry.object(QStringLiteral("resource")).json();
        out.fullUrl = entry.string(QStringLiteral("fullUrl"));
        responses.append(out);
    }
    if (!r.ok())
        return r.error();
    return responses;
}

Result<ParsedBundle> parseBundle(const QJsonObject &bundle)
{
    JsonReader r = bundleReader(bundle);
    ParsedBundle parsed;
    parsed.type = r.string(QStringLiteral("type"), Need::Required);
    parsed.total = int(r.integer(QStringLiteral("total")).value_or(-1));
    parsed.lastUpdatedMs =
        r.object(QStringLiteral("meta")).dateTime(QStringLiteral("lastUpdated")).value_or(0);
    for (JsonReader link : r.objects(QStringLiteral("link"))) {
        if (link.string(QStringLiteral("relation"), Need::Required) == QLatin1String("next"))
            parsed.next = link.string(QStringLiteral("url"), Need::Required);
    }
    for (JsonReader entry : r.objects(QStringLiteral("entry"))) {
        BundleEntry out;
        out.fullUrl = entry.string(QStringLiteral("fullUrl"));
        out.resource = entry.object(QStringLiteral("resource")).json();
        JsonReader request = entry.object(QStringLiteral("request"));
        out.method = request.string(QStringLiteral("method"));
        out.url = request.string(QStringLiteral("url"));
        out.lastModifiedMs =
            entry.object(QStringLiteral("response")).dateTime(QStringLiteral("lastModified")).value_or(0);
        out.searchMode = entry.object(QStringLiteral("search")).string(QStringLiteral("mode"));
        parsed.entries.append(out);
    }
    if (!r.ok())
        return r.error();
    return parsed;
}

QString outcomeText(const QJsonObject &operationOutcome)
{
    QStringList parts;
    const QJsonArray issues = operationOutcome.value(QLatin1String("issue")).toArray();
    for (const QJsonValue &v : issues) {
        const QJsonObject issue = v.toObject();
        QString part = QStringList{issue.value(QLatin1String("severity")).toString(),
                                   issue.value(QLatin1String("code")).toString()}
                           .join(QLatin1Char(' '))
                           .trimmed();
        QString text = issue.value(QLatin1String("diagnostics")).toString();
        if (text.isEmpty())
            text = issue.value(QLatin1String("details")).toObject().value(QLatin1String("text")).toString();
        if (!text.isEmpty())
            part += (part.isEmpty() ? QString() : QStringLiteral(": ")) + text;
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral("; "));
}

QJsonObject makeOutcome(const QString &severity, const QString &code, const QString &diagnostics)
{
    QJsonObject issue{{QLatin1String("severity"), severity}, {QLatin1String("code"), code}};
    if (!diagnostics.isEmpty())
        issue.insert(QLatin1String("diagnostics"), diagnostics);
    return QJsonObject{{QLatin1String("resourceType"), QStringLiteral("OperationOutcome")},
                       {QLatin1String("issue"), QJsonArray{issue}}};
}

QString versionFromEtag(const QString &etag)
{
    QStringView v = QStringView(etag).trimmed();
    if (v.startsWith(QLatin1String("W/")))
        v = v.mid(2);
    if (v.size() >= 2 && v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"')))
        return v.mid(1, v.size() - 2).toString();
    return etag;
}

QString etagForVersion(const QString &versionId)
{
    return QStringLiteral("W/\"%1\"").arg(versionId);
}

Location parseLocation(const QString &location)
{
    // Servers answer relative ("Observation/1/_history/2") or absolute URLs, sometimes with a query.
    const QString path = location.section(QLatin1Char('?'), 0, 0);
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Location out;
    const qsizetype history = parts.lastIndexOf(QStringLiteral("_history"));
    if (history >= 2) {
        out.type = parts.at(history - 2);
        out.id = parts.at(history - 1);
        if (history + 1 < parts.size())
            out.version = parts.at(history + 1);
    } else if (history < 0 && parts.size() >= 2) {
        out.type = parts.at(parts.size() - 2);
        out.id = parts.last();
    }
    return out;
}

} // namespace chevet::fhir
