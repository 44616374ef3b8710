#pragma once

// Helpers shared by the sync benchmarks (bench_push, bench_pull, bench_growth): the stand-in DPI as a
// process on a fresh database, a minimal sequential FHIR client, a transport that times the engine's
// round trips, and device stores with records already delivered. Header-only, like benchsupport.h.

#include "benchsupport.h"
#include "core/clock.h"
#include "core/result.h"
#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "model/patient.h"
#include "net/http.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/store.h"
#include "store/storecontext.h"
#include "sync/syncrun.h"

#include "../standindpi.h"
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <QProcess>
#include <QUrl>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <memory>
#include <vector>

namespace chevet::bench {

inline const QByteArray kSyncBenchPin = QByteArrayLiteral("482193");
inline const QByteArray kSyncBenchDeviceSecret = QByteArray(32, '\x6d');
// The demo ward's establishment (chevet-dpi --seed demo): its IPPs are this device's.
inline const QString kSyncBenchEstablishment = QStringLiteral("urn:oid:2.999.250.1");
// The id the benchmark patient has on every fresh DPI (PUT creates it with that id).
inline const QString kBenchPatientServerId = QStringLiteral("bench-patient");

[[noreturn]] inline void fail(const QString &what, const QString &why)
{
    out() << QCoreApplication::applicationName() << ": " << what << ": " << why << Qt::endl;
    std::exit(1);
}

[[noreturn]] inline void fail(const QString &what, const Error &error)
{
    fail(what, error.code.name() + QStringLiteral(": ") + error.message);
}

// The store and the engine log at info level (store created, sync done): keep the figures readable.
inline void quietEngineLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("chevet.*.info=false"));
}

inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// Load average when the system shows one: other work on the machine skews the figures.
inline QString machineLoad()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readLine().trimmed().split(' ').mid(0, 3).join(' '));
}

inline double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

// chevet-dpi as a process on 127.0.0.1, port 0, its database in `folder` (on disk: it commits with
// synchronous=FULL like a real server would).
class DpiProcess
{
public:
    explicit DpiProcess(const QString &folder, const QStringList &extraArguments = {})
    {
        QDir().mkpath(folder);
        if (!m_dpi.start(folder + QStringLiteral("/dpi.sqlite"), extraArguments))
            fail(QStringLiteral("chevet-dpi"), m_dpi.problem());
    }

    QUrl base() const { return m_dpi.baseUrl(); }

private:
    StandInDpi m_dpi;
};

// The least a client can do: one request at a time over QNetworkAccessManager with the engine's
// headers (FHIR JSON, HTTP/1.1), no parsing of the answer. The yardstick for the engine's overhead.
class MinimalClient
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };

    explicit MinimalClient(const QUrl &base)
        : m_base(base.toString(QUrl::StripTrailingSlash))
    {}

    Reply send(const QByteArray &method, const QString &target, const QByteArray &body = {})
    {
        const QUrl url = target.startsWith(QLatin1String("http"))
                             ? QUrl(target)
                             : QUrl(m_base + (target.isEmpty() ? QString() : QStringLiteral("/") + target));
        QNetworkRequest request(url);
        request.setRawHeader("Accept", "application/fhir+json");
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/fhir+json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(120000);
        std::unique_ptr<QNetworkReply> reply(m_manager.sendCustomRequest(request, method, body));
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        return out;
    }

    QJsonObject getJson(const QString &target)
    {
        const Reply reply = send(QByteArrayLiteral("GET"), target);
        if (reply.status != 200)
            fail(QStringLiteral("GET ") + target, QStringLiteral("status %1").arg(reply.status));
        return QJsonDocument::fromJson(reply.body).object();
    }

    // `total` of a search (e.g. "Observation?patient=Patient/x"), one entry read.
    qint64 count(const QString &search)
    {
        return getJson(search + QStringLiteral("&_count=1")).value(QLatin1String("total")).toInteger(-1);
    }

    // Posts each prepared bundle in turn; every one must be accepted whole. Returns each one's time (ns).
    std::vector<qint64> postAll(const QList<QByteArray> &bundles)
    {
        std::vector<qint64> times;
        times.reserve(std::size_t(bundles.size()));
        QElapsedTimer timer;
        for (const QByteArray &bundle : bundles) {
            timer.start();
            const Reply reply = send(QByteArrayLiteral("POST"), QString(), bundle);
            times.push_back(timer.nsecsElapsed());
            if (reply.status != 200)
                fail(QStringLiteral("bundle"), QStringLiteral("the DPI answered %1: %2")
                                                   .arg(reply.status)
                                                   .arg(QString::fromUtf8(reply.body.left(300))));
        }
        return times;
    }

private:
    QString m_base;
    QNetworkAccessManager m_manager;
};

// The engine's transport, timed: how long the engine waits on the DPI (request sent to answer read),
// the rest of a run being its own work (mapping, sealing, SQLite).
class TimedTransport final : public Transport
{
public:
    explicit TimedTransport(Transport &inner)
        : m_inner(inner)
    {}

    Result<HttpResponse> exchange(const HttpRequest &request) override
    {
        QElapsedTimer timer;
        timer.start();
        return counted(request, m_inner.exchange(request), timer);
    }
    // A request sent ahead: only the time spent blocked in finish() is waiting on the DPI.
    std::unique_ptr<PendingExchange> start(const HttpRequest &request) override
    {
        class Timed final : public PendingExchange
        {
        public:
            Timed(TimedTransport &owner, HttpRequest request, std::unique_ptr<PendingExchange> inner)
                : m_owner(owner)
                , m_request(std::move(request))
                , m_inner(std::move(inner))
            {}
            Result<HttpResponse> finish() override
            {
                QElapsedTimer timer;
                timer.start();
                return m_owner.counted(m_request, m_inner->finish(), timer);
            }

        private:
            TimedTransport &m_owner;
            HttpRequest m_request;
            std::unique_ptr<PendingExchange> m_inner;
        };
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<PendingExchange> inner = m_inner.start(request);
        m_ns += timer.nsecsElapsed();
        return std::make_unique<Timed>(*this, request, std::move(inner));
    }
    QString baseUrl() const override { return m_inner.baseUrl(); }
    // Prints each request, its status, body size and time: where a run's round trips go.
    void setTrace(bool on) { m_trace = on; }

    qint64 ns() const { return m_ns; }
    int requests() const { return m_requests; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }

private:
    Result<HttpResponse> counted(const HttpRequest &request, Result<HttpResponse> response,
                                 const QElapsedTimer &timer)
    {
        m_ns += timer.nsecsElapsed();
        ++m_requests;
        m_bytesSent += request.body.size();
        if (response)
            m_bytesReceived += response->body.size();
        if (m_trace) {
            QTextStream(stdout) << "    " << request.method << ' ' << request.target.left(160) << " -> "
                                << (response ? response->status : -1) << ' '
                                << (response ? response->body.size() : 0) << " B "
                                << timer.nsecsElapsed() / 1000000 << " ms" << Qt::endl;
        }
        return response;
    }

    Transport &m_inner;
    qint64 m_ns = 0;
    int m_requests = 0;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    bool m_trace = false;
};

// Where one SyncRun spent its time, per phase, from its state changes.
struct PhaseSplit
{
    struct Phase
    {
        qint64 ns = 0;     // wall time of the phase
        qint64 httpNs = 0; // of which waiting on the DPI
        int requests = 0;
    };
    Phase connect;
    Phase push;
    Phase pull;
    qint64 totalNs = 0;
};

// Runs `run` with its state changes mapped onto phases; the figures land in `split`.
inline Result<SyncOutcome> runTimed(SyncRun &run, const TimedTransport &transport, PhaseSplit &split)
{
    QElapsedTimer timer;
    PhaseSplit::Phase *current = nullptr;
    qint64 markNs = 0;
    qint64 markHttp = 0;
    int markRequests = 0;
    auto close = [&]() {
        if (!current)
            return;
        current->ns += timer.nsecsElapsed() - markNs;
        current->httpNs += transport.ns() - markHttp;
        current->requests += transport.requests() - markRequests;
    };
    run.onState([&](SyncState state) {
        close();
        markNs = timer.nsecsElapsed();
        markHttp = transport.ns();
        markRequests = transport.requests();
        current = state == SyncState::Connecting ? &split.connect
                  : state == SyncState::Pushing  ? &split.push
                  : state == SyncState::Pulling  ? &split.pull
                                                 : nullptr;
    });
    timer.start();
    Result<SyncOutcome> outcome = run.run();
    close();
    split.totalNs = timer.nsecsElapsed();
    return outcome;
}

inline QString describePhase(const PhaseSplit::Phase &phase)
{
    return QStringLiteral("%1 s (%2 requests, waiting on the DPI %3 s, engine's own work %4 s)")
        .arg(fixed(seconds(phase.ns), 3))
        .arg(phase.requests)
        .arg(fixed(seconds(phase.httpNs), 3), fixed(seconds(phase.ns - phase.httpNs), 3));
}

inline StoreOptions syncBenchStoreOptions(const QString &path)
{
    StoreOptions options;
    options.path = path;
    options.pin = kSyncBenchPin;
    options.deviceSecret = kSyncBenchDeviceSecret;
    options.author = QStringLiteral("bench-nurse");
    options.establishment = kSyncBenchEstablishment;
    options.kdf = crypto::ScryptParams{1u << 12, 8, 1}; // open cost only
    return options;
}

inline std::unique_ptr<Store> createStore(const QString &path)
{
    Result<std::unique_ptr<Store>> created = Store::create(syncBenchStoreOptions(path));
    if (!created)
        fail(QStringLiteral("create store"), created.error());
    return std::move(created).value();
}

inline std::unique_ptr<Store> openStore(const QString &path)
{
    Result<std::unique_ptr<Store>> opened = Store::open(syncBenchStoreOptions(path));
    if (!opened)
        fail(QStringLiteral("open store"), opened.error());
    return std::move(opened).value();
}

// One patient, already known to the DPI as Patient/bench-patient version 1: marked delivered on the
// device so that a push carries only the records being measured. `putOn` makes a fresh DPI agree.
struct DeliveredPatient
{
    QUuid id;
    QByteArray fhirJson; // what to PUT at Patient/bench-patient

    static DeliveredPatient addTo(Store &store)
    {
        Patient patient;
        patient.family = QStringLiteral("Bench");
        patient.given = QStringLiteral("Sync");
        patient.birthDate = QDate(1950, 3, 14);
        patient.sex = Sex::Female;
        patient.identifiers.append(
            {IdentifierKind::Ipp, store.establishment(), QStringLiteral("BS000001"), false});
        Result<Patient> added = store.patients().add(patient);
        if (!added)
            fail(QStringLiteral("patient"), added.error());
        StoreContext &context = store.context();
        Transaction tx(context.db);
        Status s = tx.begin();
        if (s)
            s = context.records.setServerState(added->id, kBenchPatientServerId, QStringLiteral("1"),
                                               context.clock.nowMs());
        if (s)
            s = store.outbox().settle(added->id, INT_MAX, OutboxState::Delivered, QString(),
                                      context.clock.nowMs());
        if (s)
            s = tx.commit();
        if (!s)
            fail(QStringLiteral("patient delivered"), s.error());
        QJsonObject json = fhir::patientToFhir(*added);
        json.remove(QLatin1String("meta"));
        json.insert(QLatin1String("id"), kBenchPatientServerId);
        return {added->id, QJsonDocument(json).toJson(QJsonDocument::Compact)};
    }

    static QByteArray jsonFrom(Store &store)
    {
        Result<QList<Patient>> all = store.patients().all();
        if (!all || all->size() != 1)
            fail(QStringLiteral("patient"), QStringLiteral("the store should hold exactly one patient"));
        QJsonObject json = fhir::patientToFhir(all->first());
        json.remove(QLatin1String("meta"));
        json.insert(QLatin1String("id"), kBenchPatientServerId);
        return QJsonDocument(json).toJson(QJsonDocument::Compact);
    }

    static void putOn(MinimalClient &client, const QByteArray &json)
    {
        const MinimalClient::Reply reply =
            client.send(QByteArrayLiteral("PUT"), QStringLiteral("Patient/") + kBenchPatientServerId, json);
        if (reply.status != 201 && reply.status != 200)
            fail(QStringLiteral("PUT patient"), QStringLiteral("the DPI answered %1: %2")
                                                    .arg(reply.status)
                                                    .arg(QString::fromUtf8(reply.body.left(300))));
    }
};

// A memory file system to build big stores in (fsync is free there), else none.
inline QString stagingFolder(const QString &requested)
{
    if (requested == QLatin1String("none"))
        return {};
    if (QFileInfo(requested).isWritable() && isMemoryFileSystem(requested))
        return requested;
    return {};
}

// Copies a closed store (file, WAL and head mark) to `to`; with `move`, removes the source.
inline void copyStoreFiles(const QString &from, const QString &to, bool move)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-head")}) {
        if (!QFile::exists(from + suffix))
            continue;
        QFile::remove(to + suffix);
        if (!QFile::copy(from + suffix, to + suffix))
            fail(QStringLiteral("copy"),
                 QStringLiteral("cannot copy %1 to %2").arg(from + suffix, to + suffix));
        if (move)
            QFile::remove(from + suffix);
    }
    QFile::remove(to + QStringLiteral("-shm"));
    if (move)
        QFile::remove(from + QStringLiteral("-shm"));
}

} // namespace chevet::bench
