#include "fhirrouter.h"

#include "bundleprocessor.h"
#include "fhirjson.h"
#include "fhirservice.h"
#include "fhirtime.h"
#include "requesttarget.h"
#include "resourceindex.h"
#include "searchparameters.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace chevet::dpi {

namespace {

const QByteArray kFhirJson = QByteArrayLiteral("application/fhir+json; charset=utf-8");

Expected<QJsonObject> parseBody(const HttpRequest &request)
{
    if (request.header("content-type").toLower().contains("xml")) {
        return fhirError(415, Issue::NotSupported,
                         QStringLiteral("this server speaks JSON only: send application/fhir+json"));
    }
    if (request.body.trimmed().isEmpty())
        return fhirError(400, Issue::Required,
                         QStringLiteral("the request has no body; send a FHIR resource as JSON"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return fhirError(400, Issue::Structure,
                         QStringLiteral("the body is not valid JSON: %1 at offset %2")
                             .arg(error.errorString())
                             .arg(error.offset));
    }
    if (!document.isObject())
        return fhirError(400, Issue::Structure,
                         QStringLiteral("the body must be a JSON object (a FHIR resource)"));
    return document.object();
}

// POST Type/_search carries its parameters as a form: '+' there is a space, as HTML forms encode it.
QueryItems formParameters(const HttpRequest &request)
{
    if (!request.header("content-type").toLower().startsWith("application/x-www-form-urlencoded"))
        return {};
    QByteArray body = request.body;
    body.replace('+', ' ');
    return parseQuery(body);
}

HttpResponse toHttp(const FhirReply &reply, const QString &base, bool pretty)
{
    HttpResponse response;
    response.status = reply.status;
    if (!reply.body.isEmpty()) {
        response.body = toFhirJson(reply.body, pretty);
        response.setHeader("Content-Type", kFhirJson);
    }
    if (reply.stamp) {
        response.setHeader("ETag", reply.stamp->etag().toUtf8());
        response.setHeader("Last-Modified", fhirtime::httpDate(reply.stamp->lastUpdatedMs));
        if (reply.sendLocation)
            response.setHeader("Location",
                               QStringLiteral("%1/%2").arg(base, reply.stamp->location()).toUtf8());
    }
    return response;
}

FhirReply notAllowed(const QByteArray &method)
{
    return FhirReply::fromError(
        fhirError(405, Issue::NotSupported,
                  QStringLiteral("%1 is not allowed on this URL").arg(QString::fromLatin1(method))));
}

} // namespace

FhirRouter::FhirRouter(FhirService &service, BundleProcessor &bundles, CapabilityOptions capability)
    : m_service(service)
    , m_bundles(bundles)
    , m_capability(std::move(capability))
{}

HttpResponse FhirRouter::handle(const HttpRequest &request, const QString &base)
{
    const QueryItems query = parseQuery(request.query);
    bool pretty = false;
    for (const auto &[name, value] : query)
        pretty = pretty || (name == QLatin1String("_pretty") && value == QLatin1String("true"));

    if (request.path != QLatin1String("/fhir") && !request.path.startsWith(QLatin1String("/fhir/"))) {
        return toHttp(
            FhirReply::fromError(fhirError(404, Issue::NotFound,
                                           QStringLiteral("nothing here: the FHIR base is %1").arg(base))),
            base, pretty);
    }
    RequestTarget target =
        RequestTarget::fromSegments(request.path.mid(5).split(QLatin1Char('/'), Qt::SkipEmptyParts));
    target.query = query;
    const QByteArray prefer = request.header("prefer");
    RequestContext context{base, prefer.contains("handling=strict")};
    if (prefer.contains("return=minimal"))
        context.preferReturn = ReturnPreference::Minimal;
    else if (prefer.contains("return=representation"))
        context.preferReturn = ReturnPreference::Representation;
    context.faultsOff = request.header("x-chevet-no-fault") == "1";
    FhirReply reply = route(request, target, context);
    // A single create or update answers with the resource unless the client asks for less.
    if (context.preferReturn == ReturnPreference::Minimal && !reply.isError() && reply.stamp)
        reply.body = {};
    return toHttp(reply, base, pretty);
}

FhirReply FhirRouter::route(const HttpRequest &request, const RequestTarget &target,
                            const RequestContext &context)
{
    using Kind = RequestTarget::Kind;
    const QByteArray &method = request.method;
    const bool get = method == "GET";
    if (target.kind == Kind::Unknown)
        return FhirReply::fromError(
            fhirError(404, Issue::NotFound, QStringLiteral("no FHIR interaction at this URL")));
    if (!target.type.isEmpty() && !isSupportedType(target.type)) {
        return FhirReply::fromError(
            fhirError(404, Issue::NotSupported,
                      QStringLiteral("resource type %1 is not supported by this server").arg(target.type)));
    }
    if (!target.id.isEmpty() && !isValidId(target.id))
        return FhirReply::fromError(
            fhirError(400, Issue::Invalid, QStringLiteral("'%1' is not a valid resource id").arg(target.id)));

    switch (target.kind) {
    case Kind::Metadata:
        return get ? FhirReply{200, capabilityStatement(m_capability, context.base), {}, false}
                   : notAllowed(method);
    case Kind::SystemHistory:
    case Kind::TypeHistory:
    case Kind::InstanceHistory:
        return get ? m_service.history(context, target.type, target.id, target.query) : notAllowed(method);
    case Kind::Version:
        return get ? m_service.vread(target.type, target.id, target.version) : notAllowed(method);
    case Kind::TypeSearch:
        return method == "POST"
                   ? m_service.search(context, target.type, target.query + formParameters(request))
                   : notAllowed(method);
    default:
        break;
    }
    if (target.kind == Kind::Type && get)
        return m_service.search(context, target.type, target.query);
    if (target.kind == Kind::Instance && get)
        return m_service.read(target.type, target.id);
    if (target.kind == Kind::Instance && method == "DELETE")
        return m_service.inTransaction([&] { return m_service.remove(target.type, target.id); });

    const bool post = method == "POST";
    const bool put = method == "PUT";
    if (!((target.kind == Kind::Root && post) || (target.kind == Kind::Type && post) ||
          (target.kind == Kind::Instance && put)))
        return notAllowed(method);
    const auto body = parseBody(request);
    if (!body)
        return FhirReply::fromError(body.error());
    if (target.kind == Kind::Root) {
        if (body->value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle")) {
            return FhirReply::fromError(fhirError(
                400, Issue::Invalid, QStringLiteral("POST to the base takes a Bundle (transaction or batch)"),
                QStringLiteral("resourceType")));
        }
        return m_bundles.process(context, *body);
    }
    if (const auto admitted = m_service.admit(context, target.type, *body); !admitted)
        return FhirReply::fromError(admitted.error());
    if (post) {
        const QString ifNoneExist = QString::fromUtf8(request.header("if-none-exist"));
        return m_service.inTransaction([&] { return m_service.create(target.type, *body, ifNoneExist); });
    }
    const QString ifMatch = QString::fromUtf8(request.header("if-match"));
    return m_service.inTransaction([&] { return m_service.update(target.type, target.id, *body, ifMatch); });
}

} // namespace chevet::dpi
