import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// One patient: identity and allergies always in view, the current NEWS2 with the response the RCP
// table asks for, then trends, NEWS2 history, transmissions, tasks and alerts.
Page {
    id: page
    property string patientId
    property bool openEscalation: false // the page tour shows the call dialog
    title: chart.identity.name || ""

    PatientChart {
        id: chart
        session: Session
        patientId: page.patientId
        onActionFailed: function(message) { failure.text = message; failure.open() }
        onChanged: {
            if (page.openEscalation && escalation !== "") {
                page.openEscalation = false
                escalationDialog.open()
            }
        }
    }

    Dialog {
        id: failure
        property alias text: failureLabel.text
        anchors.centerIn: parent
        modal: true
        footer: DialogButtonBox {
            Button { text: qsTr("OK"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
        title: qsTr("Action impossible")
        Label { id: failureLabel; wrapMode: Text.WordWrap }
    }

    // The chart is only as recent as the last sync: past an hour (or never), say so (issue "the app"
    // item 6). Another tablet's unsent work cannot be known from here, and the banner says that too.
    readonly property int staleAfterMinutes: 60
    property double now: Date.now()
    Timer { interval: 60000; running: true; repeat: true; onTriggered: page.now = Date.now() }
    readonly property int minutesSinceSync: {
        const last = SyncStatus.lastSync
        return !last || isNaN(last) || last.getTime() <= 0 ? -1 : Math.floor((now - last.getTime()) / 60000)
    }
    readonly property bool stale: Session.connectedToDpi && SyncStatus.state !== SyncStatus.Training
                                  && (minutesSinceSync < 0 || minutesSinceSync >= staleAfterMinutes)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: Theme.gap

        Label {
            objectName: "staleChartBanner"
            visible: page.stale
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.mediumText
            font.bold: true
            text: (page.minutesSinceSync < 0 ? qsTr("Ce dossier n'a jamais été synchronisé avec le DPI.")
                                             : qsTr("Dossier synchronisé avec le DPI il y a %1.").arg(Theme.duration(page.minutesSinceSync)))
                  + " " + qsTr("Des soins saisis ailleurs peuvent manquer ; travail non envoyé d'autres tablettes : inconnu.")
        }

        // Identity, allergies and NEWS2: what must never scroll out of sight. Side by side on a landscape
        // tablet, one under the other in portrait (a nurse's walkthrough: the call button ran off screen).
        GridLayout {
            Layout.fillWidth: true
            columns: page.width >= 1000 ? 2 : 1
            columnSpacing: 16
            rowSpacing: 8
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    text: chart.identity.name || ""
                    font.pixelSize: 28
                    font.bold: true
                }
                Label {
                    text: qsTr("Né(e) le %1  ·  %2  ·  chambre %3 %4").arg(chart.identity.birthDate || "")
                          .arg(chart.identity.sex === "female" ? qsTr("femme") : chart.identity.sex === "male" ? qsTr("homme") : qsTr("sexe non renseigné"))
                          .arg(chart.identity.room || "").arg(chart.identity.bed || "")
                }
                Label {
                    text: qsTr("IPP %1  ·  INS %2").arg(chart.identity.ipp || "—")
                          .arg(chart.identity.ins ? chart.identity.ins + " (" + page.insStatusText(chart.identity.insStatus) + ")" : qsTr("non renseigné"))
                    opacity: 0.8
                }
                Rectangle {
                    Layout.fillWidth: true
                    Layout.preferredHeight: allergyLabel.implicitHeight + 12
                    radius: 6
                    color: chart.allergies.length > 0 ? Theme.high : "transparent"
                    border.color: chart.allergies.length > 0 ? Theme.high : "#9e9e9e"
                    Label {
                        id: allergyLabel
                        anchors.fill: parent
                        anchors.margins: 6
                        wrapMode: Text.WordWrap
                        color: chart.allergies.length > 0 ? "white" : Material.foreground
                        font.bold: chart.allergies.length > 0
                        text: chart.allergies.length > 0
                              ? qsTr("Allergies : %1").arg(chart.allergies.map(a => a.substance + (a.criticality === "high" ? " (" + qsTr("grave") + ")" : "")).join(", "))
                              : chart.allergiesRecorded ? qsTr("Allergies : aucune connue (DPI)")
                                                        : qsTr("Allergies : non renseignées dans le DPI — demandez au patient")
                    }
                }
            }
            ColumnLayout {
                spacing: 4
                Layout.preferredWidth: page.width >= 1000 ? 420 : -1
                Layout.fillWidth: page.width < 1000
                RowLayout {
                    News2Badge {
                        score: chart.news2
                        risk: chart.news2Risk
                        complete: chart.news2Complete
                    }
                    Label {
                        text: qsTr("NEWS2")
                        font.pixelSize: Theme.titleSize
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: chart.news2 < 0 ? qsTr("Pas de constantes récentes.") : chart.news2Response
                }
                // When the next vitals are due (RCP frequency for this score), and how late they are.
                Label {
                    id: vitalsDue
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    readonly property var care: chart.lateCare
                    readonly property bool late: (care.vitalsLateMinutes || 0) > 0
                    visible: chart.loaded
                    font.bold: late || care.monitoring === "first" || care.monitoring === "continuous"
                    color: care.monitoring === "continuous" ? Theme.highText : late || care.monitoring === "first" ? Theme.mediumText : Material.foreground
                    text: (care.news2AgeMinutes >= 0 ? qsTr("Dernières constantes il y a %1.").arg(Theme.duration(care.news2AgeMinutes)) + " " : "")
                          + (care.monitoring === "first" ? qsTr("Constantes à prendre.")
                             : late ? qsTr("Constantes en retard de %1.").arg(Theme.duration(care.vitalsLateMinutes))
                             : care.monitoring === "continuous" ? qsTr("Surveillance continue.")
                             : care.vitalsDueInMinutes === 0 ? qsTr("Constantes dues maintenant.")
                             : qsTr("Prochaines constantes dans %1.").arg(Theme.duration(care.vitalsDueInMinutes)))
                }
                // A newer entry was incomplete and scored lower: the known risk stands until a complete set.
                Label {
                    objectName: "newerIncomplete"
                    visible: chart.lateCare.newerIncomplete === true
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.mediumText
                    text: visible ? qsTr("Saisie incomplète à %1 (au moins %2) : le score affiché reste celui de la dernière saisie complète.")
                                    .arg(Qt.formatDateTime(chart.lateCare.newerIncompleteAt, "hh:mm")).arg(chart.lateCare.newerIncompleteScore)
                                  : ""
                }
            }
        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            Button {
                text: qsTr("Saisir les constantes")
                highlighted: true
                height: Theme.touch
                onClicked: page.StackView.view.push("VitalsPage.qml", { patientId: page.patientId })
            }
            Button {
                text: qsTr("Transmission ciblée")
                height: Theme.touch
                onClicked: page.StackView.view.push("NotePage.qml", { patientId: page.patientId })
            }
            Button {
                text: qsTr("Médicaments")
                height: Theme.touch
                onClicked: page.StackView.view.push("MedicationPage.qml", { patientId: page.patientId })
            }
            // NEWS2 5 or more, or a 3 in one parameter: the RCP asks for a call (issue "the app" item 3).
            Button {
                id: callDoctor
                visible: chart.escalation !== ""
                text: qsTr("Appeler le médecin")
                Material.background: chart.escalation === "emergency" ? Theme.high : Theme.mediumButton
                Material.foreground: "white"
                height: Theme.touch
                onClicked: escalationDialog.open()
            }
        }

        EscalationDialog {
            id: escalationDialog
            patientId: page.patientId
            sbar: chart.sbar
            escalation: chart.escalation
            valuesAgeMinutes: chart.lateCare.news2AgeMinutes || 0
            valuesLate: (chart.lateCare.vitalsLateMinutes || 0) > 0
        }

        TabBar {
            Material.accent: Theme.accentText // the current tab's text and underline, on either theme
            id: tabs
            Layout.fillWidth: true
            TabButton { text: qsTr("Tendances"); height: Theme.touch }
            TabButton { text: qsTr("NEWS2"); height: Theme.touch }
            TabButton { text: qsTr("Transmissions (%1)").arg(chart.notes.length); height: Theme.touch }
            TabButton { text: qsTr("Soins (%1)").arg(chart.tasks.filter(t => t.open).length); height: Theme.touch }
            TabButton { text: qsTr("Alertes (%1)").arg(chart.alerts.length); height: Theme.touch }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            TrendsView { chart: chart }

            ListView {
                clip: true
                model: chart.news2History.slice().reverse()
                delegate: RowLayout {
                    required property var modelData
                    width: ListView.view.width
                    height: 52
                    spacing: 16
                    Label { text: Qt.formatDateTime(modelData.time, "dd/MM hh:mm"); Layout.preferredWidth: 140 }
                    News2Badge { score: modelData.total; risk: modelData.risk; complete: modelData.complete; implicitHeight: 44; implicitWidth: 44 }
                    Label { text: modelData.complete ? "" : qsTr("incomplet (score minimal)"); opacity: 0.7 }
                }
            }

            NotesView { notes: chart.notes }

            TasksView {
                tasks: chart.tasks
                onComplete: function(id) { chart.completeTask(id) }
            }

            ListView {
                clip: true
                model: chart.alerts
                delegate: RowLayout {
                    required property var modelData
                    width: ListView.view.width
                    spacing: 16
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            text: "⚠ " + modelData.title
                            color: Theme.highText
                            font.bold: true
                        }
                        Repeater {
                            model: modelData.details
                            delegate: Label { required property string modelData; text: "• " + modelData; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                        }
                        Label {
                            text: modelData.action.length > 0 ? modelData.action : modelData.message
                            font.bold: modelData.action.length > 0
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                        }
                    }
                    Button {
                        text: qsTr("J'ai pris connaissance")
                        Layout.preferredHeight: Theme.touch
                        Layout.alignment: Qt.AlignTop
                        onClicked: chart.acknowledgeAlert(modelData.id)
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: chart.alerts.length === 0
                    text: qsTr("Aucune alerte ouverte.")
                }
            }
        }
    }

    function insStatusText(status) {
        switch (status) {
        case "QUAL": return qsTr("qualifiée")
        case "VALI": return qsTr("validée")
        case "RECUP": return qsTr("récupérée")
        case "PROV": return qsTr("provisoire")
        default: return qsTr("statut inconnu")
        }
    }
}
