#pragma once

#include <QString>

class QDebug;

namespace chevet {

// Where an error comes from; lets callers and logs group failures without parsing messages.
enum class ErrorDomain { Core, Store, Crypto, Validation, Model, Fhir, Net, Sync, Platform };

QString domainName(ErrorDomain domain);

// One enum per domain: the codes a caller can act on. Each has a stable name (ErrorCode::name()) for
// logs, chevetctl's JSON and the outbox's record of a refusal; the app turns each into words for
// the nurse with one switch per domain (qml/services/errortext.cpp), so a new code without words
// does not build.
enum class CoreError {
    Unknown,
};

enum class StoreError {
    AlertTampered,
    AuditBroken,
    Corrupt,
    CorruptRecord,
    CreateFailed,
    Damaged,
    DiskFull,
    DuplicateId,
    Erased,
    HeadMarkUnwritable,
    KeyGrantInvalid,
    KeyReplaced,
    LastNurse,
    Locked,
    LockedOut,
    LookupTampered,
    MigrationFailed,
    MissingRecord,
    NewerSchema,
    NoDeviceSecret,
    NoStore,
    NotAStore,
    NotFound,
    NurseExists,
    OpenFailed,
    OutboxTampered,
    SessionTampered,
    SignInNeeded,
    SlotOutdated,
    SqlExec,
    SqlPrepare,
    SqlStep,
    StaleVersion,
    StoreBusy,
    StoreExists,
    TooSoon,
    UndeliveredData,
    UnknownNurse,
    Unreadable,
    WeakPin,
};

enum class CryptoError {
    AuthFailed,
    BadDeviceSecret,
    BadJws,
    BadKey,
    BadLength,
    BadNonce,
    BadParams,
    BadPin,
    BadSignature,
    CorruptKey,
    DecryptFailed,
    DigestFailed,
    EncryptFailed,
    GrantFormat,
    GrantKey,
    KdfFailed,
    KeygenFailed,
    MacFailed,
    RandomFailed,
    RecordUnreadable,
    SealedFormat,
    SealedTruncated,
    SignFailed,
    TooLarge,
    Unavailable,
    UnknownKey,
    UnsupportedAlg,
    WrongDevice,
    WrongPin,
};

enum class ValidationError {
    AlreadyDone,
    AlreadyGiven,
    BadAdministrationTimes,
    BadCa,
    BadMerge,
    BadNurseId,
    BadPin,
    BadSystem,
    BadUnit,
    BadValue,
    Cancelled,
    DocumentedNotGiven,
    DuplicatePatient,
    EmptyEntry,
    EnteredInError,
    IdentityNeedsVigilance,
    IncompleteBp,
    MissingPatient,
    MissingValue,
    NoRemote,
    NotAnIdentityConflict,
    NotFound,
    NotNew,
    NotToDo,
    OtherNurse,
    OutOfRange,
    SeveralCandidates,
    UnknownPrescription,
    UnknownSlot,
    Usage,
};

enum class ModelError {
    BadGs1,
};

enum class FhirReadError {
    Malformed,
    NotJson,
};

enum class NetError {
    AccessDenied,
    BadDiscovery,
    BadIdToken,
    BadTokenResponse,
    BadTokenSet,
    BadUrl,
    Cancelled,
    IdpRefused,
    IdpUnavailable,
    InsecureUrl,
    InvalidRequest,
    IssuerMismatch,
    LoopbackUnavailable,
    OffOrigin,
    OffOriginRedirect,
    PinMismatch,
    ServerUnavailable,
    SignInCancelled,
    SignInNeeded,
    SignInRefused,
    SignInTimeout,
    StateMismatch,
    TlsFailed,
    Unauthorized,
    Unreachable,
};

enum class SyncError {
    AuditExportRefused,
    BadResponse,
    DanglingReference,
    DpiRefusedRequest,
    MedicationUnavailable,
    Missing,
    NoBundles,
    NoCapabilities,
    NotFound,
    PagingLoop,
    SearchFailed,
    UnknownType,
};

enum class PlatformError {
    KeyFileDamaged,
    KeyFileExposed,
    KeyFileUnreadable,
    KeyFileUnwritable,
    KeyStoreDamaged,
    KeyStoreFailed,
    KeyStoreRequired,
    KeyStoreTimeout,
    KeyStoreUnavailable,
    NoKeyStore,
    NoPin,
    NoTerminal,
};

// Each enum's domain.
constexpr ErrorDomain domainOf(CoreError)
{
    return ErrorDomain::Core;
}
constexpr ErrorDomain domainOf(StoreError)
{
    return ErrorDomain::Store;
}
constexpr ErrorDomain domainOf(CryptoError)
{
    return ErrorDomain::Crypto;
}
constexpr ErrorDomain domainOf(ValidationError)
{
    return ErrorDomain::Validation;
}
constexpr ErrorDomain domainOf(ModelError)
{
    return ErrorDomain::Model;
}
constexpr ErrorDomain domainOf(FhirReadError)
{
    return ErrorDomain::Fhir;
}
constexpr ErrorDomain domainOf(NetError)
{
    return ErrorDomain::Net;
}
constexpr ErrorDomain domainOf(SyncError)
{
    return ErrorDomain::Sync;
}
constexpr ErrorDomain domainOf(PlatformError)
{
    return ErrorDomain::Platform;
}

// A code of one domain. Compared with a domain's enum directly: `error.code == CryptoError::WrongPin`.
class ErrorCode
{
public:
    constexpr ErrorCode() = default;
    // From any domain's enum (those with a domainOf()).
    template<typename Enum, typename = decltype(domainOf(Enum{}))>
    constexpr ErrorCode(Enum code)
        : m_domain(domainOf(code))
        , m_value(int(code))
    {}

    constexpr ErrorDomain domain() const { return m_domain; }
    // The code as its domain's enum, for a switch over the codes of domain() (and only that one).
    constexpr CoreError core() const { return CoreError(m_value); }
    constexpr StoreError store() const { return StoreError(m_value); }
    constexpr CryptoError crypto() const { return CryptoError(m_value); }
    constexpr ValidationError validation() const { return ValidationError(m_value); }
    constexpr ModelError model() const { return ModelError(m_value); }
    constexpr FhirReadError fhir() const { return FhirReadError(m_value); }
    constexpr NetError net() const { return NetError(m_value); }
    constexpr SyncError sync() const { return SyncError(m_value); }
    constexpr PlatformError platform() const { return PlatformError(m_value); }
    // The stable machine-readable name, e.g. "wrong-pin".
    QString name() const;

    friend constexpr bool operator==(ErrorCode a, ErrorCode b)
    {
        return a.m_domain == b.m_domain && a.m_value == b.m_value;
    }

private:
    ErrorDomain m_domain = ErrorDomain::Core;
    int m_value = 0;
};

// Logs print a code by its name.
QDebug operator<<(QDebug debug, ErrorCode code);

} // namespace chevet
