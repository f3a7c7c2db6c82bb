// Building an edition from a content directory.
#pragma once

#include "build_options.h"

namespace sotay {

// Loads every content file, writes a new edition beside the current one and
// switches it in atomically. Bad files are reported and skipped; the served
// edition is untouched until the switch, and untouched on any exception.
// Throws std::runtime_error for failures that stop the build (no content,
// another build running, disk errors).
BuildReport build_edition(const BuildOptions& options);

}  // namespace sotay
