# All compile flags in one place (as cmark's cmark_add_compile_options()).
option(SOTAY_WERROR "Treat warnings as errors" OFF)
option(SOTAY_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# libFuzzer targets (tests/fuzz); needs clang: CXX=clang++ in its own build dir.
option(SOTAY_FUZZ "Build only the core and the libFuzzer targets (clang)" OFF)

function(sotay_add_compile_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wcast-qual -Wformat=2 -Wmissing-declarations)
  if(SOTAY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Debian's hardening (dpkg-buildflags with hardening=+all; gcc already
  # builds PIE): fortified libc calls where optimised, stack protection,
  # relocations read-only and bound at start. What the package ships.
  if(NOT SOTAY_SANITIZE AND NOT SOTAY_FUZZ)
    target_compile_options(${target} PRIVATE -fstack-protector-strong -fstack-clash-protection
                                             -fcf-protection
                                             "$<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
    target_link_options(${target} PRIVATE LINKER:-z,relro LINKER:-z,now)
  endif()
  if(SOTAY_SANITIZE)
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-omit-frame-pointer
                                            -fno-sanitize-recover=undefined)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(SOTAY_FUZZ)
    target_compile_options(${target} PUBLIC -fsanitize=fuzzer-no-link,address,undefined
                                            -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()
