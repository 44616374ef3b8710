#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace chevet::dpi {

// FHIR issue types (http://hl7.org/fhir/issue-type) this server reports.
enum class Issue {
    Invalid,
    Structure,
    Required,
    Value,
    Invariant,
    CodeInvalid,
    NotFound,
    Deleted,
    Conflict,
    Duplicate,
    MultipleMatches,
    TooCostly,
    NotSupported,
    Login,
    Transient,
    Exception,
    Informational,
};

QString issueCode(Issue issue);

// A refusal, sent back as an OperationOutcome. `diagnostics` says what was wrong and how to fix it;
// it never quotes resource content, so it is safe to log.
struct FhirError
{
    int status = 400;
    Issue issue = Issue::Invalid;
    QString diagnostics;
    QString expression; // FHIRPath of the culprit when known, e.g. "Bundle.entry[2]"
};

inline FhirError fhirError(int status, Issue issue, const QString &diagnostics,
                           const QString &expression = {})
{
    return FhirError{status, issue, diagnostics, expression};
}

// A value or the FHIR error to answer instead; the DPI's own Result type (it does not link chevet_core,
// so that the engine is always tested against code it shares nothing with).
template<typename T> class [[nodiscard]] Expected
{
public:
    Expected(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Expected(FhirError error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const FhirError &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, FhirError> m_state;
};

template<> class [[nodiscard]] Expected<void>
{
public:
    Expected() = default;
    Expected(FhirError error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const FhirError &error() const { return m_error; }

private:
    FhirError m_error;
    bool m_failed = false;
};

} // namespace chevet::dpi
