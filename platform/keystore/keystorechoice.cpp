#include "keystorechoice.h"

namespace chevet {

KeyStoreChoice chooseKeyStore(BuildMode mode, const KeyStoreSituation &situation)
{
    // A secret once in the Secret Service stays there: a new file secret could not unwrap the data key.
    if (situation.secretServiceRecorded)
        return KeyStoreChoice::SecretService;
    if (mode == BuildMode::Production)
        return situation.secretServiceAvailable && !situation.keyFileExists ? KeyStoreChoice::SecretService
                                                                            : KeyStoreChoice::Refused;
    if (situation.keyFileExists)
        return KeyStoreChoice::File;
    return situation.secretServiceAvailable ? KeyStoreChoice::SecretService : KeyStoreChoice::File;
}

} // namespace chevet
