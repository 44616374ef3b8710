#pragma once

namespace chevet {

// What this build allows for development (CMake option CHEVET_DEVELOPMENT, on by default in this
// repository; a build for the wards turns it off): plain http to loopback, a static bearer token and the
// demo's automatic unlock from the command line or the environment (security review F13, F15).
enum class BuildMode { Development, Production };

#if defined(CHEVET_DEVELOPMENT_BUILD)
inline constexpr BuildMode kBuildMode = BuildMode::Development;
#else
inline constexpr BuildMode kBuildMode = BuildMode::Production;
#endif

} // namespace chevet
