#include "sessioncontroller.h"

#include "appsettings.h"
#include "errortext.h"

#include "backend/trainingward.h"
#include "core/logging.h"
#include "keystore/devicesecretstore.h"
#include "session/enrolment.h"
#include "session/sessiongate.h"

#include <atomic>

#include <QDateTime>
#include <QFile>

using namespace chevet;
using namespace chevet::app;

namespace {

// The training store holds synthetic patients only; its PIN is not a secret worth asking for (digits
// that pass the PIN rules, as every store's must).
const QByteArray kTrainingPin = QByteArrayLiteral("60917248");

} // namespace

SessionController::SessionController(const AppOptions &options, StoreWorker &worker,
                                     DeviceSecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_worker(worker)
    , m_secrets(secrets)
{
    loadNurses();
    m_phase = QFile::exists(storePath()) ? Locked : Setup;
    connect(&m_worker, &StoreWorker::dataChanged, this, &SessionController::dataChanged);
}

SessionController::~SessionController()
{
    lock(); // the sync engine stops and the store closes while the event loops still run
}

QString SessionController::news2Response(const News2Result &result) const
{
    return m_options.language == QLatin1String("fr") ? news2ResponseFr(result)
                                                     : chevet::news2Response(result);
}

QString SessionController::establishment() const
{
    return m_training ? QString::fromLatin1(kTrainingEstablishment) : m_options.establishment;
}

Result<QByteArray> SessionController::deviceSecret()
{
    return m_secrets.deviceSecret();
}

QString SessionController::storePath() const
{
    return m_options.dataDir + QStringLiteral("/chevet.db");
}

QString SessionController::trainingPath() const
{
    return m_options.dataDir + QStringLiteral("/formation.db");
}

QString SessionController::lastNurse() const
{
    return m_nurse.isEmpty() ? AppSettings(m_options.dataDir).lastNurse() : m_nurse;
}

void SessionController::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

void SessionController::setError(const QString &message)
{
    if (m_error != message) {
        m_error = message;
        Q_EMIT errorChanged();
    }
}

void SessionController::clearError()
{
    setError(QString());
}

void SessionController::setPhase(Phase phase)
{
    m_phase = phase;
    Q_EMIT phaseChanged();
}

void SessionController::enrol(const QString &nurse, const QString &pin, const QString &pinAgain)
{
    if (nurse.trimmed().isEmpty())
        return setError(tr("Indiquez votre identifiant."));
    if (pin != pinAgain)
        return setError(tr("Les deux codes PIN ne sont pas identiques."));
    QByteArray utf8 = pin.toUtf8();
    if (const QString weak = ErrorText::ofWeakPin(pinWeakness(utf8)); !weak.isEmpty()) {
        crypto::wipe(utf8);
        return setError(weak);
    }
    openStore(storePath(), nurse.trimmed(), std::move(utf8), true, false);
}

void SessionController::unlock(const QString &nurse, const QString &pin)
{
    if (nurse.trimmed().isEmpty())
        return setError(tr("Choisissez votre nom."));
    if (pin.isEmpty())
        return setError(tr("Saisissez votre code PIN."));
    openStore(storePath(), nurse.trimmed(), pin.toUtf8(), false, false); // moved on, wiped by its last holder
}

void SessionController::startTraining()
{
    if (m_phase == Unlocked)
        lock();
    for (const char *suffix : {"", "-wal", "-shm", "-head"})
        QFile::remove(trainingPath() + QLatin1String(suffix));
    const QString nurse = m_nurse.isEmpty() ? QStringLiteral("ide-formation") : m_nurse;
    openStore(trainingPath(), nurse, kTrainingPin, true, true);
}

void SessionController::openStore(const QString &path, const QString &nurse, QByteArray pin, bool create,
                                  bool training)
{
    if (m_busy)
        return crypto::wipe(pin);
    Result<QByteArray> secret = m_secrets.deviceSecret();
    if (!secret) {
        crypto::wipe(pin);
        return setError(ErrorText::of(secret.error()));
    }
    StoreOptions options;
    options.path = path;
    options.pin = std::move(pin);
    options.deviceSecret = std::move(*secret); // no other holder left to free it unwiped
    options.author = nurse;
    options.establishment = training ? QString::fromLatin1(kTrainingEstablishment) : m_options.establishment;
    if (training)
        options.kdf = crypto::ScryptParams{1 << 12, 8, 1}; // synthetic data: open fast
    setBusy(true);
    clearError();
    // Unlocking goes through the gate: PIN attempts are counted (with growing waits, then a lockout)
    // and the offline window is enforced before the PIN is even tried.
    // The first unlock of the app also checks the file's structure and the audit chain (tens of ms for
    // a ward's store; seconds for a million observations, docs/benchmarks.md): a damaged store is never
    // shown. The journal and the head mark are checked at every open (Store::open).
    static std::atomic<bool> checkedThisRun{false};
    const bool check = !create && !checkedThisRun;
    StoreWorker::Opener opener = [options, create, check]() -> Result<std::unique_ptr<Store>> {
        if (create)
            return Store::create(options);
        SessionGate gate(options.path, options.deviceSecret);
        Result<std::unique_ptr<Store>> store = gate.unlock(options.author, options.pin);
        if (!store || !check)
            return store;
        if (Status s = (*store)->checkIntegrity(); !s)
            return s.error();
        checkedThisRun = true;
        return store;
    };
    m_worker.open(opener, [this, nurse, training, create](Status status) {
        if (!status) {
            setBusy(false);
            setError(ErrorText::of(status.error()));
            return;
        }
        if (!training) {
            opened(nurse, false);
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_worker.run<bool>(
            this,
            [now, create](Store &store) -> Result<bool> {
                if (Status s = create ? seedTrainingWard(store, now) : Status(); !s)
                    return s.error();
                return true;
            },
            [this, nurse](Result<bool> seeded) {
                if (!seeded) {
                    setBusy(false);
                    setError(ErrorText::of(seeded.error()));
                    return;
                }
                opened(nurse, true);
            });
    });
}

void SessionController::opened(const QString &nurse, bool training)
{
    m_nurse = nurse;
    m_training = training;
    if (!training)
        loadNurses();
    setBusy(false);
    setPhase(Unlocked);
    qCInfo(lcApp) << "session opened" << (training ? "(training)" : "");
    Q_EMIT dataChanged();
}

void SessionController::lock()
{
    if (m_phase != Unlocked)
        return;
    Q_EMIT aboutToLock();
    // The sync has stopped: what it left to save (a rotated refresh token) is queued before the store
    // closes, and close() runs it first (security review F17).
    Q_EMIT storeClosing();
    m_worker.close();
    m_training = false;
    loadNurses();
    setPhase(QFile::exists(storePath()) ? Locked : Setup);
    qCInfo(lcApp) << "session locked";
}

void SessionController::loadNurses()
{
    // The nurses enrolled on this tablet, read from the store's key slots without unlocking it, on
    // the store thread like every other read of the file.
    if (!QFile::exists(storePath()))
        return;
    Result<QByteArray> secret = m_secrets.deviceSecret();
    if (!secret)
        return;
    const QString path = storePath();
    const crypto::SecretBytes deviceSecret(std::move(*secret));
    m_worker.runUnlocked<Result<QStringList>>(
        this, [path, deviceSecret]() { return SessionGate(path, deviceSecret.bytes()).nurses(); },
        [this](Result<QStringList> nurses) {
            if (nurses && *nurses != m_nurses) {
                m_nurses = *nurses;
                Q_EMIT nursesChanged();
            }
        });
}

void SessionController::addNurse(const QString &nurse, const QString &pin, const QString &pinAgain)
{
    if (pin != pinAgain)
        return setError(tr("Les deux codes PIN ne sont pas identiques."));
    const QString id = nurse.trimmed();
    const crypto::SecretBytes newPin(pin.toUtf8());
    if (const QString weak = ErrorText::ofWeakPin(pinWeakness(newPin.bytes())); !weak.isEmpty())
        return setError(weak);
    Result<QByteArray> secret = m_secrets.deviceSecret();
    if (!secret)
        return setError(ErrorText::of(secret.error()));
    const QString path = storePath();
    const crypto::SecretBytes deviceSecret(std::move(*secret));
    // A colleague's enrolment is not the new nurse's sign-in (security review F3): her first unlock waits
    // for her own full sign-in with the identity provider. Only a development build with no identity
    // provider (the demo ward) counts it, or its nurses could never open.
    const bool countsAsSignIn = enrolmentCountsAsSignIn(kBuildMode, !m_options.issuer.isEmpty());
    m_worker.write<bool>(
        this,
        [id, newPin, path, deviceSecret, countsAsSignIn](Store &store) -> Result<bool> {
            if (Status s = store.enrolNurse(id, newPin.bytes()); !s)
                return s.error();
            if (countsAsSignIn) {
                if (Status s = SessionGate(path, deviceSecret.bytes()).recordSignIn(id); !s)
                    return s.error();
            }
            return true;
        },
        [this](Result<bool> done) {
            if (!done) {
                setError(ErrorText::of(done.error()));
                return;
            }
            clearError();
            loadNurses();
            Q_EMIT nurseAdded();
        });
}
