// Runs `chevet --screenshot DIR` under a virtual X server (Mesa, as on a desktop), in landscape
// (1280x800) and portrait (800x1280), and checks that every main page was rendered to a PNG of the
// window's size with real content, not a blank frame; and that on the medication round (a due dose,
// an as-needed order) no text is elided or runs off the window (issue "real DPIs (2)", item 5). The
// tour prints what does not fit on every page.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMainPageIsRendered_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("landscape") << QSize(1280, 800);
        QTest::newRow("portrait") << QSize(800, 1280);
    }
    void everyMainPageIsRendered()
    {
        QFETCH(QSize, size);
        const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        QVERIFY2(!xvfbRun.isEmpty(), "xvfb-run is needed (Debian package xvfb)");
        QTemporaryDir dir;
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // a real X window, not the offscreen renderer
        app.setProcessEnvironment(env);
        const QString wxh = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        app.start(xvfbRun, {QStringLiteral("-a"), QStringLiteral("-s"),
                            QStringLiteral("-screen 0 %1x24").arg(wxh), QStringLiteral(CHEVET_APP_PATH),
                            QStringLiteral("--size"), wxh, QStringLiteral("--screenshot"), dir.path()});
        QVERIFY(app.waitForFinished(180000));
        const QString tour = QString::fromUtf8(app.readAllStandardOutput());
        QCOMPARE(app.exitCode(), 0);

        for (const char *page : {"worklist", "chart", "escalation", "vitals", "note", "medication",
                                 "medication-as-needed", "sync", "conflict"}) {
            const QString file = dir.filePath(QLatin1String(page) + QStringLiteral(".png"));
            QVERIFY2(QFile::exists(file), qPrintable(file));
            const QImage image(file);
            QVERIFY2(!image.isNull(), page);
            QCOMPARE(image.size(), size);
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
        // The round fits: nothing elided, nothing past the window's edge, in French.
        for (const char *page : {"medication", "medication-as-needed"}) {
            const QRegularExpression line(
                QStringLiteral("page tour: %1 shown, (\\d+) truncated, (\\d+) overflowing")
                    .arg(QLatin1String(page)));
            const QRegularExpressionMatch m = line.match(tour);
            QVERIFY2(m.hasMatch(), qPrintable(tour));
            QCOMPARE(m.captured(1).toInt(), 0);
            QCOMPARE(m.captured(2).toInt(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
