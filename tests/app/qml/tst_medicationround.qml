import QtQuick
import QtTest
import Chevet.App

// The 5 B before "given", on the training ward's real dose slots: the wristband and the pack decide,
// not what the screen shows.
TestCase {
    name: "MedicationRound"

    MedicationRound { id: round }
    SignalSpy { id: recorded; target: round; signalName: "recorded" }
    SignalSpy { id: failed; target: round; signalName: "failed" }

    function initTestCase() {
        tryVerify(function() { return round.loaded && round.doses.length > 0 }, 10000)
    }

    function check(key) {
        return round.checks.filter(c => c.key === key)[0]
    }
    function firstDue() {
        for (let i = 0; i < round.doses.length; ++i)
            if (round.doses[i].state === "due") return i
        return -1
    }

    function test_a_nothingScannedNothingGiven() {
        round.selected = firstDue()
        verify(round.selected >= 0)
        compare(check("patient").ok, false)
        compare(check("patient").code, "not-scanned")
        compare(round.allRight, false)
        round.give()
        compare(failed.count, 1)
        compare(recorded.count, 0)
    }

    function test_b_wrongWristbandIsCaught() {
        const i = firstDue()
        round.selected = i
        const other = round.doses.filter(d => d.ipp !== round.doses[i].ipp)[0]
        round.scan(other.ipp)   // selects the other patient's dose: the check follows the scan
        compare(round.doses[round.selected].ipp, other.ipp)
        round.scan("00000000")
        compare(round.allRight, false)
    }

    function test_c_rightScansGiveFiveTicks() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        compare(check("patient").ok, true)
        compare(check("medication").code, "not-scanned")
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        compare(check("medication").ok, true, check("medication").code)
        compare(round.allRight, true)
        const before = recorded.count
        round.give()
        tryCompare(recorded, "count", before + 1, 5000)
    }

    function test_d_expiredPackIsRefused() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)200101(10)OLD")
        compare(check("medication").code, "expired")
        compare(round.allRight, false)
    }

    function test_e_wrongDoseIsCaught() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)991231")
        round.doseValue = "999"
        compare(check("dose").ok, false)
        compare(round.allRight, false)
    }

    function test_f_notGivenNeedsAReason() {
        const i = firstDue()
        round.selected = i
        const failures = failed.count
        round.notGiven("  ")
        compare(failed.count, failures + 1)
        const before = recorded.count
        round.notGiven(round.notGivenReasons()[0])
        tryCompare(recorded, "count", before + 1, 5000)
    }
}
