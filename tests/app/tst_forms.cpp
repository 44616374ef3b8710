// Qt Quick Test runner for the forms (tests/app/qml): a training ward is opened first so the forms
// work on a real store, on its own thread, as in the app.
#include "backend/appoptions.h"
#include "services/appservices.h"

#include <QDeadlineTimer>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        chevet::app::AppOptions options;
        options.dataDir = m_dir.path();
        options.language = QStringLiteral("fr");
        m_services = std::make_unique<AppServices>(options);
        m_services->registerForQml();
        m_services->session().startTraining();
        QDeadlineTimer deadline(30000);
        while (!m_services->session().unlocked() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
    void cleanupTestCase() { m_services.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppServices> m_services;
};

QUICK_TEST_MAIN_WITH_SETUP(forms, Setup)
#include "tst_forms.moc"
