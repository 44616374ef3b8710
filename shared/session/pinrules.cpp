#include "pinrules.h"

#include <QDate>

#include <array>

namespace chevet {

namespace {

bool repeatsAGroup(const QByteArray &pin)
{
    for (qsizetype group = 1; group <= pin.size() / 2; ++group) {
        if (pin.size() % group != 0)
            continue;
        bool same = true;
        for (qsizetype i = group; same && i < pin.size(); ++i)
            same = pin.at(i) == pin.at(i - group);
        if (same)
            return true;
    }
    return false;
}

bool constantStep(const QByteArray &pin)
{
    const int step = (pin.at(1) - pin.at(0) + 10) % 10;
    for (qsizetype i = 2; i < pin.size(); ++i) {
        if ((pin.at(i) - pin.at(i - 1) + 10) % 10 != step)
            return false;
    }
    return true;
}

int number(const QByteArray &digits, qsizetype from, qsizetype count)
{
    return digits.mid(from, count).toInt();
}

bool looksLikeADate(const QByteArray &pin)
{
    if (pin.size() != 6 && pin.size() != 8)
        return false;
    const int day = number(pin, 0, 2);
    const int month = number(pin, 2, 2);
    // Any year will do for a 6-digit PIN; 8 digits name one in the last two centuries.
    const int year = pin.size() == 8 ? number(pin, 4, 4) : 2000;
    if (pin.size() == 8 && (year < 1900 || year > 2099))
        return false;
    return QDate(year, month, day).isValid(); // 2000 was a leap year: 29 February counts
}

// The most chosen 6-digit PINs in published analyses of leaked PIN lists that the rules above do not
// already catch, and the keypad's straight lines.
constexpr std::array kCommon = {
    "123321", "654456", "112233", "332211", "102030", "147258", "258369", "369258", "159753",
    "951753", "147852", "963852", "741852", "789456", "456123", "123654", "696969", "520131",
    "131420", "000007", "159357", "753951", "142536", "124578", "100200", "199999",
};

} // namespace

PinWeakness pinWeakness(const QByteArray &pin, int minDigits)
{
    for (const char c : pin) {
        if (c < '0' || c > '9')
            return PinWeakness::NotDigits;
    }
    if (pin.size() < minDigits || pin.size() < 2)
        return PinWeakness::TooShort;
    if (repeatsAGroup(pin))
        return PinWeakness::Repeated;
    if (constantStep(pin))
        return PinWeakness::Sequence;
    if (looksLikeADate(pin))
        return PinWeakness::Date;
    for (const char *common : kCommon) {
        if (pin == common)
            return PinWeakness::Common;
    }
    return PinWeakness::None;
}

QString pinWeaknessText(PinWeakness weakness, int minDigits)
{
    switch (weakness) {
    case PinWeakness::None:
        return {};
    case PinWeakness::TooShort:
        return QStringLiteral("the PIN must have at least %1 digits").arg(minDigits);
    case PinWeakness::NotDigits:
        return QStringLiteral("the PIN must be made of digits only");
    case PinWeakness::Repeated:
        return QStringLiteral("the PIN repeats the same digits (like 121212): choose another");
    case PinWeakness::Sequence:
        return QStringLiteral("the PIN is a sequence (like 123456 or 135791): choose another");
    case PinWeakness::Date:
        return QStringLiteral("the PIN looks like a date (like a birthday): choose another");
    case PinWeakness::Common:
        return QStringLiteral("the PIN is one of the most often chosen: choose another");
    }
    return {};
}

} // namespace chevet
