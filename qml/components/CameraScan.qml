import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Chevet.App

// Scanning with the tablet's camera, where there is one: a preview, and each code read is handed
// on like a scanner's. Hidden on devices without a camera (the wedge or typed code remain).
ColumnLayout {
    id: cameraScan
    signal scanned(string code)
    readonly property bool available: devices.videoInputs.length > 0
    visible: available

    MediaDevices { id: devices }

    Button {
        id: toggle
        checkable: true
        text: checked ? qsTr("Arrêter la caméra") : qsTr("Scanner avec la caméra")
        Layout.preferredHeight: Theme.touch
    }
    CaptureSession {
        camera: Camera { active: toggle.checked && cameraScan.available }
        videoOutput: preview
    }
    VideoOutput {
        id: preview
        visible: toggle.checked
        Layout.fillWidth: true
        Layout.preferredHeight: toggle.checked ? 220 : 0
    }
    BarcodeScanner {
        videoSink: preview.videoSink
        onScanned: function(code) { cameraScan.scanned(code) }
    }
}
