import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// Where the nurse (or IT) sees what has reached the DPI: state, progress, what is still on the
// tablet, the last successful sync, records the DPI refused with its reason, and conflicts.
Page {
    id: page
    title: qsTr("Synchronisation")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Theme.gap

        RowLayout {
            spacing: 16
            SyncIndicator { enabled: false }
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Synchroniser maintenant")
                highlighted: true
                enabled: SyncStatus.state !== SyncStatus.Syncing && SyncStatus.state !== SyncStatus.Training && SyncStatus.state !== SyncStatus.Disabled
                Layout.preferredHeight: Theme.touch
                onClicked: SyncStatus.syncNow()
            }
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: SyncStatus.state === SyncStatus.Syncing
            indeterminate: SyncStatus.total === 0
            from: 0
            to: Math.max(1, SyncStatus.total)
            value: SyncStatus.done
        }
        GridLayout {
            columns: 2
            columnSpacing: 24
            rowSpacing: 8
            Label { text: qsTr("En attente d'envoi"); font.bold: true }
            Label { text: SyncStatus.pending === 0 ? qsTr("rien, tout est dans le DPI") : qsTr("%n enregistrement(s) seulement sur cette tablette", "", SyncStatus.pending); color: SyncStatus.pending > 0 ? Theme.unsentText : Material.foreground }
            Label { text: qsTr("Dernière synchronisation réussie"); font.bold: true }
            Label { text: isNaN(SyncStatus.lastSync) || SyncStatus.lastSync.getTime() === 0 ? qsTr("jamais") : Qt.formatDateTime(SyncStatus.lastSync, "dd/MM/yyyy hh:mm") }
            Label { text: qsTr("Écart d'horloge avec le DPI"); font.bold: true; visible: SyncStatus.state !== SyncStatus.Training }
            Label { visible: SyncStatus.state !== SyncStatus.Training; text: SyncStatus.clockSkewMinutes === 0 ? qsTr("moins d'une minute") : qsTr("%n minute(s)", "", Math.abs(SyncStatus.clockSkewMinutes)); color: SyncStatus.clockWrong ? Theme.highText : Material.foreground }
            Label { text: qsTr("Conflits à résoudre"); font.bold: true }
            Label { text: SyncStatus.conflicts }
            Label { text: qsTr("Alertes cliniques ouvertes"); font.bold: true }
            Label { text: SyncStatus.alerts }
            Label { text: qsTr("Dernière erreur"); font.bold: true; visible: SyncStatus.lastError.length > 0 }
            Label { text: SyncStatus.lastError; visible: SyncStatus.lastError.length > 0; wrapMode: Text.WordWrap; Layout.fillWidth: true; color: Theme.mediumText }
        }
        RowLayout {
            visible: SignIn.needed
            spacing: Theme.gap
            Label {
                text: qsTr("Votre session auprès du DPI a expiré : reconnectez-vous pour envoyer. Rien n'est perdu.")
                color: Theme.mediumText
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Se connecter")
                highlighted: true
                enabled: !SignIn.busy
                Layout.preferredHeight: Theme.touch
                onClicked: SignIn.start(Session.nurse)
            }
        }
        Label {
            visible: SyncStatus.state === SyncStatus.Training
            text: qsTr("Mode formation : ces données ne sont jamais envoyées.")
            color: Theme.trainingText
            font.bold: true
        }
        Button {
            visible: SyncStatus.conflicts + SyncStatus.alerts > 0
            text: qsTr("Voir les conflits et alertes")
            Layout.preferredHeight: Theme.touch
            onClicked: page.StackView.view.push("ReviewPage.qml")
        }
        // Every record still only on this tablet: whose, what, when and why (issue "the app" item 6).
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: SyncStatus.unsentRecords.length > 0
            Label {
                text: qsTr("Pas encore dans le DPI (%1)").arg(SyncStatus.unsentRecords.length)
                font.pixelSize: Theme.titleSize
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Renvoyer les refusés au DPI")
                visible: SyncStatus.quarantined > 0
                Layout.preferredHeight: Theme.touch
                onClicked: SyncStatus.retryQuarantined()
            }
        }
        ListView {
            id: unsentList
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: SyncStatus.unsentRecords
            ScrollIndicator.vertical: ScrollIndicator {}
            delegate: ColumnLayout {
                required property var modelData
                width: ListView.view.width
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Label {
                        text: modelData.at && !isNaN(modelData.at) ? Qt.formatDateTime(modelData.at, "dd/MM hh:mm") : ""
                        Layout.preferredWidth: 120
                        opacity: 0.8
                    }
                    Label {
                        text: (modelData.patient ? modelData.patient + " · " : "") + modelData.what
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: modelData.stateText
                        color: modelData.state === "pending" ? Theme.unsentText : Theme.mediumText
                        font.bold: modelData.state !== "pending"
                    }
                }
                Label {
                    visible: modelData.reason.length > 0
                    text: modelData.state === "pending" ? qsTr("Dernière tentative : %1").arg(modelData.reason) : modelData.reason
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.leftMargin: 120 + Theme.gap
                    opacity: 0.8
                }
            }
        }
    }
}
