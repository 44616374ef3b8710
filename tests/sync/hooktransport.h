#pragma once

// A transport between the engine and a DPI that lets a test reshape what real servers do differently:
// lose an answer, strip resources from it, answer 409, 415 or an HTML 413 instead. Every request is kept.
//
// A FHIR batch of reads (the engine's prefetch, FhirClient::prefetch) is taken apart: each read goes
// through the hook and on to the DPI as the GET it stands for, and the answers are put back together as
// the batch-response. So a test aimed at one read (lose it, reshape its answer) works whether the engine
// asks it alone or in a batch; a read lost, or answered 5xx/408/429, fails the whole batch, as a dropped
// connection or a gateway would. `requests` lists the reads, not the batch. Tests of the batch on the wire
// use the DPI directly.
#include "net/http.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

class HookTransport final : public chevet::Transport
{
public:
    using Forward = std::function<chevet::Result<chevet::HttpResponse>()>;
    // Gets each request (which it may rewrite before sending it on) and a way to send it on; returns what
    // the engine receives.
    using Hook = std::function<chevet::Result<chevet::HttpResponse>(chevet::HttpRequest &, const Forward &)>;

    HookTransport(std::unique_ptr<chevet::Transport> inner, Hook hook)
        : m_inner(std::move(inner))
        , m_hook(std::move(hook))
    {}

    chevet::Result<chevet::HttpResponse> exchange(const chevet::HttpRequest &request) override
    {
        if (const std::optional<QStringList> reads = batchOfReads(request))
            return oneByOne(*reads, request.headers);
        requests.append(request);
        chevet::HttpRequest sent = request;
        if (m_rewrite)
            m_rewrite(sent);
        const Forward forward = [&]() { return m_inner->exchange(sent); };
        return m_hook ? m_hook(sent, forward) : forward();
    }

    // A read asked ahead (a search's next page): sent ahead too when the test only rewrites requests; a
    // hook may reshape the answer, so with one the read is asked in turn.
    std::unique_ptr<chevet::PendingExchange> start(const chevet::HttpRequest &request) override
    {
        if (m_hook)
            return chevet::Transport::start(request);
        requests.append(request);
        chevet::HttpRequest sent = request;
        if (m_rewrite)
            m_rewrite(sent);
        ++askedAhead;
        return m_inner->start(sent);
    }

    // Rewrites each request before it goes on (no say on the answer).
    using Rewrite = std::function<void(chevet::HttpRequest &)>;
    void setRewrite(Rewrite rewrite) { m_rewrite = std::move(rewrite); }
    int askedAhead = 0; // reads sent ahead of need

    QString baseUrl() const override { return m_inner->baseUrl(); }

    void setHook(Hook hook) { m_hook = std::move(hook); }

    QList<chevet::HttpRequest> requests;

private:
    static std::optional<QStringList> batchOfReads(const chevet::HttpRequest &request)
    {
        if (request.method != "POST" || !request.target.isEmpty())
            return std::nullopt;
        const QJsonObject bundle = QJsonDocument::fromJson(request.body).object();
        if (bundle.value(QLatin1String("type")).toString() != QLatin1String("batch"))
            return std::nullopt;
        QStringList reads;
        for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray()) {
            const QJsonObject asked = entry.toObject().value(QLatin1String("request")).toObject();
            if (asked.value(QLatin1String("method")).toString() != QLatin1String("GET"))
                return std::nullopt;
            reads.append(asked.value(QLatin1String("url")).toString());
        }
        return reads;
    }

    chevet::Result<chevet::HttpResponse> oneByOne(const QStringList &reads,
                                                  const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        QJsonArray answers;
        chevet::HttpResponse last;
        for (const QString &target : reads) {
            chevet::HttpRequest read;
            read.target = target;
            read.headers = headers;
            chevet::Result<chevet::HttpResponse> answered = exchange(read);
            if (!answered)
                return answered.error();
            // A gateway's 5xx, 408 or 429 is the whole batch's fate on the wire, not one entry's.
            if (answered->status >= 500 || answered->status == 408 || answered->status == 429)
                return answered;
            last = *answered;
            QJsonObject entry{{QStringLiteral("response"),
                               QJsonObject{{QStringLiteral("status"), QString::number(answered->status)}}}};
            const QJsonObject body = QJsonDocument::fromJson(answered->body).object();
            if (!body.isEmpty())
                entry.insert(QStringLiteral("resource"), body);
            answers.append(entry);
        }
        chevet::HttpResponse response;
        response.status = 200;
        response.headers.append(
            {QByteArrayLiteral("content-type"), QByteArrayLiteral("application/fhir+json")});
        if (const QByteArray date = last.header("date"); !date.isEmpty())
            response.headers.append({QByteArrayLiteral("date"), date});
        response.body = QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                                  {QStringLiteral("type"), QStringLiteral("batch-response")},
                                                  {QStringLiteral("entry"), answers}})
                            .toJson(QJsonDocument::Compact);
        return response;
    }

    std::unique_ptr<chevet::Transport> m_inner;
    Hook m_hook;
    Rewrite m_rewrite;
};

inline bool isBundlePost(const chevet::HttpRequest &request)
{
    return request.method == "POST" && request.target.isEmpty();
}

inline chevet::HttpResponse answer(int status, const QByteArray &body, const QByteArray &contentType)
{
    chevet::HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.append({QByteArrayLiteral("content-type"), contentType});
    return response;
}
