#include "processhardening.h"

#include <sys/resource.h>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace chevet {

ProcessHardening processHardening()
{
    ProcessHardening now;
    rlimit core{};
    now.coreDumpsOff = getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0 && core.rlim_max == 0;
#if defined(__linux__)
    now.notDumpable = prctl(PR_GET_DUMPABLE) == 0;
#endif
    return now;
}

ProcessHardening hardenProcess()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
#if defined(__linux__)
    prctl(PR_SET_DUMPABLE, 0);
#endif
    return processHardening();
}

} // namespace chevet
