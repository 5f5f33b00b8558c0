# Thin wrapper over the CMake presets (CMakePresets.json is the source of truth).
#   make run   — install what is missing, build Release, open the app on its default scenario
#   make test  — install what is missing, build, run every test headless
JOBS ?= $(shell nproc)
SCENARIO ?= scenarios/default.toml

.PHONY: run test deps build release bench format tidy clean

deps:
	@packaging/install-deps.sh

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

run: release
	build/release/gui/app/conviz $(SCENARIO)

test: build
	ctest --preset dev -j $(JOBS)

bench: build
	build/dev/tests/bench/conviz_bench
	build/dev/tests/gui/gui_bench

# Formats every C++ source as .clang-format says (the `format` test checks it).
format: deps
	git ls-files '*.cpp' '*.h' | xargs clang-format -i --style=file

# The bug-finding checks of .clang-tidy over the engine, the report library and the command line.
tidy: build
	run-clang-tidy -quiet -p build/dev '^(?!.*/tests/).*/(engine|report|cli)/.*\.cpp$$'

clean:
	rm -rf build
