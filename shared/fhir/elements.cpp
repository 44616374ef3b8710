#include "elements.h"

#include "fhirtypes.h"

namespace chevet::fhir {

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonObject coding(const QString &system, const QString &code, const QString &display)
{
    QJsonObject c{{QLatin1String("system"), system}, {QLatin1String("code"), code}};
    putIfSet(c, QStringLiteral("display"), display);
    return c;
}

QJsonObject codeableConcept(const QJsonArray &codings, const QString &text)
{
    QJsonObject c{{QLatin1String("coding"), codings}};
    putIfSet(c, QStringLiteral("text"), text);
    return c;
}

QJsonObject textConcept(const QString &text)
{
    return QJsonObject{{QLatin1String("text"), text}};
}

QJsonObject quantity(double value, const QString &ucum)
{
    return QJsonObject{{QLatin1String("value"), value},
                       {QLatin1String("unit"), ucum},
                       {QLatin1String("system"), str(kUcumSystem)},
                       {QLatin1String("code"), ucum}};
}

QJsonObject reference(const QString &ref)
{
    return QJsonObject{{QLatin1String("reference"), ref}};
}

QJsonObject practitionerByIdentifier(const QString &value)
{
    return QJsonObject{{QLatin1String("type"), QStringLiteral("Practitioner")},
                       {QLatin1String("identifier"), QJsonObject{{QLatin1String("value"), value}}}};
}

QJsonObject clientIdentifier(const QUuid &id)
{
    return QJsonObject{{QLatin1String("system"), str(kClientIdSystem)},
                       {QLatin1String("value"), clientIdValue(id)}};
}

QJsonObject extension(const QString &url, const QString &valueKey, const QJsonValue &value)
{
    return QJsonObject{{QLatin1String("url"), url}, {valueKey, value}};
}

void putIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void putServerState(QJsonObject &resource, const QString &serverId, const QString &serverVersion,
                    std::optional<qint64> lastUpdatedMs)
{
    putIfSet(resource, QStringLiteral("id"), serverId);
    if (serverVersion.isEmpty())
        return;
    QJsonObject meta{{QLatin1String("versionId"), serverVersion}};
    if (lastUpdatedMs)
        meta.insert(QLatin1String("lastUpdated"), formatDateTime(*lastUpdatedMs));
    resource.insert(QLatin1String("meta"), meta);
}

void putRecordState(QJsonObject &resource, const RecordMeta &meta)
{
    putServerState(resource, meta.serverId, meta.serverVersion, meta.serverTimeMs);
    resource.insert(QLatin1String("identifier"), QJsonArray{clientIdentifier(meta.id)});
}

QList<CodingValue> codings(JsonReader cc)
{
    QList<CodingValue> result;
    for (JsonReader c : cc.objects(QStringLiteral("coding")))
        result.append({c.string(QStringLiteral("system")), c.string(QStringLiteral("code")),
                       c.string(QStringLiteral("display"))});
    return result;
}

std::optional<CodingValue> codingIn(JsonReader cc, const QString &system)
{
    for (const CodingValue &c : codings(cc)) {
        if (c.system == system && !c.code.isEmpty())
            return c;
    }
    return std::nullopt;
}

QUuid readClientId(JsonReader &resource)
{
    for (JsonReader id : resource.objects(QStringLiteral("identifier"))) {
        const QString system = id.string(QStringLiteral("system"));
        const QString value = id.string(QStringLiteral("value"));
        // Other urn:ietf:rfc:3986 identifiers (OIDs, URLs) are someone else's: skip rather than refuse.
        if (system == QLatin1String(kClientIdSystem) && value.startsWith(QLatin1String("urn:uuid:"))) {
            const QUuid uuid = QUuid::fromString(QStringView(value).mid(9));
            if (!uuid.isNull())
                return uuid;
        }
    }
    return {};
}

void readServerState(JsonReader &resource, QString *serverId, QString *serverVersion,
                     std::optional<qint64> *lastUpdatedMs)
{
    *serverId = resource.string(QStringLiteral("id"));
    JsonReader meta = resource.object(QStringLiteral("meta"));
    *serverVersion = meta.string(QStringLiteral("versionId"));
    const std::optional<qint64> updated = meta.dateTime(QStringLiteral("lastUpdated"));
    if (lastUpdatedMs)
        *lastUpdatedMs = updated;
}

void readRecordState(JsonReader &resource, RecordMeta *meta)
{
    meta->id = readClientId(resource);
    readServerState(resource, &meta->serverId, &meta->serverVersion, &meta->serverTimeMs);
}

QString readReference(JsonReader &parent, const QString &key)
{
    return parent.object(key).string(QStringLiteral("reference"));
}

QString readPractitionerIdentifier(JsonReader reference)
{
    return reference.object(QStringLiteral("identifier")).string(QStringLiteral("value"));
}

std::optional<JsonReader> findExtension(JsonReader &parent, const QString &url)
{
    for (JsonReader ext : parent.objects(QStringLiteral("extension"))) {
        if (ext.string(QStringLiteral("url"), Need::Required) == url)
            return ext;
    }
    return std::nullopt;
}

QString firstNoteText(JsonReader &parent, const QString &key)
{
    const QList<JsonReader> notes = parent.objects(key);
    if (notes.isEmpty())
        return {};
    JsonReader note = notes.first();
    return note.string(QStringLiteral("text"), Need::Required);
}

std::optional<double> quantityValue(JsonReader &parent, const QString &key, const QString &ucum, Need need)
{
    QString unit;
    const std::optional<double> value = quantityWithUnit(parent, key, &unit, need);
    if (value && unit != ucum)
        parent.fail(parent.pathOf(key) + QStringLiteral(".code"),
                    QStringLiteral("expected UCUM unit \"%1\", got \"%2\"").arg(ucum, unit.left(20)));
    return value;
}

std::optional<double> quantityWithUnit(JsonReader &parent, const QString &key, QString *unit, Need need)
{
    if (!parent.has(key)) {
        if (need == Need::Required)
            parent.failAt(key, QStringLiteral("required element missing"));
        return std::nullopt;
    }
    JsonReader q = parent.object(key);
    const std::optional<double> value = q.number(QStringLiteral("value"), Need::Required);
    const QString system = q.string(QStringLiteral("system"));
    const QString code = q.string(QStringLiteral("code"));
    if (!code.isEmpty() && !system.isEmpty() && system != QLatin1String(kUcumSystem))
        q.failAt(QStringLiteral("system"), QStringLiteral("expected UCUM (%1)").arg(str(kUcumSystem)));
    *unit = code.isEmpty() ? q.string(QStringLiteral("unit")) : code;
    if (value && unit->isEmpty())
        q.failAt(QStringLiteral("code"), QStringLiteral("required element missing (no unit)"));
    return value;
}

} // namespace chevet::fhir
