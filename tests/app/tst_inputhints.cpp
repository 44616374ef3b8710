// Security review F16: free-text fields used the keyboard's predictions, so third-party keyboards could
// learn and sync patient names and clinical words. Every text input of the app's QML says what it takes:
// numbers only, or text with no prediction and no learning (ImhSensitiveData | ImhNoPredictiveText).
// Read from the sources: each TextField and TextArea block, braces matched.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Input
{
    QString where;
    QString body;
};

QList<Input> textInputs(const QString &folder)
{
    QList<Input> found;
    static const QRegularExpression opening(QStringLiteral("\\b(TextField|TextArea)\\s*\\{"));
    QDirIterator files(folder, {QStringLiteral("*.qml")}, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        for (auto it = opening.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            int depth = 0;
            qsizetype end = match.capturedEnd() - 1;
            for (; end < text.size(); ++end) {
                if (text.at(end) == QLatin1Char('{'))
                    ++depth;
                else if (text.at(end) == QLatin1Char('}') && --depth == 0)
                    break;
            }
            const qsizetype line = text.left(match.capturedStart()).count(QLatin1Char('\n')) + 1;
            found.append({QStringLiteral("%1:%2").arg(QFileInfo(path).fileName()).arg(line),
                          text.mid(match.capturedStart(), end - match.capturedStart() + 1)});
        }
    }
    return found;
}

} // namespace

class TestInputHints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTextInputSaysWhatItTakes()
    {
        const QList<Input> inputs = textInputs(QStringLiteral(CHEVET_QML_SOURCE_DIR));
        QVERIFY(inputs.size() >= 10); // the sources were found and read
        for (const Input &input : inputs) {
            const bool numbers = input.body.contains(QLatin1String("ImhDigitsOnly")) ||
                                 input.body.contains(QLatin1String("ImhFormattedNumbersOnly"));
            const bool privateText = input.body.contains(QLatin1String("ImhSensitiveData")) &&
                                     input.body.contains(QLatin1String("ImhNoPredictiveText"));
            QVERIFY2(numbers || privateText,
                     qPrintable(input.where + QStringLiteral(": a text input that the "
                                                             "keyboard may learn")));
        }
    }

    // The nurse's review (b6): Qt's standard dialog buttons said "CANCEL" in the French interface, as
    // Qt's own translations are not shipped. Every button's text is the app's, translated with it.
    void noDialogUsesQtsStandardButtons()
    {
        QDirIterator files(QStringLiteral(CHEVET_QML_SOURCE_DIR), {QStringLiteral("*.qml")}, QDir::Files,
                           QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++read;
            QVERIFY2(!file.readAll().contains("standardButtons"), qPrintable(file.fileName()));
        }
        QVERIFY(read >= 10);
    }
};

QTEST_GUILESS_MAIN(TestInputHints)
#include "tst_inputhints.moc"
