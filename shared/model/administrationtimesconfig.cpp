#include "administrationtimesconfig.h"

#include <QJsonArray>

namespace chevet {

namespace {

Error refused(const QString &field, const QString &message)
{
    Error e = makeError(ValidationError::BadAdministrationTimes, message);
    e.field = field;
    return e;
}

Result<QList<QTime>> timesFrom(const QJsonValue &value, const QString &field)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return refused(field, QStringLiteral("%1: expected a list of times (\"HH:mm\")").arg(field));
    QList<QTime> out;
    for (const QJsonValue &v : value.toArray()) {
        const QTime t = QTime::fromString(v.toString(), QStringLiteral("HH:mm"));
        if (!t.isValid())
            return refused(field,
                           QStringLiteral("%1: \"%2\" is not a time (HH:mm)").arg(field, v.toString()));
        out.append(t);
    }
    return out;
}

QJsonArray timesTo(const QList<QTime> &times)
{
    QJsonArray out;
    for (const QTime &t : times)
        out.append(t.toString(QStringLiteral("HH:mm")));
    return out;
}

} // namespace

Result<AdministrationTimes> administrationTimesFromJson(const QJsonObject &json)
{
    AdministrationTimes times = AdministrationTimes::frenchDefaults();
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = it.key();
        if (key != QLatin1String("zone") && key != QLatin1String("when") && key != QLatin1String("perDay") &&
            key != QLatin1String("intervalAnchor"))
            return refused(key, QStringLiteral("unknown entry \"%1\"").arg(key));
    }
    if (json.contains(QLatin1String("zone"))) {
        const QTimeZone zone(json.value(QLatin1String("zone")).toString().toUtf8());
        if (!zone.isValid())
            return refused(QStringLiteral("zone"), QStringLiteral("zone: unknown time zone"));
        times.zone = zone;
    }
    const QJsonObject when = json.value(QLatin1String("when")).toObject();
    for (auto it = when.begin(); it != when.end(); ++it) {
        if (!times.whenTimes.contains(it.key()))
            return refused(QStringLiteral("when"),
                           QStringLiteral("when: unknown EventTiming code \"%1\"").arg(it.key()));
        Result<QList<QTime>> at = timesFrom(it.value(), QStringLiteral("when.") + it.key());
        if (!at)
            return at.error();
        times.whenTimes.insert(it.key(), *at);
    }
    const QJsonObject perDay = json.value(QLatin1String("perDay")).toObject();
    for (auto it = perDay.begin(); it != perDay.end(); ++it) {
        bool ok = false;
        const int n = it.key().toInt(&ok);
        const QString field = QStringLiteral("perDay.") + it.key();
        if (!ok || n < 1 || n > 24)
            return refused(field, QStringLiteral("%1: a number of doses a day, 1 to 24").arg(field));
        Result<QList<QTime>> at = timesFrom(it.value(), field);
        if (!at)
            return at.error();
        if (at->size() != n)
            return refused(
                field, QStringLiteral("%1: %2 times for %3 doses a day").arg(field).arg(at->size()).arg(n));
        times.perDay.insert(n, *at);
    }
    if (json.contains(QLatin1String("intervalAnchor"))) {
        Result<QList<QTime>> anchor = timesFrom(QJsonArray{json.value(QLatin1String("intervalAnchor"))},
                                                QStringLiteral("intervalAnchor"));
        if (!anchor)
            return anchor.error();
        times.intervalAnchor = anchor->first();
    }
    return times;
}

QJsonObject administrationTimesToJson(const AdministrationTimes &times)
{
    QJsonObject when;
    for (auto it = times.whenTimes.cbegin(); it != times.whenTimes.cend(); ++it)
        when.insert(it.key(), timesTo(it.value()));
    QJsonObject perDay;
    for (auto it = times.perDay.cbegin(); it != times.perDay.cend(); ++it)
        perDay.insert(QString::number(it.key()), timesTo(it.value()));
    return QJsonObject{
        {QStringLiteral("zone"), QString::fromUtf8(times.zone.id())},
        {QStringLiteral("when"), when},
        {QStringLiteral("perDay"), perDay},
        {QStringLiteral("intervalAnchor"), times.intervalAnchor.toString(QStringLiteral("HH:mm"))}};
}

} // namespace chevet
