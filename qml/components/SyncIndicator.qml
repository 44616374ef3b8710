import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// Always in the header: offline / syncing with progress / up to date / needs attention, and how
// many records are still only on this tablet. Tapping it opens the sync page.
ToolButton {
    id: indicator
    implicitHeight: Theme.touch
    Accessible.name: qsTr("État de la synchronisation : %1").arg(stateText) + (sinceText ? ", " + sinceText : "")

    readonly property string stateText: {
        switch (SyncStatus.state) {
        case SyncStatus.Syncing:
            return SyncStatus.total > 0 ? qsTr("Synchronisation %1/%2").arg(SyncStatus.done).arg(SyncStatus.total)
                                        : qsTr("Synchronisation…")
        case SyncStatus.UpToDate: return qsTr("À jour")
        case SyncStatus.Pending: return qsTr("Envoi en attente")
        case SyncStatus.NeedsAttention: return qsTr("À vérifier")
        case SyncStatus.Training: return qsTr("Formation")
        case SyncStatus.Disabled: return qsTr("Hors ligne (pas de DPI)")
        case SyncStatus.Locked: return qsTr("Verrouillé")
        default: return qsTr("Hors ligne")
        }
    }
    // Time since the last sync that reached the DPI, refreshed every minute (issue "the app" item 6).
    property double now: Date.now()
    Timer { interval: 60000; running: true; repeat: true; onTriggered: indicator.now = Date.now() }
    readonly property int minutesSinceSync: {
        const last = SyncStatus.lastSync
        if (!last || isNaN(last) || last.getTime() <= 0)
            return -1
        return Math.max(0, Math.floor((now - last.getTime()) / 60000))
    }
    readonly property string sinceText: SyncStatus.state === SyncStatus.Training || SyncStatus.state === SyncStatus.Syncing
                                        || SyncStatus.state === SyncStatus.Disabled ? ""
                                        : minutesSinceSync < 0 ? qsTr("jamais synchronisé")
                                        : minutesSinceSync < 1 ? qsTr("synchro à l'instant")
                                        : qsTr("synchro il y a %1").arg(Theme.duration(minutesSinceSync))
    readonly property color stateColor: {
        switch (SyncStatus.state) {
        case SyncStatus.UpToDate: return Theme.low
        case SyncStatus.NeedsAttention: return Theme.medium
        case SyncStatus.Syncing: return Material.accent
        case SyncStatus.Training: return Theme.training
        default: return "#757575"
        }
    }

    contentItem: RowLayout {
        spacing: 8
        Rectangle {
            Layout.preferredWidth: 14
            Layout.preferredHeight: 14
            radius: 7
            color: indicator.stateColor
        }
        Label {
            text: indicator.stateText
            font.pixelSize: Theme.bodySize
        }
        Label {
            visible: indicator.sinceText.length > 0
            text: indicator.sinceText
            font.pixelSize: 15
        }
        Rectangle {
            visible: SyncStatus.pending > 0
            Layout.preferredHeight: 28
            Layout.preferredWidth: pendingLabel.implicitWidth + 16
            radius: 14
            color: Theme.unsent
            Label {
                id: pendingLabel
                anchors.centerIn: parent
                color: "white"
                text: qsTr("%n non envoyé(s)", "", SyncStatus.pending)
                font.pixelSize: 15
            }
        }
    }
}
