#include "errorcode.h"

#include <QDebug>

namespace chevet {

QString domainName(ErrorDomain domain)
{
    switch (domain) {
    case ErrorDomain::Core:
        return QStringLiteral("core");
    case ErrorDomain::Store:
        return QStringLiteral("store");
    case ErrorDomain::Crypto:
        return QStringLiteral("crypto");
    case ErrorDomain::Validation:
        return QStringLiteral("validation");
    case ErrorDomain::Model:
        return QStringLiteral("model");
    case ErrorDomain::Fhir:
        return QStringLiteral("fhir");
    case ErrorDomain::Net:
        return QStringLiteral("net");
    case ErrorDomain::Sync:
        return QStringLiteral("sync");
    case ErrorDomain::Platform:
        return QStringLiteral("platform");
    }
    return QStringLiteral("unknown");
}

namespace {

QString nameOf(CoreError code)
{
    switch (code) {
    case CoreError::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

QString nameOf(StoreError code)
{
    switch (code) {
    case StoreError::AlertTampered:
        return QStringLiteral("alert-tampered");
    case StoreError::AuditBroken:
        return QStringLiteral("audit-broken");
    case StoreError::Corrupt:
        return QStringLiteral("corrupt");
    case StoreError::CorruptRecord:
        return QStringLiteral("corrupt-record");
    case StoreError::CreateFailed:
        return QStringLiteral("create-failed");
    case StoreError::Damaged:
        return QStringLiteral("damaged");
    case StoreError::DiskFull:
        return QStringLiteral("disk-full");
    case StoreError::DuplicateId:
        return QStringLiteral("duplicate-id");
    case StoreError::Erased:
        return QStringLiteral("erased");
    case StoreError::HeadMarkUnwritable:
        return QStringLiteral("head-mark-unwritable");
    case StoreError::KeyGrantInvalid:
        return QStringLiteral("key-grant-invalid");
    case StoreError::KeyReplaced:
        return QStringLiteral("key-replaced");
    case StoreError::LastNurse:
        return QStringLiteral("last-nurse");
    case StoreError::Locked:
        return QStringLiteral("locked");
    case StoreError::LockedOut:
        return QStringLiteral("locked-out");
    case StoreError::LookupTampered:
        return QStringLiteral("lookup-tampered");
    case StoreError::MigrationFailed:
        return QStringLiteral("migration-failed");
    case StoreError::MissingRecord:
        return QStringLiteral("missing-record");
    case StoreError::NewerSchema:
        return QStringLiteral("newer-schema");
    case StoreError::NoDeviceSecret:
        return QStringLiteral("no-device-secret");
    case StoreError::NoStore:
        return QStringLiteral("no-store");
    case StoreError::NotAStore:
        return QStringLiteral("not-a-store");
    case StoreError::NotFound:
        return QStringLiteral("not-found");
    case StoreError::NurseExists:
        return QStringLiteral("nurse-exists");
    case StoreError::OpenFailed:
        return QStringLiteral("open-failed");
    case StoreError::OutboxTampered:
        return QStringLiteral("outbox-tampered");
    case StoreError::SessionTampered:
        return QStringLiteral("session-tampered");
    case StoreError::SignInNeeded:
        return QStringLiteral("sign-in-needed");
    case StoreError::SlotOutdated:
        return QStringLiteral("slot-outdated");
    case StoreError::SqlExec:
        return QStringLiteral("sql-exec");
    case StoreError::SqlPrepare:
        return QStringLiteral("sql-prepare");
    case StoreError::SqlStep:
        return QStringLiteral("sql-step");
    case StoreError::StaleVersion:
        return QStringLiteral("stale-version");
    case StoreError::StoreBusy:
        return QStringLiteral("store-busy");
    case StoreError::StoreExists:
        return QStringLiteral("store-exists");
    case StoreError::TooSoon:
        return QStringLiteral("too-soon");
    case StoreError::UndeliveredData:
        return QStringLiteral("undelivered-data");
    case StoreError::UnknownNurse:
        return QStringLiteral("unknown-nurse");
    case StoreError::Unreadable:
        return QStringLiteral("unreadable");
    case StoreError::WeakPin:
        return QStringLiteral("weak-pin");
    }
    return QStringLiteral("unknown");
}

QString nameOf(CryptoError code)
{
    switch (code) {
    case CryptoError::AuthFailed:
        return QStringLiteral("auth-failed");
    case CryptoError::BadDeviceSecret:
        return QStringLiteral("bad-device-secret");
    case CryptoError::BadJws:
        return QStringLiteral("bad-jws");
    case CryptoError::BadKey:
        return QStringLiteral("bad-key");
    case CryptoError::BadLength:
        return QStringLiteral("bad-length");
    case CryptoError::BadNonce:
        return QStringLiteral("bad-nonce");
    case CryptoError::BadParams:
        return QStringLiteral("bad-params");
    case CryptoError::BadPin:
        return QStringLiteral("bad-pin");
    case CryptoError::BadSignature:
        return QStringLiteral("bad-signature");
    case CryptoError::CorruptKey:
        return QStringLiteral("corrupt-key");
    case CryptoError::DecryptFailed:
        return QStringLiteral("decrypt-failed");
    case CryptoError::DigestFailed:
        return QStringLiteral("digest-failed");
    case CryptoError::EncryptFailed:
        return QStringLiteral("encrypt-failed");
    case CryptoError::GrantFormat:
        return QStringLiteral("grant-format");
    case CryptoError::GrantKey:
        return QStringLiteral("grant-key");
    case CryptoError::KdfFailed:
        return QStringLiteral("kdf-failed");
    case CryptoError::KeygenFailed:
        return QStringLiteral("keygen-failed");
    case CryptoError::MacFailed:
        return QStringLiteral("mac-failed");
    case CryptoError::RandomFailed:
        return QStringLiteral("random-failed");
    case CryptoError::RecordUnreadable:
        return QStringLiteral("record-unreadable");
    case CryptoError::SealedFormat:
        return QStringLiteral("sealed-format");
    case CryptoError::SealedTruncated:
        return QStringLiteral("sealed-truncated");
    case CryptoError::SignFailed:
        return QStringLiteral("sign-failed");
    case CryptoError::TooLarge:
        return QStringLiteral("too-large");
    case CryptoError::Unavailable:
        return QStringLiteral("unavailable");
    case CryptoError::UnknownKey:
        return QStringLiteral("unknown-key");
    case CryptoError::UnsupportedAlg:
        return QStringLiteral("unsupported-alg");
    case CryptoError::WrongDevice:
        return QStringLiteral("wrong-device");
    case CryptoError::WrongPin:
        return QStringLiteral("wrong-pin");
    }
    return QStringLiteral("unknown");
}

QString nameOf(ValidationError code)
{
    switch (code) {
    case ValidationError::AlreadyDone:
        return QStringLiteral("already-done");
    case ValidationError::AlreadyGiven:
        return QStringLiteral("already-given");
    case ValidationError::BadAdministrationTimes:
        return QStringLiteral("bad-administration-times");
    case ValidationError::BadCa:
        return QStringLiteral("bad-ca");
    case ValidationError::BadMerge:
        return QStringLiteral("bad-merge");
    case ValidationError::BadNurseId:
        return QStringLiteral("bad-nurse-id");
    case ValidationError::BadPin:
        return QStringLiteral("bad-pin");
    case ValidationError::BadSystem:
        return QStringLiteral("bad-system");
    case ValidationError::BadUnit:
        return QStringLiteral("bad-unit");
    case ValidationError::BadValue:
        return QStringLiteral("bad-value");
    case ValidationError::Cancelled:
        return QStringLiteral("cancelled");
    case ValidationError::DocumentedNotGiven:
        return QStringLiteral("documented-not-given");
    case ValidationError::DuplicatePatient:
        return QStringLiteral("duplicate-patient");
    case ValidationError::EmptyEntry:
        return QStringLiteral("empty-entry");
    case ValidationError::EnteredInError:
        return QStringLiteral("entered-in-error");
    case ValidationError::IdentityNeedsVigilance:
        return QStringLiteral("identity-needs-vigilance");
    case ValidationError::IncompleteBp:
        return QStringLiteral("incomplete-bp");
    case ValidationError::MissingPatient:
        return QStringLiteral("missing-patient");
    case ValidationError::MissingValue:
        return QStringLiteral("missing-value");
    case ValidationError::NoRemote:
        return QStringLiteral("no-remote");
    case ValidationError::NotAnIdentityConflict:
        return QStringLiteral("not-an-identity-conflict");
    case ValidationError::NotFound:
        return QStringLiteral("not-found");
    case ValidationError::NotNew:
        return QStringLiteral("not-new");
    case ValidationError::NotToDo:
        return QStringLiteral("not-to-do");
    case ValidationError::OtherNurse:
        return QStringLiteral("other-nurse");
    case ValidationError::OutOfRange:
        return QStringLiteral("out-of-range");
    case ValidationError::SeveralCandidates:
        return QStringLiteral("several-candidates");
    case ValidationError::UnknownPrescription:
        return QStringLiteral("unknown-prescription");
    case ValidationError::UnknownSlot:
        return QStringLiteral("unknown-slot");
    case ValidationError::Usage:
        return QStringLiteral("usage");
    }
    return QStringLiteral("unknown");
}

QString nameOf(ModelError code)
{
    switch (code) {
    case ModelError::BadGs1:
        return QStringLiteral("bad-gs1");
    }
    return QStringLiteral("unknown");
}

QString nameOf(FhirReadError code)
{
    switch (code) {
    case FhirReadError::Malformed:
        return QStringLiteral("malformed");
    case FhirReadError::NotJson:
        return QStringLiteral("not-json");
    }
    return QStringLiteral("unknown");
}

QString nameOf(NetError code)
{
    switch (code) {
    case NetError::AccessDenied:
        return QStringLiteral("access-denied");
    case NetError::BadDiscovery:
        return QStringLiteral("bad-discovery");
    case NetError::BadIdToken:
        return QStringLiteral("bad-id-token");
    case NetError::BadTokenResponse:
        return QStringLiteral("bad-token-response");
    case NetError::BadTokenSet:
        return QStringLiteral("bad-token-set");
    case NetError::BadUrl:
        return QStringLiteral("bad-url");
    case NetError::Cancelled:
        return QStringLiteral("cancelled");
    case NetError::IdpRefused:
        return QStringLiteral("idp-refused");
    case NetError::IdpUnavailable:
        return QStringLiteral("idp-unavailable");
    case NetError::InsecureUrl:
        return QStringLiteral("insecure-url");
    case NetError::InvalidRequest:
        return QStringLiteral("invalid-request");
    case NetError::IssuerMismatch:
        return QStringLiteral("issuer-mismatch");
    case NetError::LoopbackUnavailable:
        return QStringLiteral("loopback-unavailable");
    case NetError::OffOrigin:
        return QStringLiteral("off-origin");
    case NetError::OffOriginRedirect:
        return QStringLiteral("off-origin-redirect");
    case NetError::PinMismatch:
        return QStringLiteral("pin-mismatch");
    case NetError::ServerUnavailable:
        return QStringLiteral("server-unavailable");
    case NetError::SignInCancelled:
        return QStringLiteral("sign-in-cancelled");
    case NetError::SignInNeeded:
        return QStringLiteral("sign-in-needed");
    case NetError::SignInRefused:
        return QStringLiteral("sign-in-refused");
    case NetError::SignInTimeout:
        return QStringLiteral("sign-in-timeout");
    case NetError::StateMismatch:
        return QStringLiteral("state-mismatch");
    case NetError::TlsFailed:
        return QStringLiteral("tls-failed");
    case NetError::Unauthorized:
        return QStringLiteral("unauthorized");
    case NetError::Unreachable:
        return QStringLiteral("unreachable");
    }
    return QStringLiteral("unknown");
}

QString nameOf(SyncError code)
{
    switch (code) {
    case SyncError::AuditExportRefused:
        return QStringLiteral("audit-export-refused");
    case SyncError::BadResponse:
        return QStringLiteral("bad-response");
    case SyncError::DanglingReference:
        return QStringLiteral("dangling-reference");
    case SyncError::DpiRefusedRequest:
        return QStringLiteral("dpi-refused-request");
    case SyncError::MedicationUnavailable:
        return QStringLiteral("medication-unavailable");
    case SyncError::Missing:
        return QStringLiteral("missing");
    case SyncError::NoBundles:
        return QStringLiteral("no-bundles");
    case SyncError::NoCapabilities:
        return QStringLiteral("no-capabilities");
    case SyncError::NotFound:
        return QStringLiteral("not-found");
    case SyncError::PagingLoop:
        return QStringLiteral("paging-loop");
    case SyncError::SearchFailed:
        return QStringLiteral("search-failed");
    case SyncError::UnknownType:
        return QStringLiteral("unknown-type");
    }
    return QStringLiteral("unknown");
}

QString nameOf(PlatformError code)
{
    switch (code) {
    case PlatformError::KeyFileDamaged:
        return QStringLiteral("key-file-damaged");
    case PlatformError::KeyFileExposed:
        return QStringLiteral("key-file-exposed");
    case PlatformError::KeyFileUnreadable:
        return QStringLiteral("key-file-unreadable");
    case PlatformError::KeyFileUnwritable:
        return QStringLiteral("key-file-unwritable");
    case PlatformError::KeyStoreDamaged:
        return QStringLiteral("key-store-damaged");
    case PlatformError::KeyStoreFailed:
        return QStringLiteral("key-store-failed");
    case PlatformError::KeyStoreRequired:
        return QStringLiteral("key-store-required");
    case PlatformError::KeyStoreTimeout:
        return QStringLiteral("key-store-timeout");
    case PlatformError::KeyStoreUnavailable:
        return QStringLiteral("key-store-unavailable");
    case PlatformError::NoKeyStore:
        return QStringLiteral("no-key-store");
    case PlatformError::NoPin:
        return QStringLiteral("no-pin");
    case PlatformError::NoTerminal:
        return QStringLiteral("no-terminal");
    }
    return QStringLiteral("unknown");
}

} // namespace

QString ErrorCode::name() const
{
    switch (m_domain) {
    case ErrorDomain::Core:
        return nameOf(core());
    case ErrorDomain::Store:
        return nameOf(store());
    case ErrorDomain::Crypto:
        return nameOf(crypto());
    case ErrorDomain::Validation:
        return nameOf(validation());
    case ErrorDomain::Model:
        return nameOf(model());
    case ErrorDomain::Fhir:
        return nameOf(fhir());
    case ErrorDomain::Net:
        return nameOf(net());
    case ErrorDomain::Sync:
        return nameOf(sync());
    case ErrorDomain::Platform:
        return nameOf(platform());
    }
    return QStringLiteral("unknown");
}

QDebug operator<<(QDebug debug, ErrorCode code)
{
    QDebugStateSaver saver(debug);
    debug.noquote() << code.name();
    return debug;
}

} // namespace chevet
