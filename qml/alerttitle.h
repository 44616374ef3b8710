#pragma once

#include <QString>

// The nurse-facing title of a clinical alert, by its kind (French, translated through Qt Linguist).
// An unknown kind (written by a newer build) still gets a title, never another kind's.
QString alertTitle(const QString &kind);
