#include "queryitems.h"

#include <QUrl>

namespace chevet::dpi {

QueryItems parseQuery(const QByteArray &encodedQuery)
{
    QueryItems items;
    for (const QByteArray &part : encodedQuery.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = equals < 0 ? part : part.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
        items.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return items;
}

QString encodeQuery(const QueryItems &items)
{
    QByteArray out;
    for (const auto &[name, value] : items) {
        if (!out.isEmpty())
            out.append('&');
        out.append(QUrl::toPercentEncoding(name, ":_"));
        out.append('=');
        out.append(QUrl::toPercentEncoding(value, ":|,/"));
    }
    return QString::fromLatin1(out);
}

} // namespace chevet::dpi
