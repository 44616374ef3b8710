#pragma once

#include "core/buildmode.h"

namespace chevet {

// Whether enrolling a nurse on this tablet also stands for her first full sign-in, starting her offline
// PIN window. Never in a build for the wards: a colleague's session (or a passer-by at an unlocked
// tablet) must not make a nurse who can then act under another's name (security review F3); the new
// nurse's first unlock waits for her own sign-in with the identity provider. A development build with
// no identity provider to sign in with (the demo ward) counts it, or its nurses could never open.
inline bool enrolmentCountsAsSignIn(BuildMode mode, bool identityProviderConfigured)
{
    return mode == BuildMode::Development && !identityProviderConfigured;
}

} // namespace chevet
