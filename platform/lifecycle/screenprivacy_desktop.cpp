#include "screenprivacy.h"

namespace chevet {

ScreenProtection protectScreenContent()
{
    return ScreenProtection::AppCoverOnly;
}

} // namespace chevet
