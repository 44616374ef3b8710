#include "pagetour.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QThread>

#include <cstdio>
#include <sys/resource.h>

PageTour::PageTour(QQmlApplicationEngine &engine, QString screenshotDir, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_screenshotDir(std::move(screenshotDir))
{
    connect(&engine, &QQmlApplicationEngine::warnings, this, [this](const QList<QQmlError> &errors) {
        m_warnings += int(errors.size());
        for (const QQmlError &e : errors)
            std::fprintf(stderr, "page tour: QML warning: %s\n", qPrintable(e.toString()));
    });
}

QStringList PageTour::pages()
{
    return {QStringLiteral("worklist"),
            QStringLiteral("chart"),
            QStringLiteral("escalation"),
            QStringLiteral("vitals"),
            QStringLiteral("note"),
            QStringLiteral("medication"),
            QStringLiteral("medication-as-needed"),
            QStringLiteral("sync"),
            QStringLiteral("conflict"),
            QStringLiteral("unit"),
            QStringLiteral("unlock"),
            QStringLiteral("setup")};
}

namespace {

// Visible texts of an item tree that are elided, or that run past the window's right or bottom edge.
void measureTexts(QQuickItem *item, QQuickWindow *window, PageTour::TextFit *fit)
{
    if (!item || !item->isVisible() || item->opacity() <= 0)
        return;
    const QVariant truncated = item->property("truncated");
    if (truncated.isValid() && item->property("text").isValid()) {
        const QString text = item->property("text").toString();
        const QRectF onScreen = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        if (!text.isEmpty() && truncated.toBool()) {
            ++fit->truncated;
            fit->examples.append(text);
        } else if (!text.isEmpty() && (onScreen.right() > window->width() + 1 || onScreen.left() < -1)) {
            ++fit->overflowing;
            fit->examples.append(text);
        }
    }
    for (QQuickItem *child : item->childItems())
        measureTexts(child, window, fit);
}

bool focusIsIn(QQuickWindow *window, const char *objectName)
{
    const QObject *target = window->findChild<QObject *>(QLatin1String(objectName));
    for (const QQuickItem *item = window->activeFocusItem(); item && target; item = item->parentItem()) {
        if (item == target)
            return true;
    }
    return false;
}

} // namespace

PageTour::TextFit PageTour::measureCurrentPage(QQuickWindow *window) const
{
    TextFit fit;
    QObject *stack = window ? window->findChild<QObject *>(QStringLiteral("pageStack")) : nullptr;
    QQuickItem *page = stack ? stack->property("currentItem").value<QQuickItem *>() : nullptr;
    if (!page) // the worklist is the stack's initial item or the window's content
        page = window ? window->contentItem() : nullptr;
    measureTexts(page, window, &fit);
    return fit;
}

void PageTour::settle(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

bool PageTour::waitFor(const char *function, int timeoutMs)
{
    QObject *root = m_engine.rootObjects().value(0);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QVariant ready;
        if (!QMetaObject::invokeMethod(root, function, Q_RETURN_ARG(QVariant, ready))) {
            std::fprintf(stderr, "page tour: Main.qml has no %s()\n", function);
            return false;
        }
        if (ready.toBool())
            return true;
        settle(50);
    }
    return false;
}

int PageTour::reportWhenReady(qint64 startedMs)
{
    if (m_engine.rootObjects().isEmpty() || !waitFor("firstPageReady", 60000))
        return 1;
    const qint64 readyMs = QDateTime::currentMSecsSinceEpoch() - startedMs;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    QVariant patients;
    QMetaObject::invokeMethod(m_engine.rootObjects().first(), "patientCount",
                              Q_RETURN_ARG(QVariant, patients));
    std::printf("ready-ms %lld peak-rss-kb %ld patients %d\n", static_cast<long long>(readyMs),
                usage.ru_maxrss, patients.toInt());
    std::fflush(stdout);
    return 0;
}

int PageTour::run()
{
    if (m_engine.rootObjects().isEmpty())
        return 1;
    QObject *root = m_engine.rootObjects().first();
    auto *window = qobject_cast<QQuickWindow *>(root);
    if (!waitFor("firstPageReady", 30000)) {
        std::fprintf(stderr, "page tour: the worklist never became ready\n");
        return 1;
    }
    if (!m_screenshotDir.isEmpty())
        QDir().mkpath(m_screenshotDir);
    int failures = 0;
    for (const QString &page : pages()) {
        QVariant shown;
        QMetaObject::invokeMethod(root, "showPage", Q_RETURN_ARG(QVariant, shown), Q_ARG(QVariant, page));
        settle(700); // the store thread answers, the page lays out and paints
        if (!shown.toBool()) {
            std::fprintf(stderr, "page tour: page %s could not be shown\n", qPrintable(page));
            ++failures;
            continue;
        }
        if (!m_screenshotDir.isEmpty() && window) {
            const QString file = m_screenshotDir + u'/' + page + QStringLiteral(".png");
            const QImage image = window->grabWindow();
            if (image.isNull() || !image.save(file)) {
                std::fprintf(stderr, "page tour: could not save %s\n", qPrintable(file));
                ++failures;
            }
        }
        // A wedge scan on arrival must land in the scan field (the nurse's review, 1c).
        if (page == QLatin1String("worklist") && window && !focusIsIn(window, "worklistScan")) {
            std::fprintf(stderr, "page tour: the worklist's scan field does not have the focus\n");
            ++failures;
        }
        const TextFit fit = measureCurrentPage(window);
        std::printf("page tour: %s shown, %d truncated, %d overflowing\n", qPrintable(page), fit.truncated,
                    fit.overflowing);
        for (const QString &text : fit.examples)
            std::fprintf(stderr, "page tour: %s: does not fit: %s\n", qPrintable(page),
                         qPrintable(text.left(80)));
        std::fflush(stdout);
    }
    std::printf("page tour: %d page(s), %d failure(s), %d QML warning(s)\n", int(pages().size()), failures,
                m_warnings);
    return failures == 0 && m_warnings == 0 ? 0 : 1;
}
