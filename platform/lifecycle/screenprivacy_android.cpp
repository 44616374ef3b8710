// Not compiled on the Linux build: Qt's public JNI API only.
#include "screenprivacy.h"

#include <QCoreApplication>
#include <QJniObject>

namespace chevet {

ScreenProtection protectScreenContent()
{
    // Window flags may only change on the Android UI thread.
    QNativeInterface::QAndroidApplication::runOnAndroidMainThread([]() {
        QJniObject activity(QNativeInterface::QAndroidApplication::context());
        QJniObject window = activity.callObjectMethod("getWindow", "()Landroid/view/Window;");
        constexpr jint kFlagSecure = 0x2000; // WindowManager.LayoutParams.FLAG_SECURE
        window.callMethod<void>("setFlags", "(II)V", kFlagSecure, kFlagSecure);
        // FLAG_SECURE blanks the thumbnail; from Android 13 the recents screenshot is not taken at all.
        constexpr int kAndroid13 = 33;
        if (QNativeInterface::QAndroidApplication::sdkVersion() >= kAndroid13)
            activity.callMethod<void>("setRecentsScreenshotEnabled", "(Z)V", jboolean(false));
    });
    return ScreenProtection::SecureWindow;
}

} // namespace chevet
