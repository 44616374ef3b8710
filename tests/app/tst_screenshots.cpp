// Runs `chevet --screenshot DIR` under a virtual X server (Mesa, as on a desktop) and checks that
// every main page was rendered to a PNG of the window's size with real content, not a blank frame.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMainPageIsRendered()
    {
        const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        QVERIFY2(!xvfbRun.isEmpty(), "xvfb-run is needed (Debian package xvfb)");
        QTemporaryDir dir;
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // a real X window, not the offscreen renderer
        app.setProcessEnvironment(env);
        app.start(xvfbRun,
                  {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1280x800x24"),
                   QStringLiteral(CHEVET_APP_PATH), QStringLiteral("--screenshot"), dir.path()});
        QVERIFY(app.waitForFinished(180000));
        QCOMPARE(app.exitCode(), 0);

        for (const char *page : {"worklist", "chart", "vitals", "note", "medication", "sync", "conflict"}) {
            const QString file = dir.filePath(QLatin1String(page) + QStringLiteral(".png"));
            QVERIFY2(QFile::exists(file), qPrintable(file));
            const QImage image(file);
            QVERIFY2(!image.isNull(), page);
            QVERIFY(image.width() >= 1024 && image.height() >= 600);
            // Blank or single-colour frames have a handful of colours; a page with text, badges and
            // charts has hundreds (anti-aliased text alone gives many).
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 3) {
                for (int x = 0; x < image.width(); x += 3)
                    colours.insert(image.pixel(x, y));
            }
            QVERIFY2(
                colours.size() > 50,
                qPrintable(QStringLiteral("%1: %2 colours").arg(QLatin1String(page)).arg(colours.size())));
        }
    }
};

QTEST_GUILESS_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
