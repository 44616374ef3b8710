#pragma once

// A transport between the engine and a DPI that lets a test reshape what real servers do differently:
// lose an answer, strip resources from it, answer 409, 415 or an HTML 413 instead. Every request is kept.
#include "net/http.h"

#include <functional>
#include <memory>

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
        requests.append(request);
        chevet::HttpRequest sent = request;
        const Forward forward = [&]() { return m_inner->exchange(sent); };
        return m_hook ? m_hook(sent, forward) : forward();
    }

    QString baseUrl() const override { return m_inner->baseUrl(); }

    void setHook(Hook hook) { m_hook = std::move(hook); }

    QList<chevet::HttpRequest> requests;

private:
    std::unique_ptr<chevet::Transport> m_inner;
    Hook m_hook;
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
