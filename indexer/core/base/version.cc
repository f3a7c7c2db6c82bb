#include "version.h"

namespace sotay {

const char* sotay_version() { return SOTAY_VERSION; }

}  // namespace sotay
