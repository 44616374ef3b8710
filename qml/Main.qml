import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// The shell: header (unit, nurse, sync state, lock), training banner, and one stack of pages. The
// first page follows the session: enrolment, unlock, then the worklist.
ApplicationWindow {
    id: window
    width: Appearance.windowSize.width
    height: Appearance.windowSize.height
    visible: true
    title: Session.training ? qsTr("Chevet — formation") : qsTr("Chevet")

    Material.theme: Appearance.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Material.BlueGrey
    font.pixelSize: Theme.bodySize

    readonly property bool unlocked: Session.phase === Session.Unlocked

    // Used by --self-test and --screenshot to reach every page with real data. The worklist page's
    // own model says when the round is loaded and who is first.
    function worklist() {
        const first = stack.depth > 0 ? stack.get(0) : null
        return first && first.worklistModel ? first.worklistModel : null
    }
    function firstPatient() {
        const model = worklist()
        return model && model.count > 0 ? model.data(model.index(0, 0), Qt.UserRole + 1) : ""
    }
    // The patient with the highest NEWS2 on the round: the one an escalation is shown for.
    function mostUnwellPatient() {
        const model = worklist()
        let best = "", bestScore = -1
        for (let i = 0; model && i < model.count; ++i) {
            const score = model.data(model.index(i, 0), Qt.UserRole + 9)
            if (score > bestScore) {
                bestScore = score
                best = model.data(model.index(i, 0), Qt.UserRole + 1)
            }
        }
        return best
    }
    function showPage(name) {
        stack.pop(null)
        const patient = firstPatient()
        switch (name) {
        case "worklist": return worklist() !== null
        case "chart": stack.push("pages/ChartPage.qml", { patientId: patient }); return patient !== ""
        case "escalation": stack.push("pages/ChartPage.qml", { patientId: mostUnwellPatient(), openEscalation: true }); return mostUnwellPatient() !== ""
        case "vitals": stack.push("pages/VitalsPage.qml", { patientId: patient }); return patient !== ""
        case "note": stack.push("pages/NotePage.qml", { patientId: patient }); return patient !== ""
        case "medication": stack.push("pages/MedicationPage.qml", { patientId: "", selectFirst: true }); return true
        case "medication-as-needed": stack.push("pages/MedicationPage.qml", { patientId: "", selectAsNeeded: true }); return true
        case "sync": stack.push("pages/SyncPage.qml"); return true
        case "conflict": stack.push("pages/ReviewPage.qml"); return true
        case "unit": stack.push("pages/UnitPage.qml"); return true
        case "unlock": stack.push("pages/UnlockPage.qml"); return true
        case "setup": stack.push("pages/SetupPage.qml"); return true
        }
        return false
    }
    function firstPageReady() {
        const model = worklist()
        return unlocked && model !== null && model.loaded && model.count > 0
    }
    function patientCount() {
        const model = worklist()
        return model ? model.count : 0
    }

    header: ToolBar {
        visible: window.unlocked
        height: visible ? 64 : 0
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 8
            ToolButton {
                text: "‹"
                font.pixelSize: 32
                visible: stack.depth > 1
                implicitWidth: Theme.touch
                implicitHeight: Theme.touch
                Accessible.name: qsTr("Retour")
                // A form with values typed and not saved asks before they are thrown away (a nurse's
                // walkthrough: leaving a half-written transmission lost it without a word).
                onClicked: {
                    const page = stack.currentItem
                    if (page && page.hasUnsavedInput === true)
                        leaveForm.open()
                    else
                        stack.pop()
                }
            }
            Label {
                text: Session.training ? qsTr("Service de formation") : (Units.names[Units.current] || Units.current)
                font.pixelSize: Theme.titleSize
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            SyncIndicator {
                onClicked: stack.push("pages/SyncPage.qml")
            }
            ToolButton {
                text: Session.nurse
                implicitHeight: Theme.touch
                Accessible.name: qsTr("Infirmière connectée : %1").arg(Session.nurse)
                onClicked: userMenu.open()
                Menu {
                    id: userMenu
                    y: parent.height
                    width: 420 // the longest item whole ("Ajouter une infirmière sur cette tablette")
                    MenuItem {
                        text: Appearance.dark ? qsTr("Thème clair") : qsTr("Thème de nuit")
                        onTriggered: Appearance.dark = !Appearance.dark
                    }
                    MenuItem {
                        text: qsTr("Changer de service ou de tournée")
                        enabled: !Session.training
                        onTriggered: stack.push("pages/UnitPage.qml")
                    }
                    MenuItem {
                        text: qsTr("Changer d'infirmière")
                        onTriggered: Session.lock()
                    }
                    MenuItem {
                        text: qsTr("Ajouter une infirmière sur cette tablette")
                        enabled: !Session.training
                        onTriggered: addNurse.open()
                    }
                }
            }
            ToolButton {
                text: qsTr("Verrouiller")
                implicitHeight: Theme.touch
                font.bold: true
                onClicked: Session.lock()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TrainingBanner {
            Layout.fillWidth: true
        }
        ClockBanner {
            Layout.fillWidth: true
        }
        // The automatic lock counts down first; a touch anywhere keeps the session (issue "the app" 5).
        Rectangle {
            objectName: "lockWarning"
            visible: window.unlocked && AutoLock.secondsLeft >= 0
            Layout.fillWidth: true
            Layout.preferredHeight: lockWarningLabel.implicitHeight + 16
            color: "#37474f" // white on it: 10:1
            Label {
                id: lockWarningLabel
                anchors.fill: parent
                anchors.margins: 8
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                color: "white"
                font.bold: true
                text: qsTr("Verrouillage automatique dans %n seconde(s). Touchez l'écran pour continuer ; une saisie en cours sera gardée.", "", AutoLock.secondsLeft)
            }
        }
        StackView {
            id: stack
            objectName: "pageStack" // the page tour measures the page it shows
            Layout.fillWidth: true
            Layout.fillHeight: true
            initialItem: window.startPage()
        }
    }

    PrivacyCover {
        covered: ScreenCover.covered
    }

    function startPage() {
        switch (Session.phase) {
        case Session.Setup: return "pages/SetupPage.qml"
        case Session.Locked: return "pages/UnlockPage.qml"
        default: return "pages/WorklistPage.qml"
        }
    }

    Dialog {
        id: leaveForm
        objectName: "leaveForm"
        anchors.centerIn: parent
        width: Math.min(window.width - 32, 560)
        modal: true
        title: qsTr("Quitter sans enregistrer ?")
        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Ce que vous avez saisi sur cette page n'est pas enregistré et sera perdu.")
        }
        footer: DialogButtonBox {
            Button { text: qsTr("Continuer la saisie"); highlighted: true; DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
            Button { objectName: "leaveAnyway"; text: qsTr("Quitter sans enregistrer"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole }
        }
        onDiscarded: { leaveForm.close(); stack.pop() }
    }

    // Said once it is done (a nurse's walkthrough: no confirmation when a nurse was added).
    Dialog {
        id: nurseAddedNotice
        property alias text: nurseAddedLabel.text
        anchors.centerIn: parent
        modal: true
        Label { id: nurseAddedLabel; wrapMode: Text.WordWrap }
        footer: DialogButtonBox {
            Button { text: qsTr("OK"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
    }

    Dialog {
        id: addNurse
        anchors.centerIn: parent
        modal: true
        title: qsTr("Ajouter une infirmière")
        // Our own words: Qt's standard buttons stay in English without Qt's own translations (the
        // nurse's review: "CANCEL" in French dialogs).
        footer: DialogButtonBox {
            Button { text: qsTr("Annuler"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        }
        onOpened: { newNurse.text = ""; newPin.text = ""; newPinAgain.text = ""; Session.clearError() }
        ColumnLayout {
            spacing: Theme.gap
            TextField { id: newNurse; placeholderText: qsTr("Son identifiant (ex. ide-bernard)"); inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase; Layout.preferredWidth: 420; Layout.preferredHeight: Theme.touch; Accessible.name: placeholderText }
            TextField { id: newPin; placeholderText: qsTr("Son code PIN"); echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; Layout.fillWidth: true; Layout.preferredHeight: Theme.touch; Accessible.name: placeholderText }
            TextField { id: newPinAgain; placeholderText: qsTr("Son code PIN, une deuxième fois"); echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; Layout.fillWidth: true; Layout.preferredHeight: Theme.touch; Accessible.name: placeholderText }
            Label { text: Session.error; color: Theme.high; visible: Session.error.length > 0; wrapMode: Text.WordWrap; Layout.maximumWidth: 420 }
            // Security review F3: enrolment is not her sign-in; say so before, not at her first unlock.
            Label {
                text: qsTr("Avant sa première ouverture, elle se connectera elle-même avec son identifiant du DPI.")
                visible: SignIn.available
                wrapMode: Text.WordWrap
                Layout.maximumWidth: 420
            }
            Button {
                text: qsTr("Enrôler")
                highlighted: true
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                onClicked: Session.addNurse(newNurse.text, newPin.text, newPinAgain.text)
            }
        }
        Connections {
            target: Session
            function onNurseAdded() {
                const added = newNurse.text
                addNurse.close()
                nurseAddedNotice.text = qsTr("%1 est ajoutée sur cette tablette.").arg(added)
                nurseAddedNotice.open()
            }
        }
    }

    Connections {
        target: Session
        function onPhaseChanged() {
            stack.clear()
            stack.push(window.startPage())
            // A form the same nurse left when the tablet locked comes back as she left it.
            if (Session.phase === Session.Unlocked) {
                const draft = Drafts.take(Session.nurse)
                if (draft.page === "vitals")
                    stack.push("pages/VitalsPage.qml", { patientId: draft.patientId, draft: draft.fields })
                else if (draft.page === "note")
                    stack.push("pages/NotePage.qml", { patientId: draft.patientId, draft: draft.fields })
            }
        }
    }
}
