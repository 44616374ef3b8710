#pragma once

#include <QList>
#include <QString>

namespace chevet::dpi {

// The synthetic nurses the development identity provider can sign in. Invented names only.
struct DevNurse
{
    QString id; // the token's `sub`
    QString name;
};

const QList<DevNurse> &devNurses();
const DevNurse *findDevNurse(const QString &id);

// The sign-in page listing the nurses: one button each, re-sending the authorization request with
// `login_hint` set. `query` is the request's own (already checked) parameters.
QByteArray devSignInPage(const QList<std::pair<QString, QString>> &query, const QString &notice);

} // namespace chevet::dpi
