#include "route.h"

#include <QRegularExpression>

#include <array>

namespace chevet {

namespace {

struct RouteEntry
{
    RouteKind kind;
    const char *key;
    const char *snomed;
    const char *display;
    // Words and abbreviations that name it (lower case, without accents), matched as whole words.
    const char *words;
};

constexpr std::array<RouteEntry, 13> kRoutes = {{
    {RouteKind::Oral, "oral", "26643006", "Oral route", "oral|orale|po|per os|per-os"},
    {RouteKind::Intravenous, "iv", "47625008", "Intravenous route",
     "iv|ivd|ivl|ivse|intravenous|intraveineuse|intraveineux|intra-veineuse|intra-veineux|endoveineuse"},
    {RouteKind::Subcutaneous, "sc", "34206005", "Subcutaneous route",
     "sc|subcutaneous|sous-cutanee|sous cutanee|souscutanee|s/c"},
    {RouteKind::Intramuscular, "im", "78421000", "Intramuscular route",
     "im|intramuscular|intramusculaire|intra-musculaire"},
    {RouteKind::Topical, "topical", "6064005", "Topical route", "topical|cutanee|cutane|topique"},
    {RouteKind::Transdermal, "transdermal", "45890007", "Transdermal route",
     "transdermal|transdermique|patch"},
    {RouteKind::Inhalation, "inhalation", "447694001", "Respiratory tract route",
     "inhalation|inhale|inhalee|inhaled|nebulisation|nebulization"},
    {RouteKind::Nasal, "nasal", "46713006", "Nasal route", "nasal|nasale|intranasal|intranasale"},
    {RouteKind::Ophthalmic, "ophthalmic", "54485002", "Ophthalmic route",
     "ophthalmic|ophtalmique|oculaire|collyre"},
    {RouteKind::Rectal, "rectal", "37161004", "Rectal route", "rectal|rectale|intrarectal|intrarectale"},
    {RouteKind::Sublingual, "sublingual", "37839007", "Sublingual route", "sublingual|sublinguale|sl"},
    {RouteKind::Buccal, "buccal", "54471007", "Buccal route", "buccal|buccale|jugal|jugale"},
    {RouteKind::Vaginal, "vaginal", "16857009", "Vaginal route",
     "vaginal|vaginale|intravaginal|intravaginale"},
}};

QString folded(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D))
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c.toLower());
    return out.simplified();
}

const RouteEntry *entryOf(RouteKind kind)
{
    for (const RouteEntry &e : kRoutes)
        if (e.kind == kind)
            return &e;
    return nullptr;
}

} // namespace

RouteKind routeKindOf(const QString &routeTextOrCode)
{
    const QString text = folded(routeTextOrCode);
    if (text.isEmpty())
        return RouteKind::Unknown;
    for (const RouteEntry &e : kRoutes)
        if (text == QLatin1String(e.snomed) || text == QLatin1String(e.key) ||
            text == folded(QLatin1String(e.display)))
            return e.kind;
    // The words that name a route: "voie intraveineuse lente", "IVD en 2 min", "per os". Words of two
    // kinds make no single route (a guess would let the wrong route pass).
    const QStringList tokens =
        text.split(QRegularExpression(QStringLiteral("[\\s,;()]+")), Qt::SkipEmptyParts);
    RouteKind found = RouteKind::Unknown;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString one = tokens.at(i);
        const QString two = i + 1 < tokens.size() ? one + QLatin1Char(' ') + tokens.at(i + 1) : QString();
        for (const RouteEntry &e : kRoutes) {
            const QStringList words = QString::fromLatin1(e.words).split(QLatin1Char('|'));
            if (!words.contains(one) && (two.isEmpty() || !words.contains(two)))
                continue;
            if (found != RouteKind::Unknown && found != e.kind)
                return RouteKind::Unknown;
            found = e.kind;
        }
    }
    return found;
}

QString routeKey(RouteKind kind)
{
    const RouteEntry *e = entryOf(kind);
    return e ? QString::fromLatin1(e->key) : QString();
}

QString routeSnomedCode(RouteKind kind)
{
    const RouteEntry *e = entryOf(kind);
    return e ? QString::fromLatin1(e->snomed) : QString();
}

QString routeSnomedDisplay(RouteKind kind)
{
    const RouteEntry *e = entryOf(kind);
    return e ? QString::fromLatin1(e->display) : QString();
}

QList<RouteKind> allRouteKinds()
{
    QList<RouteKind> out;
    for (const RouteEntry &e : kRoutes)
        out.append(e.kind);
    return out;
}

bool sameRoute(const QString &a, const QString &b)
{
    const RouteKind ka = routeKindOf(a);
    const RouteKind kb = routeKindOf(b);
    if (ka != RouteKind::Unknown && kb != RouteKind::Unknown)
        return ka == kb;
    return folded(a) == folded(b);
}

} // namespace chevet
