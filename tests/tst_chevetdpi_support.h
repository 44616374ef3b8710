#pragma once

// chevet-dpi as its clients meet it: a real process on a free port, spoken to over real HTTP with
// QNetworkAccessManager, synchronously (each call spins its own event loop).
#include "standindpi.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <utility>

using HeaderPairs = QList<std::pair<QByteArray, QByteArray>>;

struct DpiReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject firstIssue() const { return json().value(QLatin1String("issue")).toArray().at(0).toObject(); }
    QString diagnostics() const { return firstIssue().value(QLatin1String("diagnostics")).toString(); }
    QString issueCode() const { return firstIssue().value(QLatin1String("code")).toString(); }
    bool isOutcome() const
    {
        return json().value(QLatin1String("resourceType")).toString() == QLatin1String("OperationOutcome") &&
               !diagnostics().isEmpty();
    }
};

// The stand-in as its own tests meet it: its warnings kept for the test to read.
class DpiServer : public StandInDpi
{
public:
    bool start(const QString &db, const QStringList &extra = {}, bool quiet = true)
    {
        return StandInDpi::start(db, extra, Stderr::Kept, quiet);
    }
};

class DpiClient
{
public:
    DpiClient() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    DpiReply send(const QByteArray &verb, const QString &url, const QByteArray &body = {},
                  const HeaderPairs &headers = {})
    {
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("Accept", "application/fhir+json");
        if (!body.isEmpty())
            request.setRawHeader("Content-Type", "application/fhir+json");
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_manager.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        DpiReply out;
        if (!reply->isFinished()) {
            reply->abort();
            out.error = QNetworkReply::TimeoutError;
        } else {
            out.error = reply->error();
        }
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        out.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return out;
    }

    DpiReply get(const QString &url, const HeaderPairs &headers = {})
    {
        return send("GET", url, {}, headers);
    }
    DpiReply post(const QString &url, const QJsonObject &body, const HeaderPairs &headers = {})
    {
        return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    DpiReply put(const QString &url, const QJsonObject &body, const HeaderPairs &headers = {})
    {
        return send("PUT", url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    DpiReply remove(const QString &url, const HeaderPairs &headers = {})
    {
        return send("DELETE", url, {}, headers);
    }

    QNetworkAccessManager &manager() { return m_manager; }

private:
    QNetworkAccessManager m_manager;
};

// Follows Bundle.link[next] from `url`, returning every entry of every page.
inline QJsonArray allPages(DpiClient &client, QString url, int *pages = nullptr,
                           const HeaderPairs &headers = {})
{
    QJsonArray entries;
    int count = 0;
    while (!url.isEmpty() && count < 100) {
        const DpiReply reply = client.get(url, headers);
        if (reply.status != 200)
            return {};
        ++count;
        const QJsonObject bundle = reply.json();
        for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray())
            entries.append(entry);
        url.clear();
        for (const QJsonValue &link : bundle.value(QLatin1String("link")).toArray()) {
            if (link.toObject().value(QLatin1String("relation")).toString() == QLatin1String("next"))
                url = link.toObject().value(QLatin1String("url")).toString();
        }
    }
    if (pages)
        *pages = count;
    return entries;
}

inline QJsonObject identifierOf(const QString &system, const QString &value)
{
    return {{QStringLiteral("system"), system}, {QStringLiteral("value"), value}};
}

inline QJsonObject testPatient(const QString &system, const QString &value)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Patient")},
            {QStringLiteral("identifier"), QJsonArray{identifierOf(system, value)}},
            {QStringLiteral("name"),
             QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Test")}}}}};
}

inline QJsonObject testObservation(const QString &system, const QString &value, const QString &subject)
{
    const QJsonObject loinc{{QStringLiteral("system"), QStringLiteral("http://loinc.org")},
                            {QStringLiteral("code"), QStringLiteral("8867-4")}};
    return {{QStringLiteral("resourceType"), QStringLiteral("Observation")},
            {QStringLiteral("status"), QStringLiteral("final")},
            {QStringLiteral("identifier"), QJsonArray{identifierOf(system, value)}},
            {QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"), QJsonArray{loinc}}}},
            {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), subject}}},
            {QStringLiteral("valueQuantity"),
             QJsonObject{{QStringLiteral("value"), 72}, {QStringLiteral("code"), QStringLiteral("/min")}}}};
}

// Encounter.class (1..1 in R4): an inpatient stay.
inline QJsonObject inpatientClass()
{
    return {{QStringLiteral("system"), QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode")},
            {QStringLiteral("code"), QStringLiteral("IMP")}};
}

// A Bundle entry; `extra` adds request fields (ifNoneExist, ifMatch).
inline QJsonObject bundleEntry(const QString &method, const QString &requestUrl,
                               const QJsonObject &resource = {}, const QString &fullUrl = {},
                               const QJsonObject &extra = {})
{
    QJsonObject request{{QStringLiteral("method"), method}, {QStringLiteral("url"), requestUrl}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        request.insert(it.key(), it.value());
    QJsonObject out{{QStringLiteral("request"), request}};
    if (!resource.isEmpty())
        out.insert(QStringLiteral("resource"), resource);
    if (!fullUrl.isEmpty())
        out.insert(QStringLiteral("fullUrl"), fullUrl);
    return out;
}

inline QJsonObject testBundle(const QString &type, const QJsonArray &entries)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
            {QStringLiteral("type"), type},
            {QStringLiteral("entry"), entries}};
}

// Bundle.total of a search, -1 when the search fails.
inline int searchTotal(DpiClient &client, const QString &url, const HeaderPairs &headers = {})
{
    const DpiReply reply = client.get(url, headers);
    return reply.status == 200 ? reply.json().value(QLatin1String("total")).toInt(-1) : -1;
}

// The id in a location: <base>/Type/id/_history/v or Type/id/_history/v.
inline QString idFromLocation(const QString &location)
{
    const QStringList parts = location.split(QLatin1Char('/'));
    return parts.size() >= 4 ? parts.at(parts.size() - 3) : QString();
}
