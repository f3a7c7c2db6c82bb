// A problem with an input file, reported as "path:line: message".
#pragma once

#include <string>

namespace sotay {

// A problem with a content file, reported as "path:line: message".
struct ContentError {
  std::string path;
  int line = 0;
  std::string message;
  std::string to_string() const;
};

}  // namespace sotay
