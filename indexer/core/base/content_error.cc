#include "content_error.h"

namespace sotay {

std::string ContentError::to_string() const {
  return path + ":" + std::to_string(line) + ": " + message;
}

}  // namespace sotay
