// The main() of the benchmarks: runs `run` and reports what stops it as
// "<program>: <message>" with exit status 2.
#pragma once

#include <cstdio>
#include <exception>

#include <xapian.h>

namespace sotay::bench {

template <typename Run>
int guarded_main(const char* program, Run run, int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.get_description().c_str());
  }
  return 2;
}

}  // namespace sotay::bench
