#pragma once

#include <QList>
#include <QString>

namespace chevet {

// Routes of administration, whatever form the DPI writes them in: a SNOMED CT code, an English
// display, a French label or a ward abbreviation ("IVD", "per os", "SC"). The five rights compare
// routes by kind, so "Intravenous route", "voie intraveineuse" and "IV" are the same route.
enum class RouteKind {
    Unknown, // a route this table does not know: compared as text
    Oral,
    Intravenous,
    Subcutaneous,
    Intramuscular,
    Topical,
    Transdermal,
    Inhalation,
    Nasal,
    Ophthalmic,
    Rectal,
    Sublingual,
    Buccal,
    Vaginal,
};

// Unknown when the words name no route, or routes of two kinds ("application vaginale" is vaginal;
// "voie orale ou rectale" is no single route).
RouteKind routeKindOf(const QString &routeTextOrCode);
// The short key the app records when the nurse picks a route ("oral", "iv", ...); empty for Unknown.
QString routeKey(RouteKind kind);
// SNOMED CT route of administration (< 284009009) and its English display.
QString routeSnomedCode(RouteKind kind);
QString routeSnomedDisplay(RouteKind kind);
// Every known kind, in the order a nurse picks from.
QList<RouteKind> allRouteKinds();
// Whether two routes are the same: same kind, or the same text when either kind is unknown.
bool sameRoute(const QString &a, const QString &b);

} // namespace chevet
