import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// The round: every patient with room and bed, NEWS2, due doses, open tasks and what is not yet in the
// DPI. Scanning a wristband opens that patient's chart.
Page {
    id: page
    title: qsTr("Patients")
    property alias worklistModel: worklist

    WorklistModel {
        id: worklist
        session: Session
        unit: Units.current
    }

    // A wedge scanner types into whatever has the focus: the scan field has it whenever the worklist
    // shows, on arrival and on coming back from a chart (the nurse's review, 1c).
    StackView.onActivated: scan.grab()
    Component.onCompleted: scan.grab()

    header: ToolBar {
        height: 72
        Material.background: Material.color(Material.BlueGrey, Appearance.dark ? Material.Shade800 : Material.Shade50)
        RowLayout {
            anchors.fill: parent
            anchors.margins: 8
            spacing: Theme.gap
            ScanField {
                id: scan
                objectName: "worklistScan"
                Layout.fillWidth: true
                placeholder: qsTr("Scanner un bracelet pour ouvrir le dossier")
                onScanned: function(code) {
                    const row = worklist.rowForCode(code)
                    if (row < 0) {
                        notFound.open()
                        return
                    }
                    page.StackView.view.push("ChartPage.qml", { patientId: worklist.data(worklist.index(row, 0), Qt.UserRole + 1) })
                }
            }
            Button {
                text: qsTr("Tour des médicaments")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                onClicked: page.StackView.view.push("MedicationPage.qml", { patientId: "" })
            }
            Button {
                text: qsTr("À traiter (%1)").arg(SyncStatus.conflicts + SyncStatus.alerts)
                visible: SyncStatus.conflicts + SyncStatus.alerts > 0
                Material.background: Theme.mediumButton
                Material.foreground: "white"
                Layout.preferredHeight: Theme.touch
                onClicked: page.StackView.view.push("ReviewPage.qml")
            }
        }
    }

    Popup {
        id: notFound
        anchors.centerIn: parent
        modal: true
        padding: 24
        Label { text: qsTr("Aucun patient de cette liste ne porte ce bracelet.") }
    }

    ListView {
        id: list
        anchors.fill: parent
        model: worklist
        clip: true
        spacing: 2
        ScrollIndicator.vertical: ScrollIndicator {}

        delegate: ItemDelegate {
            id: row
            required property string patientId
            required property string name
            required property int age
            required property string sex
            required property string room
            required property string bed
            required property string ipp
            required property int news2
            required property string news2Risk
            required property bool news2Complete
            required property int dueDoses
            required property int openTasks
            required property bool undelivered
            required property bool conflict
            required property bool alert
            required property int news2AgeMinutes
            required property string monitoring
            required property int vitalsDueInMinutes
            required property int vitalsLateMinutes
            required property int lateDoses
            required property int lateDoseMinutes
            required property int lateTasks
            required property int lateTaskMinutes

            width: ListView.view.width
            height: 96
            readonly property bool narrow: width < 1000 // portrait: markers as symbols
            Accessible.name: qsTr("Chambre %1 lit %2, %3").arg(room).arg(bed).arg(name)
            onClicked: page.StackView.view.push("ChartPage.qml", { patientId: patientId })

            contentItem: RowLayout {
                spacing: 16
                Label {
                    text: row.room + (row.bed ? " " + row.bed : "")
                    font.pixelSize: 26
                    font.bold: true
                    Layout.preferredWidth: 90
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    spacing: 2
                    Label {
                        text: row.name
                        font.pixelSize: 22
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    // Markers sit under the name so the NEWS2 badge never leaves the screen (portrait).
                    RowLayout {
                        spacing: 12
                        Layout.fillWidth: true
                        Layout.minimumWidth: 0
                        Label {
                            text: (row.age >= 0 ? qsTr("%1 ans").arg(row.age) : "") + (row.ipp ? "  ·  IPP " + row.ipp : "")
                            opacity: 0.7
                            font.pixelSize: 16
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                            Layout.minimumWidth: 0
                        }
                        Label {
                            visible: row.alert
                            text: row.narrow ? "⚠" : qsTr("⚠ Alerte")
                            Accessible.name: qsTr("Alerte")
                            color: Theme.highText
                            font.bold: true
                            font.pixelSize: 16
                        }
                        Label {
                            visible: row.conflict
                            text: row.narrow ? "⇄" : qsTr("⇄ Conflit")
                            Accessible.name: qsTr("Conflit")
                            color: Theme.mediumText
                            font.bold: true
                            font.pixelSize: 16
                        }
                        Label {
                            visible: row.undelivered
                            text: row.narrow ? "●" : qsTr("● Non envoyé")
                            Accessible.name: qsTr("Non envoyé")
                            color: Theme.unsentText
                            font.bold: true
                            font.pixelSize: 16
                        }
                    }
                }
                // What is due and what is late: late care stays here until it is documented (issue
                // "the app" item 3; the nurse's review, ux 4f and §c).
                ColumnLayout {
                    spacing: 0
                    readonly property int columnWidth: row.narrow ? 270 : 330
                    Layout.preferredWidth: columnWidth
                    Layout.minimumWidth: columnWidth
                    Layout.maximumWidth: columnWidth
                    Label {
                        visible: row.lateDoses > 0
                        text: qsTr("%n dose(s) en retard", "", row.lateDoses) + " · " + Theme.duration(row.lateDoseMinutes)
                        color: Theme.highText
                        font.bold: true
                        font.pixelSize: 16
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: row.dueDoses > 0
                        text: qsTr("%n dose(s) à donner", "", row.dueDoses)
                        color: Theme.accentText
                        font.pixelSize: 16
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: row.lateTasks > 0 || row.openTasks > 0
                        text: row.lateTasks > 0 ? qsTr("%n soin(s) en retard", "", row.lateTasks) + " · " + Theme.duration(row.lateTaskMinutes)
                                                : qsTr("%n soin(s)", "", row.openTasks)
                        color: row.lateTasks > 0 ? Theme.mediumText : Material.foreground
                        font.bold: row.lateTasks > 0
                        font.pixelSize: 16
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.monitoring === "first" ? qsTr("Constantes à prendre")
                              : row.vitalsLateMinutes > 0 ? qsTr("Constantes en retard · %1").arg(Theme.duration(row.vitalsLateMinutes))
                              : row.monitoring === "continuous" ? qsTr("Surveillance continue")
                              : row.vitalsDueInMinutes === 0 ? qsTr("Constantes dues")
                              : qsTr("Constantes dans %1").arg(Theme.duration(row.vitalsDueInMinutes))
                        color: row.monitoring === "continuous" ? Theme.highText
                               : row.vitalsLateMinutes > 0 || row.monitoring === "first" ? Theme.mediumText
                               : Material.foreground
                        font.bold: row.vitalsLateMinutes > 0 || row.monitoring === "continuous" || row.monitoring === "first"
                        opacity: font.bold ? 1 : 0.75
                        font.pixelSize: 16
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                ColumnLayout {
                    spacing: 2
                    News2Badge {
                        Layout.alignment: Qt.AlignHCenter
                        score: row.news2
                        risk: row.news2Risk
                        complete: row.news2Complete
                    }
                    Label {
                        Layout.alignment: Qt.AlignHCenter
                        visible: row.news2AgeMinutes >= 0
                        text: Theme.duration(row.news2AgeMinutes)
                        Accessible.name: qsTr("NEWS2 pris il y a %1").arg(text)
                        font.pixelSize: 13
                        opacity: 0.75
                    }
                }
            }
        }

        Label {
            anchors.centerIn: parent
            visible: worklist.loaded && list.count === 0
            width: parent.width * 0.7
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            text: worklist.error.length > 0 ? worklist.error
                  : Session.connectedToDpi ? qsTr("Aucun patient dans « %1 » sur cette tablette. Ils apparaîtront après la première synchronisation avec le DPI.").arg(Units.names[Units.current] || Units.current)
                                           : qsTr("Aucun patient dans « %1 » sur cette tablette.").arg(Units.names[Units.current] || Units.current)
        }
        BusyIndicator {
            anchors.centerIn: parent
            running: !worklist.loaded
        }
    }
}
