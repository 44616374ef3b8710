// Not compiled on the Linux build: public UIKit API only. iOS takes the app switcher's snapshot after
// "will resign active", so the cover goes on then; and while the screen is recorded or mirrored.
#include "screenprivacy.h"

#import <UIKit/UIKit.h>

namespace chevet {

namespace {

UIView *g_cover = nil;

UIWindow *keyWindow()
{
    for (UIScene *scene in UIApplication.sharedApplication.connectedScenes) {
        if (![scene isKindOfClass:[UIWindowScene class]])
            continue;
        for (UIWindow *window in static_cast<UIWindowScene *>(scene).windows) {
            if (window.isKeyWindow)
                return window;
        }
    }
    return nil;
}

void showCover()
{
    UIWindow *window = keyWindow();
    if (!window || g_cover)
        return;
    g_cover = [[UIView alloc] initWithFrame:window.bounds];
    g_cover.backgroundColor = [UIColor colorWithRed:0x26 / 255.0 green:0x32 / 255.0 blue:0x38 / 255.0 alpha:1];
    g_cover.autoresizingMask = UIViewAutoresizingFlexibleWidth | UIViewAutoresizingFlexibleHeight;
    [window addSubview:g_cover];
}

void hideCover()
{
    // Still recorded or mirrored, or not in front yet (a recording stopped from Control Centre).
    if (UIScreen.mainScreen.isCaptured ||
        UIApplication.sharedApplication.applicationState != UIApplicationStateActive)
        return;
    [g_cover removeFromSuperview];
    g_cover = nil;
}

} // namespace

ScreenProtection protectScreenContent()
{
    NSNotificationCenter *center = NSNotificationCenter.defaultCenter;
    NSOperationQueue *main = NSOperationQueue.mainQueue;
    [center addObserverForName:UIApplicationWillResignActiveNotification object:nil queue:main
                    usingBlock:^(NSNotification *) { showCover(); }];
    [center addObserverForName:UIApplicationDidBecomeActiveNotification object:nil queue:main
                    usingBlock:^(NSNotification *) { hideCover(); }];
    [center addObserverForName:UIScreenCapturedDidChangeNotification object:nil queue:main
                    usingBlock:^(NSNotification *) {
                        UIScreen.mainScreen.isCaptured ? showCover() : hideCover();
                    }];
    if (UIScreen.mainScreen.isCaptured)
        showCover();
    return ScreenProtection::CoverWhenInactive;
}

} // namespace chevet
