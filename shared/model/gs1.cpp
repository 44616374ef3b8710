#include "gs1.h"

#include <QList>

namespace chevet {

namespace {

constexpr QChar kGroupSeparator(0x1d);

struct AiSpec
{
    const char *ai;
    int fixedLength; // 0 when variable
    int maxLength;
};

// The identifiers found on medication packs and wristbands; anything else is refused rather than
// guessed, since a misread field could pass for a batch or a date.
constexpr AiSpec kAis[] = {
    {"00", 18, 18}, // SSCC
    {"01", 14, 14}, // GTIN
    {"10", 0, 20},  // batch
    {"11", 6, 6},   // production date
    {"15", 6, 6},   // best before
    {"17", 6, 6},   // expiry
    {"21", 0, 20},  // serial
    {"30", 0, 8},   // count
    {"710", 0, 20}, // national healthcare reimbursement number (Germany)
    {"711", 0, 20}, // (France)
    {"712", 0, 20}, // (Spain)
};

Error gs1Error(const QString &message)
{
    Error e = makeError(ModelError::BadGs1, message);
    e.field = QStringLiteral("gs1");
    return e;
}

const AiSpec *matchAi(const QString &text, int at)
{
    for (const AiSpec &spec : kAis) {
        const QLatin1String ai(spec.ai);
        if (text.mid(at, ai.size()) == ai)
            return &spec;
    }
    return nullptr;
}

bool allDigits(const QString &s)
{
    for (QChar c : s) {
        if (!c.isDigit())
            return false;
    }
    return !s.isEmpty();
}

std::optional<QDate> parseGs1Date(const QString &yymmdd)
{
    if (yymmdd.size() != 6 || !allDigits(yymmdd))
        return std::nullopt;
    // GS1 general specifications: the century is chosen so the year lies within -49/+50 of today;
    // medication expiry dates are all this century.
    const int year = 2000 + yymmdd.left(2).toInt();
    const int month = yymmdd.mid(2, 2).toInt();
    const int day = yymmdd.mid(4, 2).toInt();
    if (month < 1 || month > 12)
        return std::nullopt;
    if (day == 0)
        return QDate(year, month, 1).addMonths(1).addDays(-1);
    QDate date(year, month, day);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

// "(01)0340…(17)2712…" → "01034…17…" with a separator after each variable-length field.
QString fromHumanReadable(const QString &text)
{
    QString out;
    int at = 0;
    while (at < text.size()) {
        if (text.at(at) != u'(')
            return QString();
        const int close = text.indexOf(u')', at);
        if (close < 0)
            return QString();
        const QString ai = text.mid(at + 1, close - at - 1);
        const int next = text.indexOf(u'(', close);
        const QString value = text.mid(close + 1, next < 0 ? -1 : next - close - 1);
        if (!out.isEmpty())
            out += kGroupSeparator;
        out += ai + value;
        at = next < 0 ? int(text.size()) : next;
    }
    return out;
}

} // namespace

bool looksLikeGs1(const QString &text)
{
    return text.startsWith(QLatin1String("]d2")) || text.startsWith(QLatin1String("]C1")) ||
           text.startsWith(QLatin1String("]Q3")) || text.startsWith(QLatin1String("(01)")) ||
           (text.startsWith(QLatin1String("01")) && text.size() >= 16 && allDigits(text.left(16)));
}

QString normalizedGtin(const QString &digits)
{
    if (!allDigits(digits) || digits.size() > 14)
        return QString();
    return QString(14 - digits.size(), u'0') + digits;
}

bool gtinCheckDigitValid(const QString &gtin14)
{
    if (gtin14.size() != 14 || !allDigits(gtin14))
        return false;
    int sum = 0;
    for (int i = 0; i < 13; ++i)
        sum += gtin14.at(i).digitValue() * (i % 2 == 0 ? 3 : 1);
    return (10 - sum % 10) % 10 == gtin14.at(13).digitValue();
}

Result<Gs1Data> parseGs1(const QString &input)
{
    QString text = input.trimmed();
    for (const char *prefix : {"]d2", "]C1", "]Q3", "]e0"}) {
        if (text.startsWith(QLatin1String(prefix))) {
            text = text.mid(3);
            break;
        }
    }
    if (text.startsWith(u'(')) {
        text = fromHumanReadable(text);
        if (text.isEmpty())
            return gs1Error(QStringLiteral("unbalanced parentheses in a printed GS1 code"));
    }
    if (text.startsWith(kGroupSeparator))
        text = text.mid(1);

    Gs1Data data;
    int at = 0;
    while (at < text.size()) {
        const AiSpec *spec = matchAi(text, at);
        if (!spec)
            return gs1Error(QStringLiteral("unknown application identifier at position %1").arg(at));
        const QString ai = QLatin1String(spec->ai);
        at += int(ai.size());
        QString value;
        if (spec->fixedLength > 0) {
            value = text.mid(at, spec->fixedLength);
            at += spec->fixedLength;
            if (at < text.size() && text.at(at) == kGroupSeparator)
                ++at; // tolerated after a fixed field
        } else {
            const int end = text.indexOf(kGroupSeparator, at);
            value = text.mid(at, end < 0 ? -1 : end - at);
            at = end < 0 ? int(text.size()) : end + 1;
        }
        if (value.isEmpty() || (spec->fixedLength > 0 && value.size() != spec->fixedLength) ||
            value.size() > spec->maxLength)
            return gs1Error(QStringLiteral("AI (%1) has a value of the wrong length").arg(ai));

        if (ai == QLatin1String("01")) {
            if (!gtinCheckDigitValid(value))
                return gs1Error(QStringLiteral("AI (01): the GTIN's check digit is wrong"));
            data.gtin = value;
        } else if (ai == QLatin1String("17")) {
            data.expiry = parseGs1Date(value);
            if (!data.expiry)
                return gs1Error(QStringLiteral("AI (17): not a date"));
        } else if (ai == QLatin1String("10")) {
            data.batch = value;
        } else if (ai == QLatin1String("21")) {
            data.serial = value;
        }
    }
    if (data.gtin.isEmpty())
        return gs1Error(QStringLiteral("no GTIN (AI 01) in the code"));
    return data;
}

} // namespace chevet
