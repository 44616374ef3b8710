#pragma once

#include "lifecyclesources.h"

namespace chevet {

// The application state as QGuiApplication reports it (Android and iOS report Suspended, Hidden and
// Inactive; a desktop window reports Inactive when it loses focus).
class GuiApplicationStateSource final : public ApplicationStateSource
{
    Q_OBJECT

public:
    explicit GuiApplicationStateSource(QObject *parent = nullptr);
    Qt::ApplicationState state() const override;
};

} // namespace chevet
