// Wires the engine and platform services, then loads the QML UI. Nothing else lives here.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTimer>

#include <cstdio>

namespace {

// Loads every page and fails on any QML warning: CTest runs this on each build.
int selfTest(QQmlApplicationEngine &engine)
{
    int warnings = 0;
    QObject::connect(&engine, &QQmlApplicationEngine::warnings, [&](const QList<QQmlError> &errors) {
        warnings += int(errors.size());
        for (const QQmlError &e : errors)
            std::fprintf(stderr, "self-test: %s\n", qPrintable(e.toString()));
    });
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Chevet/App/Main.qml")));
    if (engine.rootObjects().isEmpty() || warnings > 0)
        return 1;
    QTimer::singleShot(200, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    std::printf("self-test: %d page(s) loaded, %d warning(s)\n", int(engine.rootObjects().size()), warnings);
    return warnings == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chevet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHEVET_VERSION));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QQmlApplicationEngine engine;
    if (app.arguments().contains(QStringLiteral("--self-test")))
        return selfTest(engine);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Chevet/App/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    return QCoreApplication::exec();
}
