// bench_pinguess: what one offline PIN guess costs someone who holds the store file and the device
// secret (security review F4: on Linux the secret is a file beside the data). A guess is one key
// derivation, scrypt(PIN, salt) with the store's parameters, then HKDF with the secret and an AES-GCM
// unwrap, which are negligible. Prints ms per guess and the time to try every PIN the rules allow.
#include "crypto/scrypt.h"
#include "session/pinrules.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace chevet;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--guesses"));
    const int guesses = at >= 0 && at + 1 < args.size() ? std::max(1, args.at(at + 1).toInt()) : 20;
    QTextStream out(stdout);

    const crypto::ScryptParams params; // the store's defaults
    const QByteArray salt(16, 's');
    std::vector<double> ms;
    for (int i = 0; i < guesses; ++i) {
        QElapsedTimer t;
        t.start();
        const Result<QByteArray> key = crypto::scrypt(QByteArray::number(100000 + i), salt, params);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!key) {
            std::fprintf(stderr, "scrypt failed: %s\n", qPrintable(key.error().message));
            return 1;
        }
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];

    int allowed = 0;
    for (int n = 0; n < 1000000; ++n) {
        if (pinWeakness(QByteArray::number(n).rightJustified(6, '0')) == PinWeakness::None)
            ++allowed;
    }
    const auto days = [&](double count) { return count * median / 1000.0 / 86400.0; };
    out << "bench_pinguess: scrypt N=" << params.n << " r=" << params.r << " p=" << params.p << ", "
        << guesses << " guesses on one core\n"
        << "  one guess (median):                 " << QString::number(median, 'f', 1) << " ms\n"
        << "  every 4-digit PIN (the old rule):   " << QString::number(days(10000) * 24, 'f', 2)
        << " hours on one core\n"
        << "  every 6-digit PIN the rules allow:  " << allowed << " PINs, "
        << QString::number(days(allowed), 'f', 1) << " days on one core, "
        << QString::number(days(allowed) / 2, 'f', 1) << " on the mean\n";
    return 0;
}
