#include "capabilitystatement.h"

#include "fhirtime.h"
#include "searchparameters.h"

#include <QJsonArray>

namespace chevet::dpi {

namespace {

QJsonArray interactions(const QStringList &codes)
{
    QJsonArray out;
    for (const QString &name : codes)
        out.append(QJsonObject{{QStringLiteral("code"), name}});
    return out;
}

QJsonObject searchParam(const QString &name, const QString &type, const QString &documentation)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("type"), type},
            {QStringLiteral("documentation"), documentation}};
}

QJsonObject resourceEntry(const QString &type, bool history)
{
    QStringList codes = {QStringLiteral("read"),   QStringLiteral("vread"),  QStringLiteral("update"),
                         QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("search-type")};
    if (history)
        codes << QStringLiteral("history-instance") << QStringLiteral("history-type");
    QJsonArray params{
        searchParam(QStringLiteral("_id"), QStringLiteral("token"), QStringLiteral("logical id")),
        searchParam(QStringLiteral("_lastUpdated"), QStringLiteral("date"),
                    QStringLiteral("meta.lastUpdated; prefixes eq ne gt ge lt le")),
    };
    for (const SearchParameter &parameter : searchParameters(type)) {
        params.append(searchParam(parameter.name,
                                  parameter.kind == ParamKind::Token ? QStringLiteral("token")
                                                                     : QStringLiteral("reference"),
                                  parameter.documentation));
    }
    return {{QStringLiteral("type"), type},
            {QStringLiteral("interaction"), interactions(codes)},
            {QStringLiteral("versioning"), QStringLiteral("versioned")},
            {QStringLiteral("readHistory"), history},
            {QStringLiteral("updateCreate"), true},
            {QStringLiteral("conditionalCreate"), true},
            {QStringLiteral("conditionalRead"), QStringLiteral("not-supported")},
            {QStringLiteral("conditionalUpdate"), false},
            {QStringLiteral("conditionalDelete"), QStringLiteral("not-supported")},
            {QStringLiteral("searchParam"), params}};
}

} // namespace

QJsonObject capabilityStatement(const CapabilityOptions &options, const QString &base)
{
    QJsonArray resources;
    for (const QString &type : supportedTypes())
        resources.append(resourceEntry(type, options.history));
    QStringList systemCodes = {QStringLiteral("transaction"), QStringLiteral("batch")};
    if (options.history)
        systemCodes << QStringLiteral("history-system");
    const QJsonObject rest{
        {QStringLiteral("mode"), QStringLiteral("server")},
        {QStringLiteral("documentation"),
         QStringLiteral("Stand-in DPI for development, demos and tests; synthetic data only.")},
        {QStringLiteral("resource"), resources},
        {QStringLiteral("interaction"), interactions(systemCodes)}};
    return {{QStringLiteral("resourceType"), QStringLiteral("CapabilityStatement")},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("date"), fhirtime::instant(options.startedMs)},
            {QStringLiteral("kind"), QStringLiteral("instance")},
            {QStringLiteral("software"), QJsonObject{{QStringLiteral("name"), QStringLiteral("chevet-dpi")},
                                                     {QStringLiteral("version"), options.softwareVersion}}},
            {QStringLiteral("implementation"),
             QJsonObject{{QStringLiteral("description"), QStringLiteral("Chevet stand-in DPI")},
                         {QStringLiteral("url"), base}}},
            {QStringLiteral("fhirVersion"), QStringLiteral("4.0.1")},
            {QStringLiteral("format"),
             QJsonArray{QStringLiteral("application/fhir+json"), QStringLiteral("json")}},
            {QStringLiteral("rest"), QJsonArray{rest}}};
}

} // namespace chevet::dpi
