#pragma once

namespace chevet {

// What keeps the app's windows out of screenshots, screen recordings and the OS app switcher
// (security review F9).
enum class ScreenProtection {
    // Android: FLAG_SECURE on the activity's window (no screenshots, recordings, casting or recents
    // thumbnail) and, from API 33, no recents screenshot at all.
    SecureWindow,
    // iOS: an opaque view over the window from "will resign active" and while the screen is captured.
    CoverWhenInactive,
    // Desktops: nothing the OS offers; the app's own cover (Session::screenCovered) hides the window
    // when it loses focus, and screenshots taken while it is in front are not prevented.
    AppCoverOnly,
};

// Applies the platform's protection; call once, after the first window is shown.
ScreenProtection protectScreenContent();

const char *screenProtectionName(ScreenProtection protection);

} // namespace chevet
