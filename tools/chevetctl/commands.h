#pragma once

#include "arguments.h"

namespace chevet::cli {

// Each returns the process exit code (see output.h).
int runNews2(const Arguments &args);
int runInit(const Arguments &args);
int runStatus(const Arguments &args);
int runPatientAdd(const Arguments &args);
int runPatients(const Arguments &args);
int runRecordVitals(const Arguments &args);
int runRecordNote(const Arguments &args);
int runList(const Arguments &args);
int runSync(const Arguments &args);
int runSignIn(const Arguments &args);
int runSignOut(const Arguments &args);
int runAlerts(const Arguments &args);
int runAck(const Arguments &args);
int runConflicts(const Arguments &args);
int runResolve(const Arguments &args);
int runRetry(const Arguments &args);
int runRecordAdministration(const Arguments &args);
int runTaskDone(const Arguments &args);
int runAdministrationTimes(const Arguments &args);
int runNurseAdd(const Arguments &args);
int runNurseList(const Arguments &args);
int runNurseRemove(const Arguments &args);
int runKeyReplace(const Arguments &args);
int runPurge(const Arguments &args);
int runEraseDevice(const Arguments &args);
int printHelp();

} // namespace chevet::cli
