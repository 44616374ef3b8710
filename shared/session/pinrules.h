#pragma once

#include <QByteArray>
#include <QString>

namespace chevet {

// Which PINs a nurse may choose (security review F2): a thief at a locked tablet tries the PINs people
// pick first, so a PIN has 6 digits at least and is none of the patterns at the top of leaked PIN lists.
// Checked when a PIN is set (store creation, enrolment, change), never at unlock: PINs chosen under an
// older rule keep opening the store.
inline constexpr int kMinPinDigits = 6;

enum class PinWeakness {
    None,
    TooShort,  // fewer than kMinPinDigits
    NotDigits, // anything but 0-9 (the tablet shows a keypad)
    Repeated,  // one short group repeated: 111111, 121212, 123123, 112112
    Sequence,  // digits a constant step apart, wrapping: 123456, 987654, 135791, 890123
    Date,      // a day and month then a year, the French way: 250890 (DDMMYY), 25081990 (DDMMYYYY)
    Common,    // on the short list of the most chosen PINs that are none of the above
};

PinWeakness pinWeakness(const QByteArray &pin, int minDigits = kMinPinDigits);

// For logs and chevetctl (English); the app words it from the enum.
QString pinWeaknessText(PinWeakness weakness, int minDigits = kMinPinDigits);

} // namespace chevet
