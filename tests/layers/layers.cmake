# The folder layout is the architecture (docs/architecture.md): this script fails when a file
# includes a project header its folder may not, when a file outside engine/scenario reaches into
# scenario::detail, or when a source file is longer than 500 lines. Run as a ctest (layers):
#   cmake -DROOT=<source dir> -P layers.cmake

cmake_policy(SET CMP0007 NEW)

if(NOT ROOT OR NOT IS_DIRECTORY "${ROOT}/engine")
  message(FATAL_ERROR "layers.cmake: ROOT must name the source tree (got '${ROOT}')")
endif()

# Each folder and the project headers its files may include, as regexes on the include path,
# separated by commas. A folder's own headers are always allowed. `engine/[^/]+` is engine/ itself
# (the simulator), not its subfolders.
set(ENGINE_ANY "engine/.*")
set(rules
  "engine/core|engine/core/.*"
  "engine/scenario|engine/core/.*,engine/model_kind\\.h,engine/trace\\.h"
  "engine/export|engine/core/.*,engine/[^/]+"
  "engine/live|${ENGINE_ANY}"
  "engine|engine/core/.*"
  "report|${ENGINE_ANY}"
  "cli|${ENGINE_ANY},report/.*,gui/export/figure_export\\.h"
  "gui/charts|"
  "gui/core|${ENGINE_ANY},report/.*,gui/charts/chart_spec\\.h"
  "gui/widgets|${ENGINE_ANY},gui/core/.*,gui/charts/.*"
  "gui/export|${ENGINE_ANY},report/.*,gui/core/.*,gui/charts/.*,gui/widgets/.*"
  "gui/app|${ENGINE_ANY},report/.*,gui/core/.*,gui/charts/.*,gui/widgets/.*,gui/export/.*"
)
set(kMaxLines 500)

set(problems "")
file(GLOB_RECURSE sources LIST_DIRECTORIES false RELATIVE "${ROOT}"
     "${ROOT}/engine/*.h" "${ROOT}/engine/*.cpp" "${ROOT}/report/*.h" "${ROOT}/report/*.cpp"
     "${ROOT}/cli/*.h" "${ROOT}/cli/*.cpp" "${ROOT}/gui/*.h" "${ROOT}/gui/*.cpp"
     "${ROOT}/tests/*.h" "${ROOT}/tests/*.cpp")
list(LENGTH sources source_count)
if(source_count LESS 50)
  message(FATAL_ERROR "layers.cmake: only ${source_count} sources under ${ROOT}; is ROOT right?")
endif()

foreach(source IN LISTS sources)
  file(READ "${ROOT}/${source}" text)
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines line_count)
  if(line_count GREATER kMaxLines)
    list(APPEND problems "${source}: ${line_count} lines (at most ${kMaxLines}: a longer file holds two ideas)")
  endif()

  get_filename_component(folder "${source}" DIRECTORY)
  if(NOT source MATCHES "^engine/scenario/" AND NOT source MATCHES "^tests/scenario/")
    file(STRINGS "${ROOT}/${source}" detail_uses REGEX "scenario::detail")
    if(detail_uses)
      list(APPEND problems "${source}: uses scenario::detail, which is internal to engine/scenario")
    endif()
  endif()
  if(source MATCHES "^tests/")
    continue() # tests may include any layer they test
  endif()

  set(allowed "")
  set(matched FALSE)
  foreach(rule IN LISTS rules)
    string(FIND "${rule}" "|" bar)
    string(SUBSTRING "${rule}" 0 ${bar} rule_folder)
    math(EXPR after "${bar} + 1")
    string(SUBSTRING "${rule}" ${after} -1 rule_allowed)
    if(folder STREQUAL rule_folder)
      string(REPLACE "," ";" allowed "${rule_allowed}")
      set(matched TRUE)
      break()
    endif()
  endforeach()
  if(NOT matched)
    list(APPEND problems "${source}: folder ${folder}/ has no rule in tests/layers/layers.cmake (add one, and a row to docs/architecture.md)")
    continue()
  endif()
  list(APPEND allowed "${folder}/[^/]+")

  file(STRINGS "${ROOT}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"(engine|report|cli|gui|tests)/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*$" "\\1" header "${line}")
    set(ok FALSE)
    foreach(pattern IN LISTS allowed)
      if(pattern AND header MATCHES "^(${pattern})$")
        set(ok TRUE)
        break()
      endif()
    endforeach()
    if(NOT ok)
      list(APPEND problems "${source}: includes \"${header}\", which ${folder}/ may not (docs/architecture.md)")
    endif()
  endforeach()
endforeach()

if(problems)
  list(LENGTH problems problem_count)
  list(JOIN problems "\n  " listing)
  message(FATAL_ERROR "${problem_count} layering rule(s) broken:\n  ${listing}")
endif()
message(STATUS "layers hold: ${source_count} source files checked")
