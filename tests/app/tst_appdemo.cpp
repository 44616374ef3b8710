// The README's main job as a test: the stand-in DPI with its demo ward, the real app enrolling a
// nurse, syncing the ward and showing the worklist; then the DPI stopped and the app opened again,
// offline, on the same worklist from its sealed store.
#include "standindpi.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestAppDemo : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Runs the app until its worklist is usable; returns the number of patients it shows.
    int runApp(const QString &dpi)
    {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("CHEVET_DEMO_NURSE"), QStringLiteral("ide.demo"));
        env.insert(QStringLiteral("CHEVET_DEMO_PIN"), QStringLiteral("246813"));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(CHEVET_APP_PATH),
                  {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("tablet")),
                   QStringLiteral("--dpi"), dpi, QStringLiteral("--unit"), QStringLiteral("unit-cardio"),
                   QStringLiteral("--establishment"), QStringLiteral("urn:oid:2.999.250.1"),
                   QStringLiteral("--exit-when-ready")});
        if (!app.waitForFinished(90000) || app.exitCode() != 0)
            return -1;
        const QList<QByteArray> words = app.readAllStandardOutput().trimmed().split('\n').last().split(' ');
        return words.size() == 6 ? words.at(5).toInt() : -1;
    }

private Q_SLOTS:
    void wardSyncedThenOffline()
    {
        StandInDpi dpi;
        QVERIFY2(dpi.start(m_dir.filePath(QStringLiteral("dpi.sqlite")),
                           {QStringLiteral("--seed"), QStringLiteral("demo")}),
                 qPrintable(dpi.problem()));
        const QString base = dpi.base();

        QCOMPARE(runApp(base), 24); // the cardiology ward of the demo seed, pulled by the app

        dpi.stop();
        QCOMPARE(runApp(base), 24); // no DPI: the same worklist, from the tablet
    }
};

QTEST_GUILESS_MAIN(TestAppDemo)
#include "tst_appdemo.moc"
