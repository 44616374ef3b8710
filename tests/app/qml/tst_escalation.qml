import QtQuick
import QtTest
import Chevet.App

// Issue "the app" item 3: the chart of a patient whose NEWS2 asks for a call offers it, with an SBAR
// summary to read out; recording the call keeps it as a transmission with the doctor's name.
TestCase {
    name: "Escalation"
    when: windowShown
    width: 800
    height: 600

    WorklistModel { id: worklist; session: Session; unit: Units.current }
    PatientChart { id: chart; session: Session }
    EscalationDialog {
        id: dialog
        patientId: chart.patientId
        sbar: chart.sbar
        escalation: chart.escalation
    }

    function mostUnwell() {
        let best = "", bestScore = -1
        for (let i = 0; i < worklist.count; ++i) {
            const score = worklist.data(worklist.index(i, 0), Qt.UserRole + 9)
            if (score > bestScore) {
                bestScore = score
                best = worklist.data(worklist.index(i, 0), Qt.UserRole + 1)
            }
        }
        return best
    }

    function test_theCallIsOfferedAndKept() {
        tryVerify(function() { return worklist.loaded && worklist.count > 0 }, 10000)
        chart.patientId = mostUnwell()
        tryVerify(function() { return chart.loaded }, 10000)
        verify(chart.news2 >= 5)
        verify(chart.escalation === "urgent-response" || chart.escalation === "emergency")
        verify(chart.sbar.indexOf("S — ") === 0)
        verify(chart.sbar.indexOf(chart.identity.name) > 0)
        verify(chart.lateCare.monitoring === "hourly" || chart.lateCare.monitoring === "continuous")

        const notesBefore = chart.notes.length
        dialog.open()
        tryVerify(function() { return dialog.opened })
        const record = findChild(dialog.contentItem, "recordCallButton")
        verify(record !== null)
        verify(!record.enabled) // the doctor's name first
        findChild(dialog.contentItem, "doctorField").text = "Dr Morel"
        findChild(dialog.contentItem, "agreedField").text = "Remplissage, contrôle dans 30 min"
        verify(record.enabled)
        record.clicked()
        tryVerify(function() { return chart.notes.length === notesBefore + 1 }, 10000)
        const call = chart.notes.find(n => n.target === "Appel médecin (NEWS2)")
        verify(call !== undefined)
        compare(call.data, chart.sbar)
        compare(call.actions, "Médecin appelé : Dr Morel")
        compare(call.results, "Remplissage, contrôle dans 30 min")
        tryVerify(function() { return !dialog.visible })
    }
}
