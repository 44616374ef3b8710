#include "capabilitycache.h"

#include "store/sealedmeta.h"

#include <QJsonDocument>

namespace chevet {

namespace {

const QString kKey = QStringLiteral("dpi-capabilities");

} // namespace

CapabilityCache::CapabilityCache(Store &store, QString baseUrl)
    : m_store(store)
    , m_baseUrl(std::move(baseUrl))
{}

Result<std::optional<QJsonObject>> CapabilityCache::fresh(qint64 nowMs)
{
    Result<QByteArray> kept = SealedMeta(m_store).value(kKey);
    if (!kept)
        return kept.error();
    const QJsonObject entry = QJsonDocument::fromJson(*kept).object();
    const qint64 readAtMs = entry.value(QLatin1String("readAtMs")).toInteger();
    // A clock moved back (or a statement "read" in the future) is not trusted either.
    if (entry.value(QLatin1String("baseUrl")).toString() != m_baseUrl || readAtMs > nowMs ||
        nowMs - readAtMs >= kMaxAgeMs)
        return std::optional<QJsonObject>();
    const QJsonObject statement = entry.value(QLatin1String("statement")).toObject();
    if (statement.isEmpty())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(statement);
}

Status CapabilityCache::keep(const QJsonObject &statement, qint64 nowMs)
{
    QJsonObject entry;
    entry.insert(QLatin1String("baseUrl"), m_baseUrl);
    entry.insert(QLatin1String("readAtMs"), nowMs);
    entry.insert(QLatin1String("statement"), statement);
    return SealedMeta(m_store).setValue(kKey, QJsonDocument(entry).toJson(QJsonDocument::Compact));
}

Status CapabilityCache::forget()
{
    return SealedMeta(m_store).remove(kKey);
}

} // namespace chevet
