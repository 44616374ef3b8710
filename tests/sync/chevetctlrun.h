#pragma once

// chevetctl as a real process for the sync suites: a store and device key in `folder`, the nurse and
// PIN given, and any more CHEVET_* variables; the JSON it prints read back.
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace chevet::test {

struct CtlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

inline CtlRun runChevetctl(const QString &folder, const QString &nurse, const QStringList &args,
                           const QHash<QString, QString> &extraEnv = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CHEVET_STORE"), folder + QStringLiteral("/tablet.chevet"));
    env.insert(QStringLiteral("CHEVET_DEVICE_KEY"), folder + QStringLiteral("/device.key"));
    env.insert(QStringLiteral("CHEVET_PIN"), QStringLiteral("246813"));
    env.insert(QStringLiteral("CHEVET_NURSE"), nurse);
    for (const QString &name : {QStringLiteral("CHEVET_TOKEN"), QStringLiteral("CHEVET_DPI_PINS"),
                                QStringLiteral("CHEVET_CA"), QStringLiteral("CHEVET_DPI")})
        env.remove(name);
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CHEVETCTL_PATH), args);
    if (!process.waitForFinished(60000))
        return {};
    return CtlRun{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace chevet::test
