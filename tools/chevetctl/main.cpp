// chevetctl: drives the Chevet engine without a screen, for IT staff, scripts and tests.
#include "arguments.h"
#include "commands.h"
#include "output.h"
#include "process/processhardening.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace chevet::cli;

int main(int argc, char *argv[])
{
    // Before any key or PIN is in memory (security review F10).
    chevet::hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chevet"));
    // JSON is the output; engine chatter only when asked for (QT_LOGGING_RULES="chevet.*=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("chevet.*.info=false"));
    QString error;
    const std::optional<Arguments> args = Arguments::parse(app.arguments().mid(1), &error);
    if (!args)
        return usageError(error);
    const QString command = args->words().join(QLatin1Char(' '));
    if (command.isEmpty() || command == QLatin1String("help") || args->flag(QStringLiteral("help")))
        return printHelp();
    if (command == QLatin1String("news2"))
        return runNews2(*args);
    if (command == QLatin1String("init"))
        return runInit(*args);
    if (command == QLatin1String("status"))
        return runStatus(*args);
    if (command == QLatin1String("patients"))
        return runPatients(*args);
    if (command == QLatin1String("patient add"))
        return runPatientAdd(*args);
    if (command == QLatin1String("record vitals"))
        return runRecordVitals(*args);
    if (command == QLatin1String("record note"))
        return runRecordNote(*args);
    if (command == QLatin1String("alerts"))
        return runAlerts(*args);
    if (args->words().value(0) == QLatin1String("ack"))
        return runAck(*args);
    if (args->words().value(0) == QLatin1String("resolve"))
        return runResolve(*args);
    if (command == QLatin1String("conflicts"))
        return runConflicts(*args);
    if (args->words().value(0) == QLatin1String("retry"))
        return runRetry(*args);
    if (command == QLatin1String("sync"))
        return runSync(*args);
    if (command == QLatin1String("signin"))
        return runSignIn(*args);
    if (command == QLatin1String("signout"))
        return runSignOut(*args);
    if (command == QLatin1String("record administration"))
        return runRecordAdministration(*args);
    if (command == QLatin1String("administration-times"))
        return runAdministrationTimes(*args);
    if (command == QLatin1String("task done"))
        return runTaskDone(*args);
    if (command == QLatin1String("nurse list"))
        return runNurseList(*args);
    if (args->words().value(0) == QLatin1String("nurse") && args->words().value(1) == QLatin1String("add"))
        return runNurseAdd(*args);
    if (args->words().value(0) == QLatin1String("nurse") && args->words().value(1) == QLatin1String("remove"))
        return runNurseRemove(*args);
    if (command == QLatin1String("key replace"))
        return runKeyReplace(*args);
    if (command == QLatin1String("purge"))
        return runPurge(*args);
    if (command == QLatin1String("erase-device"))
        return runEraseDevice(*args);
    if (command == QLatin1String("list"))
        return runList(*args);
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}
