#pragma once

#include "core/error.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace chevet::fhir {

enum class Need { Optional, Required };

// Typed access to one JSON object of a FHIR resource. Reading never throws or asserts: a wrong type
// or a missing required element records an error naming the element's path and the read returns
// nothing. Readers made from this one (objects, array items) share its error, so a mapping reads every
// element it wants and checks ok() once; only the first error is kept, as later ones tend to follow
// from it.
class JsonReader
{
public:
    // A reader for a whole resource; records an error unless resourceType is `type`.
    static JsonReader resource(const QJsonObject &json, const QString &type);

    const QJsonObject &json() const { return m_object; }
    const QString &path() const { return m_path; }
    QString pathOf(const QString &key) const;
    bool has(const QString &key) const;

    // Empty strings count as absent: FHIR forbids them, and treating them as missing is the safe reading.
    QString string(const QString &key, Need need = Need::Optional);
    std::optional<double> number(const QString &key, Need need = Need::Optional);
    std::optional<qint64> integer(const QString &key, Need need = Need::Optional);
    std::optional<bool> boolean(const QString &key, Need need = Need::Optional);
    // FHIR dateTime or instant with a time and a zone, as milliseconds since the epoch.
    std::optional<qint64> dateTime(const QString &key, Need need = Need::Optional);
    std::optional<QDate> date(const QString &key, Need need = Need::Optional);

    // A missing optional object reads as an empty one at the same path, so callers can read through it.
    JsonReader object(const QString &key, Need need = Need::Optional);
    QList<JsonReader> objects(const QString &key, Need need = Need::Optional);
    QStringList strings(const QString &key);

    void fail(const QString &path, const QString &what);
    void failAt(const QString &key, const QString &what) { fail(pathOf(key), what); }
    bool ok() const { return !m_state->error.has_value(); }
    Error error() const;

private:
    struct State
    {
        std::optional<Error> error;
    };

    JsonReader(const QJsonObject &object, const QString &path, std::shared_ptr<State> state);
    // The value when present and of the right kind; records why not otherwise.
    std::optional<QJsonValue> present(const QString &key, Need need);

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<State> m_state;
};

// FHIR dateTime/instant text -> milliseconds since the epoch. Partial dates and times without a zone
// are refused: a clinical time must name an instant.
std::optional<qint64> parseDateTime(const QString &text);
QString formatDateTime(qint64 ms); // ISO 8601 in UTC with milliseconds: 2024-03-05T08:30:00.000Z
std::optional<QDate> parseDate(const QString &text);
QString formatDate(const QDate &date);

} // namespace chevet::fhir
