import QtQuick
import QtTest
import Chevet.App

// Issue "the app" item 5: the vitals keypad has a "Suivant" key at a fixed place (its last row, full
// width) that takes the nurse to the next measure in the order she takes them, so a whole set is typed
// without reaching for the form.
TestCase {
    name: "VitalsKeypad"
    when: windowShown
    width: 1280
    height: 800
    visible: true // the keypad is clicked: it must be on screen

    Component { id: vitalsPage; VitalsPage {} }

    function findNamed(item, name) {
        if (item.objectName === name)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findNamed(item.children[i], name)
            if (found)
                return found
        }
        return null
    }

    function test_nextGoesDownTheMeasuresThenBackToTheFirst() {
        const page = createTemporaryObject(vitalsPage, this, { patientId: "", width: 1280, height: 800 })
        verify(page !== null)
        const next = findNamed(page, "nextMeasure")
        verify(next !== null)
        // No measure chosen yet: "Suivant" starts at the first one.
        mouseClick(next)
        tryCompare(page, "activeInput", page.measureInputs[0])
        page.type("1"); page.type("8")
        mouseClick(next)
        tryCompare(page, "activeInput", page.measureInputs[1])
        page.type("9"); page.type("6")
        compare(page.measureInputs[0].text, "18")
        compare(page.measureInputs[1].text, "96")
        for (let i = 2; i < page.measureInputs.length; ++i) {
            mouseClick(next)
            tryCompare(page, "activeInput", page.measureInputs[i])
        }
        mouseClick(next)
        tryCompare(page, "activeInput", page.measureInputs[0])
        verify(page.hasUnsavedInput)
    }

    function test_theKeyIsTheKeypadsLastFullRow() {
        const page = createTemporaryObject(vitalsPage, this, { patientId: "", width: 1280, height: 800 })
        const next = findNamed(page, "nextMeasure")
        verify(next.visible, "shown in landscape")
        const keypad = next.parent
        let digitsBottom = 0, digitsLeft = 1e9, digitsRight = 0
        for (let i = 0; i < keypad.children.length; ++i) {
            const key = keypad.children[i]
            if (key === next || !key.visible || key.text === undefined)
                continue
            digitsBottom = Math.max(digitsBottom, key.y + key.height)
            digitsLeft = Math.min(digitsLeft, key.x)
            digitsRight = Math.max(digitsRight, key.x + key.width)
        }
        verify(next.y >= digitsBottom, "below every digit")
        fuzzyCompare(next.x, digitsLeft, 1)
        fuzzyCompare(next.x + next.width, digitsRight, 1)
        verify(next.height >= 48, "a gloved thumb's target")
    }
}
