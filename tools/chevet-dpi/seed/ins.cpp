#include "ins.h"

namespace chevet::dpi::seed {

QString insWithKey(const QString &thirteenDigits)
{
    const qint64 number = thirteenDigits.toLongLong();
    const int key = int(97 - number % 97);
    return thirteenDigits + QStringLiteral("%1").arg(key, 2, 10, QLatin1Char('0'));
}

bool insKeyIsValid(const QString &fifteenDigits)
{
    return fifteenDigits.size() == 15 && insWithKey(fifteenDigits.left(13)) == fifteenDigits;
}

} // namespace chevet::dpi::seed
