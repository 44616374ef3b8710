import QtQuick
import QtTest
import Chevet.App

// Issue "the app" item 4 and the nurse's review (5b, 5c): a conflict shows clinical elements only (no
// patient or stay references, no FHIR codes), the DPI's reason whole, and says which care done here
// keeping the DPI's side would leave out; an alert names each dose, its time and nurse, and what to do.
TestCase {
    name: "ReviewQueue"
    when: windowShown

    ReviewQueue { id: queue; session: Session }

    function test_aConflictANurseCanDecideOn() {
        tryVerify(function() { return queue.conflicts.length > 0 }, 10000)
        queue.select(queue.conflicts[0].id)
        tryVerify(function() { return queue.rows.length > 0 }, 10000)
        for (const row of queue.rows) {
            verify(["for", "subject", "encounter", "intent"].indexOf(row.key) < 0, row.key)
            for (const side of [row.base, row.local, row.remote])
                verify(String(side).indexOf("Patient/") < 0, String(side))
        }
        verify(queue.dpiReason.indexOf("Dr Morel") >= 0, queue.dpiReason)
        verify(queue.localCare.indexOf("Surveillance de la perfusion") >= 0, queue.localCare)
        verify(queue.localCare.indexOf("ide-formation") >= 0, queue.localCare)
        verify(queue.patientId.length > 0)
    }

    function test_anAlertSaysWhatAndWhatToDo() {
        tryVerify(function() { return queue.alerts.length > 0 }, 10000)
        const alert = queue.alerts.find(a => a.kind === "possible-double-dose")
        verify(alert !== undefined)
        compare(alert.details.length, 2)
        for (const line of alert.details) {
            verify(line.indexOf("Furosémide") >= 0, line)
            verify(line.indexOf("donné le") >= 0, line)
            verify(line.indexOf("par ide-formation") >= 0, line)
        }
        verify(alert.action.indexOf("Ne donnez pas d'autre dose") === 0, alert.action)
    }
}
