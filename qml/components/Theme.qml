pragma Singleton
import QtQuick
import Chevet.App

// Sizes and colours shared by every page: touch targets of at least 48 px (56 for the main
// actions, usable with gloves) and NEWS2 colours that keep their meaning in the night theme.
QtObject {
    readonly property int touch: 56
    readonly property int minTouch: 48
    readonly property int gap: 12
    readonly property int bodySize: 18
    readonly property int titleSize: 24
    readonly property color low: "#2e7d32"
    readonly property color lowMedium: "#f9a825"
    readonly property color medium: "#ef6c00"
    readonly property color high: "#c62828"
    readonly property color unsent: "#6a1b9a"
    readonly property color training: "#ad1457"
    // An incomplete NEWS2 whose known part is low: not green, since the missing values could score.
    readonly property color incomplete: "#455a64"
    // For text on the page background: the fills above are too dark to read on the night theme.
    readonly property color unsentText: Appearance.dark ? "#ce93d8" : unsent
    readonly property color highText: Appearance.dark ? "#ff8a80" : high
    readonly property color mediumText: Appearance.dark ? "#ffb74d" : "#b34700"
    // Buttons with white text on orange: the badge's orange is too light for body text (3.1:1).
    readonly property color mediumButton: "#b34700"
    readonly property color lowText: Appearance.dark ? "#81c784" : low
    readonly property color trainingText: Appearance.dark ? "#f48fb1" : training
    // Highlighted buttons take the accent with white text: teal 700 gives 5.3:1 in both themes (Material's
    // dark accent, teal 200, gave 1.9:1: the nurse's review b13). As text on the night background the
    // light teal reads (8.6:1).
    readonly property color accent: "#00796b"
    readonly property color accentText: Appearance.dark ? "#80cbc4" : accent

    // How long, for a nurse: "25 min", "1 h 05", "2 j 3 h".
    function duration(minutes) {
        if (minutes < 60)
            return qsTr("%1 min").arg(minutes)
        const hours = Math.floor(minutes / 60)
        if (hours < 24)
            return qsTr("%1 h %2").arg(hours).arg(String(minutes % 60).padStart(2, "0"))
        return qsTr("%1 j %2 h").arg(Math.floor(hours / 24)).arg(hours % 24)
    }

    function riskColor(risk) {
        switch (risk) {
        case "high": return high
        case "medium": return medium
        case "low-medium": return lowMedium
        default: return low
        }
    }
}
