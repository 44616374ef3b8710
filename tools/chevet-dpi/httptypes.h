#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace chevet::dpi {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// An HTTP request copied out of QHttpServer's request object (which Qt reuses for the next request
// on the connection), so it can outlive the handler when answers are delayed.
struct HttpRequest
{
    QByteArray method;  // "GET", "POST", ...
    QString path;       // decoded, without the query
    QByteArray query;   // still percent-encoded
    HeaderList headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        for (const auto &[name, value] : headers) {
            if (name == lowerCaseName)
                return value;
        }
        return {};
    }
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
                header.second = value;
                return;
            }
        }
        headers.append({name, value});
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

} // namespace chevet::dpi
