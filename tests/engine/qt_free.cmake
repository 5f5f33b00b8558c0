# Fails if the engine knows Qt: a Qt header included anywhere under engine/, or a Qt symbol in the
# engine's archives. Run as a ctest (engine_is_qt_free):
#   cmake -DSRC=<engine dir> -DLIBS="<archive>;<archive>" [-DNM=<nm>] -P qt_free.cmake
# LIBS may also be separated by commas.

if(NOT SRC OR NOT IS_DIRECTORY "${SRC}")
  message(FATAL_ERROR "qt_free.cmake: SRC must name the engine source directory (got '${SRC}')")
endif()

set(problems "")

# 1. Sources: `#include <Q...>` / `#include "Q..."` for a Qt class header (QString, QObject) or a Qt
#    module (QtCore/..., QtWidgets).
file(GLOB_RECURSE sources LIST_DIRECTORIES false "${SRC}/*.h" "${SRC}/*.hpp" "${SRC}/*.cpp")
list(LENGTH sources source_count)
if(source_count EQUAL 0)
  message(FATAL_ERROR "qt_free.cmake: no sources found under ${SRC}")
endif()
set(include_regex "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Z]|Qt)")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" hits REGEX "${include_regex}")
  foreach(hit IN LISTS hits)
    string(STRIP "${hit}" hit)
    file(RELATIVE_PATH rel "${SRC}" "${source}")
    list(APPEND problems "engine/${rel}: ${hit}")
  endforeach()
endforeach()

# 2. Archives: any symbol (defined or referenced) in a Qt class's scope, in Qt's private namespaces, or
#    named qt_*.
string(REPLACE "," ";" libs "${LIBS}")
list(LENGTH libs lib_count)
if(lib_count EQUAL 0)
  message(FATAL_ERROR "qt_free.cmake: LIBS must name the engine archives")
endif()
if(NOT NM)
  find_program(NM NAMES nm REQUIRED)
endif()
set(symbol_regex "(^|[^A-Za-z0-9_])(Q[A-Z][A-Za-z0-9_]*::|QtPrivate|qt_[A-Za-z0-9_]+)")
foreach(lib IN LISTS libs)
  if(NOT EXISTS "${lib}")
    message(FATAL_ERROR "qt_free.cmake: archive not found: ${lib}")
  endif()
  execute_process(COMMAND "${NM}" -C "${lib}" OUTPUT_VARIABLE symbols ERROR_VARIABLE nm_error RESULT_VARIABLE nm_result)
  if(NOT nm_result EQUAL 0)
    message(FATAL_ERROR "qt_free.cmake: ${NM} -C ${lib} failed: ${nm_error}")
  endif()
  # One symbol per line; brackets would confuse CMake's list handling.
  string(REPLACE ";" "," symbols "${symbols}")
  string(REPLACE "[" "(" symbols "${symbols}")
  string(REPLACE "]" ")" symbols "${symbols}")
  string(REPLACE "\n" ";" lines "${symbols}")
  get_filename_component(lib_name "${lib}" NAME)
  foreach(line IN LISTS lines)
    if(line MATCHES "${symbol_regex}")
      string(STRIP "${line}" line)
      list(APPEND problems "${lib_name}: ${line}")
    endif()
  endforeach()
endforeach()

if(problems)
  list(LENGTH problems problem_count)
  list(JOIN problems "\n  " listing)
  message(FATAL_ERROR "The engine must stay Qt-free (DESIGN.md §1), but ${problem_count} Qt reference(s) were found:\n  ${listing}")
endif()
message(STATUS "engine is Qt-free: ${source_count} source files, ${lib_count} archives checked")
