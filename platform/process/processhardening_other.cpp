#include "processhardening.h"

namespace chevet {

// No core-dump or dump-protection control here: nothing is claimed.
ProcessHardening processHardening()
{
    return {};
}

ProcessHardening hardenProcess()
{
    return {};
}

} // namespace chevet
