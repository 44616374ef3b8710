#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QQmlApplicationEngine;
class QQuickWindow;

// Walks the running app through every main page with real (training) data: the self-test fails on a
// page that cannot be shown or any QML warning; the screenshot mode saves each page as a PNG.
class PageTour : public QObject
{
    Q_OBJECT

public:
    PageTour(QQmlApplicationEngine &engine, QString screenshotDir, QObject *parent = nullptr);

    // worklist, chart, vitals, note, medication (on a due dose and on an as-needed order), sync,
    // conflict, unit, unlock, setup
    static QStringList pages();

    // What does not fit on the page shown: elided texts, texts past the window's edge.
    struct TextFit
    {
        int truncated = 0;
        int overflowing = 0;
        QStringList examples;
    };

    // Runs the tour in the event loop; returns the process exit code.
    int run();
    // Waits for a usable worklist, prints the time since `startedMs` (process clock) and the peak
    // memory, and returns 0; 1 if it never came.
    int reportWhenReady(qint64 startedMs);

private:
    TextFit measureCurrentPage(QQuickWindow *window) const;
    bool waitFor(const char *function, int timeoutMs);
    void settle(int ms);

    QQmlApplicationEngine &m_engine;
    QString m_screenshotDir;
    int m_warnings = 0;
};
