#include "arguments.h"

namespace chevet::cli {

namespace {

const QStringList kFlags = {QStringLiteral("oxygen"),  QStringLiteral("help"),
                            QStringLiteral("quiet"),   QStringLiteral("text"),
                            QStringLiteral("all"),     QStringLiteral("force"),
                            QStringLiteral("dry-run"), QStringLiteral("first-sign-in-here")};

} // namespace

std::optional<Arguments> Arguments::parse(const QStringList &args, QString *error)
{
    Arguments out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("--")) {
            out.m_words.append(arg);
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        } else if (kFlags.contains(name)) {
            out.m_flags.append(name);
            continue;
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            *error = QStringLiteral("option --%1 needs a value").arg(name);
            return std::nullopt;
        }
        out.m_values.insert(name, value);
        out.m_multi[name].append(value);
    }
    return out;
}

QStringList Arguments::unknown(const QStringList &known) const
{
    QStringList out;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!known.contains(it.key()))
            out.append(it.key());
    }
    for (const QString &f : m_flags) {
        if (!known.contains(f))
            out.append(f);
    }
    return out;
}

std::optional<double> number(const Arguments &args, const QString &name, QString *error)
{
    if (!args.has(name))
        return std::nullopt;
    bool ok = false;
    const double value = args.value(name).toDouble(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1 must be a number, not '%2'").arg(name, args.value(name));
        return std::nullopt;
    }
    return value;
}

} // namespace chevet::cli
