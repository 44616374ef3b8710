#pragma once

#include <QString>

#include <optional>

// How a status outside the model's value set is kept (sync-audit §5): each status enumeration has an
// Unknown value, and the record keeps the DPI's own code beside it (`otherStatus`), so the record is
// stored, shown and sent back as the DPI wrote it instead of being refused.
namespace chevet {

// The code a status is stored and sent as: its key, or the DPI's own code for a status read as Unknown.
template<typename Enum> QString statusCode(Enum status, const QString &otherStatus, QString (*key)(Enum))
{
    return status == Enum::Unknown && !otherStatus.isEmpty() ? otherStatus : key(status);
}

// Reads a code: a known key gives its status, anything else Unknown with the code in *otherStatus.
template<typename Enum>
Enum statusFromCode(const QString &code, std::optional<Enum> (*fromKey)(const QString &),
                    QString *otherStatus)
{
    if (std::optional<Enum> status = fromKey(code)) {
        otherStatus->clear();
        return *status;
    }
    *otherStatus = code;
    return Enum::Unknown;
}

} // namespace chevet
