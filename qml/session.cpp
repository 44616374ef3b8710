#include "session.h"

#include "appsettings.h"
#include "inactivityguard.h"

#include "backend/trainingward.h"
#include "backend/wardqueries.h"
#include "core/logging.h"
#include "keystore/devicesecretstorefactory.h"
#include "lifecycle/applifecycle.h"
#include "session/enrolment.h"
#include "session/sessiongate.h"

#include <atomic>

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>

using namespace chevet;
using namespace chevet::app;

namespace {

AppOptions &configured()
{
    static AppOptions options;
    return options;
}

std::unique_ptr<AppLifecycle> &configuredLifecycle()
{
    static std::unique_ptr<AppLifecycle> lifecycle;
    return lifecycle;
}

Session *s_instance = nullptr;

// The training store holds synthetic patients only; its PIN is not a secret worth asking for (digits
// that pass the PIN rules, as every store's must).
const QByteArray kTrainingPin = QByteArrayLiteral("60917248");

} // namespace

void Session::configure(const AppOptions &options, std::unique_ptr<AppLifecycle> lifecycle)
{
    configured() = options;
    configuredLifecycle() = std::move(lifecycle);
}

Session *Session::instance()
{
    if (!s_instance)
        s_instance = new Session();
    return s_instance;
}

Session *Session::create(QQmlEngine *, QJSEngine *)
{
    Session *session = instance();
    QQmlEngine::setObjectOwnership(session, QQmlEngine::CppOwnership);
    return session;
}

Session::Session(QObject *parent)
    : QObject(parent)
    , m_options(configured())
    , m_dark(configured().dark)
{
    // The owner's only (security review F18): the store inside is 0600 too.
    if (!QDir(m_options.dataDir).exists() && QDir().mkpath(m_options.dataDir))
        QFile::setPermissions(m_options.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_secrets = makeDeviceSecretStore(m_options.dataDir);
    // Suspended, hidden or screen locked: everything is already on disk; lock so the keys go.
    m_lifecycle = configuredLifecycle() ? configuredLifecycle().release() : new AppLifecycle();
    m_lifecycle->setParent(this);
    // Uncovered at start, as the lifecycle takes its starting state: nothing is shown yet to protect,
    // and an offscreen or unfocused start never becomes "active" to lift a cover.
    connect(m_lifecycle, &AppLifecycle::suspending, this, [this]() {
        // The cover first, in the same event: the lock below closes the store on its own thread.
        m_screenCovered = true;
        Q_EMIT screenCoveredChanged();
        if (m_phase == Unlocked && !m_training)
            lock();
    });
    connect(m_lifecycle, &AppLifecycle::resumed, this, [this]() {
        m_screenCovered = false;
        Q_EMIT screenCoveredChanged();
    });
    m_units = m_options.units;
    // The ward or round chosen last time, when it is still one of this tablet's.
    const QString lastUnit = AppSettings(m_options.dataDir).lastUnit();
    m_unit = m_units.contains(lastUnit) ? lastUnit : m_units.value(0);
    m_unitNames = AppSettings(m_options.dataDir).unitNames();
    loadNurses();
    m_phase = QFile::exists(storePath()) ? Locked : Setup;
    connect(&m_worker, &StoreWorker::dataChanged, this, &Session::dataChanged);

    // The last 30 s count down on screen (20 % of a short test setting), so a nurse mid-form can stay.
    const qint64 timeoutMs = qint64(m_options.autoLockSeconds) * 1000;
    m_inactivity = new InactivityGuard(timeoutMs, std::min<qint64>(30000, timeoutMs / 5), this);
    connect(m_inactivity, &InactivityGuard::secondsLeftChanged, this, &Session::lockWarningChanged);
    connect(m_inactivity, &InactivityGuard::timedOut, this, [this]() {
        if (m_phase == Unlocked && !m_training)
            lock();
    });
    qApp->installEventFilter(this);
}

Session::~Session()
{
    lock(); // the sync engine stops and the store closes while the event loops still run
    if (s_instance == this)
        s_instance = nullptr;
}

void Session::release()
{
    delete s_instance;
}

QString Session::news2Response(const News2Result &result) const
{
    return m_options.language == QLatin1String("fr") ? news2ResponseFr(result)
                                                     : chevet::news2Response(result);
}

QString Session::establishment() const
{
    return m_training ? QString::fromLatin1(kTrainingEstablishment) : m_options.establishment;
}

Result<QByteArray> Session::deviceSecret()
{
    return m_secrets->deviceSecret();
}

QString Session::storePath() const
{
    return m_options.dataDir + QStringLiteral("/chevet.db");
}

QString Session::trainingPath() const
{
    return m_options.dataDir + QStringLiteral("/formation.db");
}

bool Session::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void Session::touch()
{
    if (m_phase == Unlocked)
        m_inactivity->touch();
}

int Session::lockWarningSeconds() const
{
    return m_training ? -1 : m_inactivity->secondsLeft();
}

void Session::setUnit(const QString &unit)
{
    if (m_unit == unit)
        return;
    m_unit = unit;
    if (m_phase == Unlocked && !m_training)
        AppSettings(m_options.dataDir).remember(m_nurse, m_unit);
    Q_EMIT unitChanged();
    Q_EMIT dataChanged();
}

QVariantMap Session::unitNamesMap() const
{
    QVariantMap names;
    for (auto it = m_unitNames.cbegin(); it != m_unitNames.cend(); ++it)
        names.insert(it.key(), it.value());
    if (m_training)
        names.insert(QString::fromLatin1(kTrainingUnit), tr("Service de formation"));
    return names;
}

QString Session::lastNurse() const
{
    return m_nurse.isEmpty() ? AppSettings(m_options.dataDir).lastNurse() : m_nurse;
}

void Session::setDark(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    Q_EMIT darkChanged();
}

void Session::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

void Session::setError(const QString &message)
{
    if (m_error != message) {
        m_error = message;
        Q_EMIT errorChanged();
    }
}

void Session::clearError()
{
    setError(QString());
}

void Session::setPhase(Phase phase)
{
    m_phase = phase;
    Q_EMIT phaseChanged();
}

QString Session::pinWeaknessText(PinWeakness weakness)
{
    switch (weakness) {
    case PinWeakness::None:
        return {};
    case PinWeakness::TooShort:
        return tr("Le code PIN doit comporter au moins %1 chiffres.").arg(kMinPinDigits);
    case PinWeakness::NotDigits:
        return tr("Le code PIN ne contient que des chiffres.");
    case PinWeakness::Repeated:
        return tr("Ce code PIN répète les mêmes chiffres (comme 121212) : choisissez-en un autre.");
    case PinWeakness::Sequence:
        return tr("Ce code PIN est une suite (comme 123456 ou 135791) : choisissez-en un autre.");
    case PinWeakness::Date:
        return tr("Ce code PIN ressemble à une date (comme une date de naissance) : choisissez-en un autre.");
    case PinWeakness::Common:
        return tr("Ce code PIN est parmi les plus choisis : choisissez-en un autre.");
    }
    return {};
}

QString Session::describe(const Error &error)
{
    if (error.code == QLatin1String("wrong-pin"))
        return tr("Code PIN incorrect.");
    if (error.code == QLatin1String("too-soon"))
        return tr("Trop d'essais : patientez avant de réessayer.");
    if (error.code == QLatin1String("locked-out"))
        return tr("Trop de codes PIN faux : une connexion complète (identifiant du DPI) est nécessaire.");
    if (error.code == QLatin1String("needs-sign-in"))
        return tr("Votre session hors ligne a expiré : une connexion complète est nécessaire.");
    if (error.code == QLatin1String("unknown-nurse"))
        return tr("Cette infirmière n'est pas enrôlée sur cette tablette.");
    if (error.code == QLatin1String("bad-nurse-id"))
        return tr("Identifiant invalide (lettres, chiffres, points et tirets).");
    if (error.code == QLatin1String("weak-pin"))
        return tr("Ce code PIN est trop facile à deviner : choisissez-en un autre, d'au moins %1 chiffres.")
            .arg(kMinPinDigits);
    if (error.code == QLatin1String("wrong-device"))
        return tr("Ces données appartiennent à une autre tablette.");
    if (error.code == QLatin1String("key-store-required"))
        return tr("La clé de cette tablette est gardée par le trousseau du système, qui ne répond pas : "
                  "ouvrez la session du poste, ou appelez le support informatique.");
    if (error.code == QLatin1String("exists"))
        return tr("Cette tablette est déjà enrôlée.");
    if (error.code == QLatin1String("damaged"))
        return tr("Les données de cette tablette sont endommagées : ce qu'elles afficheraient pourrait être "
                  "faux, elles ne sont donc pas ouvertes. Rien n'a été modifié. Appelez le support "
                  "informatique sans effacer la tablette : ce qui n'a pas encore été envoyé au DPI "
                  "sera récupéré avant qu'elle soit restaurée depuis le DPI.");
    return tr("Impossible d'ouvrir les données de la tablette : %1").arg(error.message);
}

void Session::enrol(const QString &nurse, const QString &pin, const QString &pinAgain)
{
    if (nurse.trimmed().isEmpty())
        return setError(tr("Indiquez votre identifiant."));
    if (pin != pinAgain)
        return setError(tr("Les deux codes PIN ne sont pas identiques."));
    QByteArray utf8 = pin.toUtf8();
    if (const QString weak = pinWeaknessText(pinWeakness(utf8)); !weak.isEmpty()) {
        crypto::wipe(utf8);
        return setError(weak);
    }
    openStore(storePath(), nurse.trimmed(), std::move(utf8), true, false);
}

void Session::unlock(const QString &nurse, const QString &pin)
{
    if (nurse.trimmed().isEmpty())
        return setError(tr("Choisissez votre nom."));
    if (pin.isEmpty())
        return setError(tr("Saisissez votre code PIN."));
    openStore(storePath(), nurse.trimmed(), pin.toUtf8(), false, false); // moved on, wiped by its last holder
}

void Session::startTraining()
{
    if (m_phase == Unlocked)
        lock();
    QFile::remove(trainingPath());
    QFile::remove(trainingPath() + QStringLiteral("-wal"));
    QFile::remove(trainingPath() + QStringLiteral("-shm"));
    QFile::remove(trainingPath() + QStringLiteral("-head"));
    const QString nurse = m_nurse.isEmpty() ? QStringLiteral("ide-formation") : m_nurse;
    openStore(trainingPath(), nurse, kTrainingPin, true, true);
}

void Session::openStore(const QString &path, const QString &nurse, QByteArray pin, bool create, bool training)
{
    if (m_busy)
        return crypto::wipe(pin);
    Result<QByteArray> secret = m_secrets->deviceSecret();
    if (!secret) {
        crypto::wipe(pin);
        return setError(describe(secret.error()));
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
            setError(describe(status.error()));
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
                    setError(describe(seeded.error()));
                    return;
                }
                opened(nurse, true);
            });
    });
}

void Session::opened(const QString &nurse, bool training)
{
    m_nurse = nurse;
    m_training = training;
    if (!training)
        loadNurses();
    if (training) {
        m_unit = QString::fromLatin1(kTrainingUnit);
        Q_EMIT unitChanged();
    }
    if (!training)
        AppSettings(m_options.dataDir).remember(nurse, m_unit);
    setBusy(false);
    setPhase(Unlocked);
    m_inactivity->start();
    qCInfo(lcApp) << "session opened" << (training ? "(training)" : "");
    refreshUnits();
    Q_EMIT dataChanged();
}

void Session::lock()
{
    if (m_phase != Unlocked)
        return;
    Q_EMIT aboutToLock();
    // The sync has stopped: what it left to save (a rotated refresh token) is queued before the store
    // closes, and close() runs it first (security review F17).
    Q_EMIT storeClosing();
    m_worker.close();
    m_inactivity->stop();
    const bool wasTraining = m_training;
    m_training = false;
    if (wasTraining) {
        const QString lastUnit = AppSettings(m_options.dataDir).lastUnit();
        m_unit = m_options.units.contains(lastUnit) ? lastUnit : m_options.units.value(0);
    }
    Q_EMIT unitChanged();
    loadNurses();
    setPhase(QFile::exists(storePath()) ? Locked : Setup);
    qCInfo(lcApp) << "session locked";
}

void Session::refreshUnits()
{
    struct Known
    {
        QStringList units;
        QHash<QString, QString> names;
    };
    m_worker.run<Known>(
        this,
        [](Store &store) -> Result<Known> {
            Result<QStringList> units = knownUnits(store);
            if (!units)
                return units.error();
            Result<QHash<QString, QString>> names = knownUnitNames(store);
            if (!names)
                return names.error();
            return Known{*units, *names};
        },
        [this](Result<Known> known) {
            QStringList units = m_training ? QStringList() : m_options.units;
            if (known) {
                for (const QString &u : known->units) {
                    if (!units.contains(u))
                        units.append(u);
                }
                if (!m_training && !known->names.isEmpty()) {
                    for (auto it = known->names.cbegin(); it != known->names.cend(); ++it)
                        m_unitNames.insert(it.key(), it.value());
                    AppSettings(m_options.dataDir).rememberUnitNames(known->names);
                }
            }
            if (m_units != units) {
                m_units = units;
                Q_EMIT unitsChanged();
            } else if (known && !known->names.isEmpty()) {
                Q_EMIT unitsChanged(); // the names arrived
            }
            if (m_unit.isEmpty() && !m_units.isEmpty())
                setUnit(m_units.first());
        });
}

void Session::loadNurses()
{
    // The nurses enrolled on this tablet, read from the store's key slots without unlocking it, on
    // the store thread like every other read of the file.
    if (!QFile::exists(storePath()))
        return;
    Result<QByteArray> secret = m_secrets->deviceSecret();
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

void Session::addNurse(const QString &nurse, const QString &pin, const QString &pinAgain)
{
    if (pin != pinAgain)
        return setError(tr("Les deux codes PIN ne sont pas identiques."));
    const QString id = nurse.trimmed();
    const crypto::SecretBytes newPin(pin.toUtf8());
    if (const QString weak = pinWeaknessText(pinWeakness(newPin.bytes())); !weak.isEmpty())
        return setError(weak);
    Result<QByteArray> secret = m_secrets->deviceSecret();
    if (!secret)
        return setError(describe(secret.error()));
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
                setError(describe(done.error()));
                return;
            }
            clearError();
            loadNurses();
            Q_EMIT nurseAdded();
        });
}
