// The version of Sổ tay this core was built from (CMake's PROJECT_VERSION).
#pragma once

namespace sotay {

const char* sotay_version();

}  // namespace sotay
