// Every engine error code has words for the nurse (issue "the app" item 2): French by default, and an
// English translation; never the engine's own English message, never a raw code.
#include "services/errortext.h"

#include <QTest>
#include <QTranslator>

using namespace chevet;

namespace {

// Every code of a domain: its enum's values run from 0 to its last named one (name() says "unknown"
// past it).
template<typename Enum> void addAll(QList<ErrorCode> &codes)
{
    for (int i = 0; ErrorCode(Enum(i)).name() != QLatin1String("unknown"); ++i)
        codes.append(ErrorCode(Enum(i)));
}

QList<ErrorCode> allCodes()
{
    QList<ErrorCode> codes{ErrorCode(CoreError::Unknown)};
    addAll<StoreError>(codes);
    addAll<CryptoError>(codes);
    addAll<ValidationError>(codes);
    addAll<ModelError>(codes);
    addAll<FhirReadError>(codes);
    addAll<NetError>(codes);
    addAll<SyncError>(codes);
    addAll<PlatformError>(codes);
    return codes;
}

} // namespace

class TestErrorText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeHasFrenchWords()
    {
        const QList<ErrorCode> codes = allCodes();
        QVERIFY(codes.size() > 140);
        for (const ErrorCode &code : codes) {
            const Error error = makeError(code, QStringLiteral("the engine's message"));
            const QString text = ErrorText::of(error);
            QVERIFY2(!text.isEmpty(), qPrintable(code.name()));
            QVERIFY2(!text.contains(QLatin1String("the engine's message")), qPrintable(code.name()));
            QVERIFY2(!text.contains(code.name()), qPrintable(code.name()));
            QVERIFY2(text.endsWith(QLatin1Char('.')), qPrintable(code.name() + QStringLiteral(": ") + text));
        }
    }

    // The re-enrolment the walkthrough met: a nurse already on the tablet is told so, in French.
    void aNurseEnrolledTwiceIsToldSoInFrench()
    {
        const QString text =
            ErrorText::of(makeError(StoreError::NurseExists, QStringLiteral("nurse exists")));
        QVERIFY2(text.contains(QStringLiteral("déjà enrôlée")), qPrintable(text));
    }

    void everyCodeIsTranslatedToEnglish()
    {
        QTranslator english;
        QVERIFY(english.load(QStringLiteral(":/i18n/chevet_en.qm")));
        QCoreApplication::installTranslator(&english);
        for (const ErrorCode &code : allCodes()) {
            const QString text = ErrorText::of(makeError(code, QString()));
            QCoreApplication::removeTranslator(&english);
            const QString french = ErrorText::of(makeError(code, QString()));
            QCoreApplication::installTranslator(&english);
            QVERIFY2(text != french,
                     qPrintable(code.name() + QStringLiteral(" is not translated: ") + french));
        }
        QCoreApplication::removeTranslator(&english);
    }
};

QTEST_MAIN(TestErrorText)
#include "tst_errortext.moc"
