#pragma once

#include "core/buildmode.h"

namespace chevet {

// Where a Linux desktop keeps the device secret (security review F4): the Secret Service, or a file
// beside the data that anyone who copies the data folder as the same user also copies. The file is for
// development builds only; a production build without the Secret Service refuses to make or read a
// secret rather than keep it in clear.
enum class KeyStoreChoice { SecretService, File, Refused };

struct KeyStoreSituation
{
    bool keyFileExists = false;          // a key file made before in this data folder
    bool secretServiceRecorded = false;  // this data folder's secret is in the Secret Service
    bool secretServiceAvailable = false; // the Secret Service answers now
};

KeyStoreChoice chooseKeyStore(BuildMode mode, const KeyStoreSituation &situation);

} // namespace chevet
