# Fails when a doctest case cannot be reached through CTest.
#   cmake -DTESTS_BIN=path/to/sotay_tests -P cmake/CheckTestNames.cmake
# doctest_discover_tests turns each case name into a CMake list element, so a
# ';' in a name splits it into pieces that match no case: doctest then runs
# nothing and the CTest entry passes without testing anything.
execute_process(COMMAND "${TESTS_BIN}" --list-test-cases --no-version=true
                OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TESTS_BIN} --list-test-cases failed (${rc})")
endif()
string(REPLACE ";" "<SEMICOLON>" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
set(bad "")
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^\\[doctest\\]" OR line MATCHES "^=+$" OR line STREQUAL "")
    continue()
  endif()
  math(EXPR count "${count} + 1")
  if(line MATCHES "<SEMICOLON>")
    string(REPLACE "<SEMICOLON>" ";" line "${line}")
    string(APPEND bad "\n  ${line}")
  endif()
endforeach()
if(count LESS 100)
  message(FATAL_ERROR "only ${count} test cases listed by ${TESTS_BIN}; the listing format changed?")
endif()
if(bad)
  message(FATAL_ERROR "test case names with ';' never run under CTest; use ',' or ':'${bad}")
endif()
message(STATUS "${count} test case names, none with ';'")
