# Thin wrapper over the CMake presets (CMakePresets.json is the source of truth).
#   make run   — install what is missing, build Release, open the app on its default scenario
#   make test  — install what is missing, build, run every test headless (what CI runs)
#   make test-all — that, then the ASan + UBSan and fuzz stages (HACKING.md, "What CI runs")
#   make test-tsan — the live tests under ThreadSanitizer (not part of test or test-all)
#   make fuzz  — build the libFuzzer targets (clang) and run each for FUZZ_SECONDS
#   make package — the .deb and a tarball in build/dev (HACKING.md, "Packaging")
#   make screenshots — the app's pictures in screenshots/ again, as the AppStream file shows them
JOBS ?= $(shell nproc)
SCENARIO ?= scenarios/default.toml
FUZZ_SECONDS ?= 60
# The tests that run under ASan + UBSan in CI, in the fuzz preset's tree (clang, no GUI), which the
# fuzz targets share: the preset, golden and report tests are left out to keep CI short.
ASAN_TESTS = engine scenario cli export

.PHONY: run test test-all test-unit sanitize-build test-asan test-fuzz test-tsan deps build release bench fuzz fuzz-build format tidy clean package screenshots

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

# ThreadSanitizer on the live tests, which run real threads (HACKING.md, "Tests, sanitizers,
# benchmarks"); not part of `make test` or `make test-all`. Builds only live_tests in build/tsan.
test-tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS) --target live_tests
	ctest --preset tsan -L live

# The sanitizer and fuzz stages (HACKING.md, "What CI runs"); not yet part of `make test`: on the
# shared development machine they took 28 minutes, and CI must stay under 30 in all.
test-all:
	@echo "==== $$(date -u +%T) make test-all 1/4: build and run every test (dev preset)"
	@$(MAKE) --no-print-directory test-unit
	@echo "==== $$(date -u +%T) make test-all 2/4: build the $(ASAN_TESTS) tests and the fuzz targets with ASan + UBSan (fuzz preset, clang)"
	@$(MAKE) --no-print-directory sanitize-build
	@echo "==== $$(date -u +%T) make test-all 3/4: the $(ASAN_TESTS) tests under ASan + UBSan"
	@$(MAKE) --no-print-directory test-asan
	@echo "==== $$(date -u +%T) make test-all 4/4: each fuzz target for 30 s on its corpus"
	@fuzz/run.sh build/fuzz 30
	@echo "==== $$(date -u +%T) make test-all: all stages passed"

test-unit: build
	ctest --preset dev -j $(JOBS)

# Only the test programs CI runs (and conviz-cli, which the CLI tests start), and the fuzz targets.
sanitize-build: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS) --target $(addsuffix _tests,$(ASAN_TESTS)) fuzzers

test-asan: sanitize-build
	for t in $(ASAN_TESTS); do \
	  ctest --test-dir build/fuzz/tests/$$t -j $(JOBS) --output-on-failure --no-tests=error || exit 1; done

fuzz-build: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS) --target fuzzers

fuzz: fuzz-build
	fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

test-fuzz: fuzz-build
	fuzz/run.sh build/fuzz 30

# From the dev tree, which `make test` builds anyway (CI packs and tests it without a second build);
# only what the package installs is built here. CPack strips the binaries' debug information.
package: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS) --target conviz conviz-cli man_pages
	cd build/dev && cpack

# The screenshots the AppStream file names, drawn by the app offscreen from the GUI tests that
# take them (tests/gui: screenshot_test.cpp, tour_test.cpp).
screenshots: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS) --target gui_tests
	cd build/dev/tests/gui && CONVIZ_SCREENSHOT_DIR=$(CURDIR)/screenshots QT_QPA_PLATFORM=offscreen ./gui_tests \
	  --gtest_filter='Screenshot.MainWindowAt1600x1000IsNotBlank:TourPanel.WalksATourMovingSlidersTheClockAndTheFrame'

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
