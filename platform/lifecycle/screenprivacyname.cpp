#include "screenprivacy.h"

namespace chevet {

const char *screenProtectionName(ScreenProtection protection)
{
    switch (protection) {
    case ScreenProtection::SecureWindow:
        return "secure window (FLAG_SECURE)";
    case ScreenProtection::CoverWhenInactive:
        return "cover when inactive or captured";
    case ScreenProtection::AppCoverOnly:
        return "the app's own cover when it loses focus";
    }
    return "unknown";
}

} // namespace chevet
