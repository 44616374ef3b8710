#include "pinprompt.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace chevet {

Result<QByteArray> promptForPin(const QString &prompt)
{
    if (!isatty(STDIN_FILENO))
        return makeError(PlatformError::NoTerminal,
                         QStringLiteral("no PIN given: use --pin, CHEVET_PIN or run from a terminal"));
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    char buffer[256] = {};
    const bool read = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
    if (!read)
        return makeError(PlatformError::NoPin, QStringLiteral("no PIN was entered"));
    QByteArray pin(buffer);
    while (pin.endsWith('\n') || pin.endsWith('\r'))
        pin.chop(1);
    return pin;
}

} // namespace chevet
