#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "markdown.h"

int main(int argc, char** argv) {
  sotay::init_markdown();  // register cmark extensions before any thread starts
  doctest::Context context(argc, argv);
  return context.run();
}
