#pragma once

#include "jsonreader.h"

#include "model/recordmeta.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

// FHIR data types shared by the resource mappings, both ways. Internal to fhir/.
namespace chevet::fhir {

inline constexpr auto kUcumSystem = "http://unitsofmeasure.org";

QString str(const char *latin1);

// --- writing ---
QJsonObject coding(const QString &system, const QString &code, const QString &display = {});
QJsonObject codeableConcept(const QJsonArray &codings, const QString &text = {});
QJsonObject textConcept(const QString &text);
QJsonObject quantity(double value, const QString &ucum);
QJsonObject reference(const QString &ref);
// A person known only by an identifier the DPI shares with us (the nurse's login).
QJsonObject practitionerByIdentifier(const QString &value);
QJsonObject clientIdentifier(const QUuid &id);
QJsonObject extension(const QString &url, const QString &valueKey, const QJsonValue &value);
void putIfSet(QJsonObject &object, const QString &key, const QString &value);
// id and meta; meta only once the server gave a version, so a create never claims one.
void putServerState(QJsonObject &resource, const QString &serverId, const QString &serverVersion,
                    std::optional<qint64> lastUpdatedMs = std::nullopt);
// id, meta and the client-id identifier of a clinical record.
void putRecordState(QJsonObject &resource, const RecordMeta &meta);

// --- reading ---
// A resource's status (1..1). A code outside the model's value set is no reason to refuse the resource
// (sync-audit §5): it reads as Unknown, the code kept in *otherStatus so it is stored, shown and sent back.
template<typename Enum>
Enum readStatusCode(JsonReader &r, std::optional<Enum> (*fromKey)(const QString &), QString *otherStatus)
{
    return statusFromCode(r.string(QStringLiteral("status"), Need::Required), fromKey, otherStatus);
}

struct CodingValue
{
    QString system;
    QString code;
    QString display;
};

QList<CodingValue> codings(JsonReader cc);
std::optional<CodingValue> codingIn(JsonReader cc, const QString &system);
QUuid readClientId(JsonReader &resource);
void readServerState(JsonReader &resource, QString *serverId, QString *serverVersion,
                     std::optional<qint64> *lastUpdatedMs = nullptr);
void readRecordState(JsonReader &resource, RecordMeta *meta);
// `<key>.reference`, empty when absent.
QString readReference(JsonReader &parent, const QString &key);
QString readPractitionerIdentifier(JsonReader reference);
// The first extension of `parent` with this url.
std::optional<JsonReader> findExtension(JsonReader &parent, const QString &url);
// The text of the first Annotation under `key`.
QString firstNoteText(JsonReader &parent, const QString &key);
// A Quantity's value, refusing a unit other than `ucum` (no silent conversions of clinical values).
std::optional<double> quantityValue(JsonReader &parent, const QString &key, const QString &ucum, Need need);
// A Quantity's value and its UCUM code (or unit text when the code is absent).
std::optional<double> quantityWithUnit(JsonReader &parent, const QString &key, QString *unit, Need need);

} // namespace chevet::fhir
