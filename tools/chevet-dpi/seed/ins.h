#pragma once

#include <QString>

namespace chevet::dpi::seed {

// The INS-NIR as the French national health identity writes it: 13 digits (sex, birth year and
// month, place of birth, order number) then a two-digit key, 97 - (number mod 97).
QString insWithKey(const QString &thirteenDigits);

// True when the last two digits are the right key for the first thirteen.
bool insKeyIsValid(const QString &fifteenDigits);

} // namespace chevet::dpi::seed
