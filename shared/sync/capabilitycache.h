#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace chevet {

class Store;

// The DPI's CapabilityStatement, kept sealed in the store for a while: on a 300 ms mobile link, asking
// for it at every sync costs a round trip that almost never tells anything new (issue "weak links").
// Kept per DPI address; forgotten after `kMaxAgeMs`, and by the run as soon as the DPI refuses something
// (it may have changed what it offers).
class CapabilityCache
{
public:
    static constexpr qint64 kMaxAgeMs = 3600LL * 1000;

    CapabilityCache(Store &store, QString baseUrl);

    // The statement kept for this DPI if it was read less than kMaxAgeMs before `nowMs`.
    Result<std::optional<QJsonObject>> fresh(qint64 nowMs);
    Status keep(const QJsonObject &statement, qint64 nowMs);
    Status forget();

private:
    Store &m_store;
    QString m_baseUrl;
};

} // namespace chevet
