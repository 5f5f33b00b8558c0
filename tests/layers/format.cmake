# Fails when a C++ source is not formatted as .clang-format says, naming each file; `make format`
# fixes them. Formatting differs between clang-format releases, so another major version than the
# one the tree was formatted with skips the check rather than fail it. Run as a ctest (format):
#   cmake -DROOT=<source dir> [-DCLANG_FORMAT=<path>] -P format.cmake

set(kMajor 14) # Debian 12's clang-format, installed by packaging/install-deps.sh

if(NOT ROOT OR NOT EXISTS "${ROOT}/.clang-format")
  message(FATAL_ERROR "format.cmake: ROOT must name the source tree with its .clang-format (got '${ROOT}')")
endif()
if(NOT CLANG_FORMAT)
  find_program(CLANG_FORMAT NAMES clang-format-${kMajor} clang-format)
endif()
if(NOT CLANG_FORMAT)
  message(STATUS "SKIP: clang-format is not installed (packaging/install-deps.sh installs it)")
  return()
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --version OUTPUT_VARIABLE version)
if(NOT version MATCHES "version ${kMajor}\\.")
  message(STATUS "SKIP: ${CLANG_FORMAT} is not clang-format ${kMajor}: ${version}")
  return()
endif()

file(GLOB_RECURSE sources LIST_DIRECTORIES false
     "${ROOT}/engine/*.h" "${ROOT}/engine/*.cpp" "${ROOT}/report/*.h" "${ROOT}/report/*.cpp"
     "${ROOT}/cli/*.h" "${ROOT}/cli/*.cpp" "${ROOT}/gui/*.h" "${ROOT}/gui/*.cpp"
     "${ROOT}/tests/*.h" "${ROOT}/tests/*.cpp")
list(LENGTH sources count)
if(count LESS 50)
  message(FATAL_ERROR "format.cmake: only ${count} sources under ${ROOT}; is ROOT right?")
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror --style=file ${sources}
                WORKING_DIRECTORY "${ROOT}" RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  string(REGEX MATCHALL "[^\n]+: error: code should be clang-formatted" hits "${errors}")
  set(files "")
  foreach(hit IN LISTS hits)
    string(REGEX REPLACE ":[0-9]+:[0-9]+: error: code should be clang-formatted$" "" file "${hit}")
    file(RELATIVE_PATH file "${ROOT}" "${file}")
    list(APPEND files "${file}")
  endforeach()
  list(REMOVE_DUPLICATES files)
  list(JOIN files "\n  " listing)
  message(FATAL_ERROR "Not formatted as .clang-format says (run `make format`):\n  ${listing}")
endif()
message(STATUS "formatted: ${count} source files checked")
