#pragma once

// chevet-dpi, the stand-in DPI, as a process of its own on 127.0.0.1 and a free port, its database at
// the path given. Every test and benchmark that needs it as a process starts it here (the target
// defines CHEVET_DPI_PATH).
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

class StandInDpi
{
public:
    // Forwarded: its warnings go to the test's own stderr. Kept: takeStandardError() reads them.
    enum class Stderr { Forwarded, Kept };

    StandInDpi() = default;
    ~StandInDpi() { stop(); }
    StandInDpi(const StandInDpi &) = delete;
    StandInDpi &operator=(const StandInDpi &) = delete;

    // Runs `chevet-dpi --listen 127.0.0.1:0 --db <db> [--quiet] <extra>` and waits for the line that
    // says where it listens (a --seed is made before it: up to a minute). False when it did not start
    // or did not say so; problem() then says why.
    bool start(const QString &db, const QStringList &extra = {}, Stderr stderrMode = Stderr::Forwarded,
               bool quiet = true)
    {
        stop();
        QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
                         db};
        if (quiet)
            args << QStringLiteral("--quiet");
        m_process.setProcessChannelMode(stderrMode == Stderr::Forwarded ? QProcess::ForwardedErrorChannel
                                                                        : QProcess::SeparateChannels);
        m_process.start(QStringLiteral(CHEVET_DPI_PATH), args + extra);
        if (!m_process.waitForStarted(10000)) {
            m_problem = QStringLiteral("chevet-dpi did not start: ") + m_process.errorString();
            return false;
        }
        m_firstLine = readLine(60000);
        const qsizetype at = m_firstLine.indexOf(QLatin1String("listening on "));
        if (at < 0) {
            m_problem = QStringLiteral("chevet-dpi did not say where it listens (\"%1\")").arg(m_firstLine);
            return false;
        }
        m_base = QUrl(m_firstLine.mid(at + 13).trimmed());
        return true;
    }

    QUrl baseUrl() const { return m_base; }
    QString base() const { return m_base.toString(); }
    QString url(const QString &path) const { return base() + QLatin1Char('/') + path; }
    quint16 port() const { return quint16(m_base.port()); }
    // What it said first: where it listens, or why it could not.
    QString firstLine() const { return m_firstLine; }
    QString problem() const { return m_problem; }

    QString readLine(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_process.canReadLine() && timer.elapsed() < timeoutMs) {
            if (!m_process.waitForReadyRead(int(timeoutMs - timer.elapsed())))
                break;
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }
    QByteArray takeStandardError() { return m_process.readAllStandardError(); }

    // Ends it as an operator would (SIGTERM), then for good if it does not go.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(10000);
    }

private:
    QProcess m_process;
    QUrl m_base;
    QString m_firstLine;
    QString m_problem;
};
