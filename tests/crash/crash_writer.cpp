// crash_writer <store> <device-secret-file>: opens (or creates) a sealed store, makes sure the test
// patient exists, prints "ready", then records full bedside rounds forever, printing the id of every
// observation once recordVitals has returned (one flushed line each). tst_crashrecovery kills it.

#include "core/ids.h"
#include "crashfixture.h"
#include "model/patient.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QFile>

#include <cstdio>

using namespace chevet;

namespace {

int failed(const char *what, const Error &error)
{
    std::fprintf(stderr, "crash_writer: %s: %s: %s\n", what, error.code.name().toUtf8().constData(),
                 error.message.toUtf8().constData());
    return 1;
}

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

VitalsInput round(int i)
{
    VitalsInput in;
    in.respiratoryRate = 12 + i % 14;
    in.spo2 = 90 + i % 11;
    in.onOxygen = i % 5 == 0;
    in.systolic = 95 + i % 70;
    in.diastolic = 55 + i % 35;
    in.pulse = 50 + i % 70;
    in.temperature = 35.8 + double(i % 30) / 10.0;
    in.consciousness = i % 17 == 0 ? Acvpu::Confusion : Acvpu::Alert;
    return in;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: crash_writer <store> <device-secret-file>\n");
        return 64;
    }
    QFile secretFile(QString::fromLocal8Bit(argv[2]));
    if (!secretFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "crash_writer: cannot read the device secret\n");
        return 1;
    }

    StoreOptions options;
    options.path = QString::fromLocal8Bit(argv[1]);
    options.pin = crashtest::kPin;
    options.deviceSecret = secretFile.readAll();
    options.author = crashtest::kAuthor;
    options.kdf = crashtest::kKdf;
    Result<std::unique_ptr<Store>> opened =
        QFile::exists(options.path) ? Store::open(options) : Store::create(options);
    if (!opened)
        return failed("store", opened.error());
    Store &store = **opened;

    Result<std::optional<Patient>> found = store.patients().findByIpp(crashtest::kIpp);
    if (!found)
        return failed("find patient", found.error());
    QUuid patientId = *found ? (*found)->id : QUuid();
    if (patientId.isNull()) {
        Patient patient;
        patient.family = QStringLiteral("Crash");
        patient.given = QStringLiteral("Test");
        patient.birthDate = QDate(1948, 7, 2);
        patient.identifiers.append({IdentifierKind::Ipp, store.establishment(), crashtest::kIpp, false});
        Result<Patient> added = store.patients().add(patient);
        if (!added)
            return failed("add patient", added.error());
        patientId = added->id;
    }
    printLine(crashtest::kReady);

    for (int i = 0;; ++i) {
        Result<VitalsEntry> entry = store.observations().recordVitals(patientId, round(i));
        if (!entry)
            return failed("recordVitals", entry.error());
        for (const Observation &o : std::as_const(entry->observations))
            printLine(idToString(o.meta.id).toLatin1());
    }
}
