// Wires the engine, platform services and the QML UI; the adaptors live in qml/.
#include "backend/appoptions.h"
#include "core/logging.h"
#include "lifecycle/screenprivacy.h"
#include "pagetour.h"
#include "process/processhardening.h"
#include "services/appservices.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    // Before any key, PIN or patient is in memory (security review F10).
    chevet::hardenProcess();
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("chevet"));
    QCoreApplication::setApplicationName(QStringLiteral("chevet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHEVET_VERSION));

    chevet::app::AppOptions options;
    if (const QString problem = chevet::app::parseAppOptions(app.arguments(), options); !problem.isEmpty()) {
        std::fprintf(stderr, "chevet: %s\n%s", qPrintable(problem), qPrintable(chevet::app::appUsage()));
        return 2;
    }
    // The tour runs on a throwaway training ward: it never touches a nurse's store.
    QTemporaryDir tourDir;
    const bool tour = options.selfTest || !options.screenshotDir.isEmpty();
    if (tour) {
        options.dataDir = tourDir.path();
        options.training = true;
        options.dpi.clear();
    }

    QLocale::setDefault(
        QLocale(options.language == QLatin1String("en") ? QStringLiteral("en_GB") : QStringLiteral("fr_FR")));
    // English is a translation; the French file holds only the plural forms of the French sources
    // ("1 dose à donner", "3 doses à donner" rather than "dose(s)").
    QTranslator translator;
    if (translator.load(QStringLiteral(":/i18n/chevet_%1.qm").arg(options.language)))
        QCoreApplication::installTranslator(&translator);
    QQuickStyle::setStyle(QStringLiteral("Material"));

    // Declared before the engine, so the QML goes first and the services lock the store last.
    AppServices services(options);
    SessionController &session = services.session();
    if (options.training)
        session.startTraining();
    else if (!options.demoNurse.isEmpty())
        session.phase() == SessionController::Setup
            ? session.enrol(options.demoNurse, QString::fromUtf8(options.demoPin),
                            QString::fromUtf8(options.demoPin))
            : session.unlock(options.demoNurse, QString::fromUtf8(options.demoPin));

    services.registerForQml();
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml")); // a default import path only from Qt 6.5
    PageTour pageTour(engine, options.screenshotDir);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Chevet/App/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    qCInfo(lcApp) << "screen protection:" << chevet::screenProtectionName(chevet::protectScreenContent());
    return tour                    ? pageTour.run()
           : options.exitWhenReady ? pageTour.reportWhenReady(startedMs)
                                   : QCoreApplication::exec();
}
