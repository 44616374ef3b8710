import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// Unlock with the nurse's PIN: pick who you are (shared tablet), the round, then the PIN on a big
// keypad usable with gloves.
Page {
    id: page
    title: qsTr("Déverrouiller")
    property string pin: ""

    function press(key) {
        if (key === "⌫")
            pin = pin.slice(0, -1)
        else if (key === "OK")
            Session.unlock(nurseBox.editText, pin)
        else if (pin.length < 12)
            pin += key
    }

    Connections {
        target: Session
        function onErrorChanged() { if (Session.error.length > 0) page.pin = "" }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 48

        ColumnLayout {
            Layout.preferredWidth: parent.width / 2
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            Label {
                text: qsTr("Chevet")
                font.pixelSize: 40
                font.bold: true
            }
            Label {
                text: qsTr("Qui êtes-vous ?")
                font.pixelSize: Theme.titleSize
            }
            ComboBox {
                id: nurseBox
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                model: Session.nurses
                editable: true
                Accessible.name: qsTr("Infirmière")
                // The nurse who unlocked last comes first (the nurse's review, 1b).
                function selectLast() {
                    const index = Session.nurses.indexOf(Session.lastNurse)
                    if (index >= 0)
                        currentIndex = index
                }
                // After the model settles: the combo box resets its index when its model changes.
                Component.onCompleted: Qt.callLater(selectLast)
                onModelChanged: Qt.callLater(selectLast)
            }
            Label {
                text: qsTr("Service ou tournée")
                font.pixelSize: Theme.titleSize
            }
            ComboBox {
                id: unitBox
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                model: Units.all
                Accessible.name: qsTr("Service ou tournée")
                // Names as the DPI gives them (the nurse's review 1a: "unit-cardio"); the id is what is chosen.
                displayText: Units.names[currentText] || currentText
                delegate: ItemDelegate {
                    required property string modelData
                    required property int index
                    width: unitBox.width
                    height: Theme.touch
                    text: Units.names[modelData] || modelData
                    highlighted: unitBox.highlightedIndex === index
                }
                onActivated: Units.current = currentText
                Component.onCompleted: currentIndex = Math.max(0, Units.all.indexOf(Units.current))
            }
            Label {
                visible: Session.error.length > 0
                text: Session.error
                color: Theme.highText
                font.pixelSize: Theme.bodySize
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            // A full sign-in lifts a PIN lockout and restarts the offline window.
            Button {
                visible: SignIn.available
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                enabled: !SignIn.busy && nurseBox.editText.length > 0
                text: SignIn.busy ? qsTr("Connexion dans le navigateur…") : qsTr("Connexion complète (identifiant du DPI)")
                onClicked: SignIn.start(nurseBox.editText)
            }
            Label {
                visible: SignIn.error.length > 0
                text: SignIn.error
                color: Theme.highText
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Connections {
                target: SignIn
                function onSucceeded(nurse) {
                    Session.clearError()
                    signedInNote.visible = true
                }
            }
            Label {
                id: signedInNote
                visible: false
                text: qsTr("Connexion réussie : saisissez votre code PIN.")
                color: Theme.low
            }
            Item { Layout.fillHeight: true }
            Button {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                flat: true
                text: qsTr("Mode formation (patients fictifs)")
                onClicked: Session.startTraining()
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Label {
                text: page.pin.length > 0 ? "●".repeat(page.pin.length) : qsTr("Code PIN")
                font.pixelSize: 36
                Layout.alignment: Qt.AlignHCenter
                Accessible.name: qsTr("%n chiffre(s) saisi(s)", "", page.pin.length)
            }
            GridLayout {
                columns: 3
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Layout.alignment: Qt.AlignHCenter
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: Button {
                        required property string modelData
                        text: modelData
                        font.pixelSize: 28
                        implicitWidth: 96
                        implicitHeight: 80
                        highlighted: modelData === "OK"
                        enabled: !Session.busy
                        Accessible.name: modelData === "⌫" ? qsTr("Effacer") : modelData === "OK" ? qsTr("Déverrouiller") : modelData
                        onClicked: page.press(modelData)
                    }
                }
            }
            BusyIndicator {
                running: Session.busy
                visible: running
                Layout.alignment: Qt.AlignHCenter
            }
        }
    }
}
