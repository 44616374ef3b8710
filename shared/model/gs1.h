#pragma once

#include "core/result.h"

#include <QDate>
#include <QString>

#include <optional>

namespace chevet {

// What a GS1 element string on a medication pack carries. French packs print a GS1 DataMatrix with
// the GTIN (a CIP13 behind a leading 0), the expiry date, the batch and, since serialisation, a
// serial number.
struct Gs1Data
{
    QString gtin;                // 14 digits, check digit verified
    QString batch;               // AI 10
    QString serial;              // AI 21
    std::optional<QDate> expiry; // AI 17; a day of 00 means the last day of the month
};

// Parses a scanned GS1 element string: raw from a scanner (FNC1 as ASCII 29, optional "]d2"/"]C1"/"]Q3"
// symbology prefix) or as printed "(01)…(17)…(10)…". Unknown application identifiers, a bad check
// digit or a malformed date are refused with a "bad-gs1" error naming the AI.
Result<Gs1Data> parseGs1(const QString &text);

// True when the text looks like a GS1 element string rather than a plain code.
bool looksLikeGs1(const QString &text);

// Pads a GTIN-8/12/13 to 14 digits so codes printed in different lengths compare equal.
QString normalizedGtin(const QString &digits);

// The GS1 mod-10 check digit of the digits before it.
bool gtinCheckDigitValid(const QString &gtin14);

} // namespace chevet
