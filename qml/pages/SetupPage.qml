import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// First use of a tablet: the first nurse chooses her PIN; the sealed store is made for her.
Page {
    title: qsTr("Première utilisation")

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 520)
        spacing: Theme.gap

        Label {
            text: qsTr("Bienvenue sur Chevet")
            font.pixelSize: 32
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Les données de cette tablette seront chiffrées. Choisissez votre identifiant et un code PIN d'au moins 6 chiffres, difficile à deviner.")
        }
        TextField {
            id: nurse
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            placeholderText: qsTr("Identifiant (ex. ide-martin)")
            inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
            Accessible.name: placeholderText
        }
        TextField {
            id: pin
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            echoMode: TextInput.Password
            inputMethodHints: Qt.ImhDigitsOnly
            placeholderText: qsTr("Code PIN")
            Accessible.name: placeholderText
        }
        TextField {
            id: pinAgain
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            echoMode: TextInput.Password
            inputMethodHints: Qt.ImhDigitsOnly
            placeholderText: qsTr("Code PIN, une deuxième fois")
            Accessible.name: placeholderText
            onAccepted: create.clicked()
        }
        Label {
            visible: Session.error.length > 0
            text: Session.error
            color: Theme.highText
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Button {
            id: create
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            highlighted: true
            enabled: !Session.busy
            text: Session.busy ? qsTr("Chiffrement…") : qsTr("Enrôler la tablette")
            onClicked: Session.enrol(nurse.text, pin.text, pinAgain.text)
        }
        Button {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            flat: true
            text: qsTr("Ouvrir le mode formation")
            onClicked: Session.startTraining()
        }
    }
}
