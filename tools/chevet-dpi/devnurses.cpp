#include "devnurses.h"

namespace chevet::dpi {

namespace {

QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

const QList<DevNurse> &devNurses()
{
    static const QList<DevNurse> nurses{
        {QStringLiteral("ide-martin"), QStringLiteral("Claire Martin, IDE")},
        {QStringLiteral("ide-bernard"), QStringLiteral("Julien Bernard, IDE")},
        {QStringLiteral("ide-lefebvre"), QStringLiteral("Amandine Lefebvre, IDE")},
        {QStringLiteral("ide-nguyen"), QStringLiteral("Sophie Nguyen, IDE de nuit")},
    };
    return nurses;
}

const DevNurse *findDevNurse(const QString &id)
{
    for (const DevNurse &nurse : devNurses()) {
        if (nurse.id == id)
            return &nurse;
    }
    return nullptr;
}

QByteArray devSignInPage(const QList<std::pair<QString, QString>> &query, const QString &notice)
{
    // A plain GET form: the browser re-sends every parameter and adds login_hint. No script, no cookie.
    QString hidden;
    for (const auto &[name, value] : query) {
        if (name == QLatin1String("login_hint"))
            continue;
        hidden += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">\n")
                      .arg(escapeHtml(name), escapeHtml(value));
    }
    QString buttons;
    for (const DevNurse &nurse : devNurses()) {
        buttons +=
            QStringLiteral("<p><button name=\"login_hint\" value=\"%1\">%2</button> <code>%1</code></p>\n")
                .arg(escapeHtml(nurse.id), escapeHtml(nurse.name));
    }
    const QString page =
        QStringLiteral("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
                       "<title>chevet-dpi — connexion de développement</title></head><body>\n"
                       "<h1>Connexion (fournisseur d'identité de développement)</h1>\n"
                       "<p>Données synthétiques uniquement. Choisissez l'infirmier·ère :</p>\n%1"
                       "<form method=\"get\" action=\"/auth/authorize\">\n%2%3</form>\n</body></html>\n")
            .arg(notice.isEmpty() ? QString()
                                  : QStringLiteral("<p><strong>%1</strong></p>\n").arg(escapeHtml(notice)),
                 hidden, buttons);
    return page.toUtf8();
}

} // namespace chevet::dpi
