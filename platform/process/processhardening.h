#pragma once

namespace chevet {

// What a crash or another program of the same user could read of the process's memory (keys, PINs,
// patient data in buffers): security review F10. Called first thing by the app and chevetctl.
struct ProcessHardening
{
    bool coreDumpsOff = false; // RLIMIT_CORE is 0: a crash leaves no memory image on disk
    bool notDumpable = false;  // Linux: no core dump, no ptrace attach, /proc/<pid>/mem closed to the user
};

// Turns core dumps off and makes the process non-dumpable where the platform allows; says what holds.
ProcessHardening hardenProcess();
// What holds now, without changing anything.
ProcessHardening processHardening();

} // namespace chevet
