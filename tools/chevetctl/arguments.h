#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace chevet::cli {

// `chevetctl [global options] <command words> [options]`: words are the positional arguments,
// options are `--name value`, `--name=value` or bare flags (only the names listed as flags).
class Arguments
{
public:
    static std::optional<Arguments> parse(const QStringList &args, QString *error);

    const QStringList &words() const { return m_words; }
    bool has(const QString &name) const { return m_values.contains(name) || m_flags.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }
    QStringList values(const QString &name) const { return m_multi.value(name); }
    bool flag(const QString &name) const { return m_flags.contains(name); }
    // Names of options given that are not in `known`: a typo must not be silently ignored.
    QStringList unknown(const QStringList &known) const;

private:
    QStringList m_words;
    QHash<QString, QString> m_values;
    QHash<QString, QStringList> m_multi;
    QStringList m_flags;
};

// A number option: std::nullopt when absent; sets *error when present but not a number.
std::optional<double> number(const Arguments &args, const QString &name, QString *error);

} // namespace chevet::cli
