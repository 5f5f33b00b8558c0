# Thin wrapper over the CMake presets (CMakePresets.json is the source of truth).
#   make run   — install what is missing, build Release, open the app on its default scenario
#   make test  — install what is missing, build, run every test headless, then the ASan + UBSan
#                build, its tests, 30 s of each fuzz target, the live tests under TSan (what CI runs; HACKING.md, "What CI runs")
#   make test-unit — the first stage alone: the dev build and every test
#   make fuzz  — build the libFuzzer targets (clang) and run each for FUZZ_SECONDS
#   make package — the .deb and a tarball in build/dev (HACKING.md, "Packaging")
#   make screenshots — the app's pictures in screenshots/ again, as the AppStream file shows them
#   make perf  — measure issue 13's targets and rewrite docs/performance.md's measured section (docs/perf.sh)
JOBS ?= $(shell nproc)
SCENARIO ?= scenarios/default.toml
FUZZ_SECONDS ?= 60
# The tests that run under ASan + UBSan in CI, in the fuzz preset's tree (clang, no GUI), which the
# fuzz targets share: the preset, golden and report tests are left out to keep CI short.
ASAN_TESTS = engine scenario cli export

.PHONY: perf run test test-all test-unit test-tsan-live test-tsan sanitize-build test-asan test-fuzz deps build release bench fuzz fuzz-build format tidy clean package screenshots

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

# Every stage (HACKING.md, "What CI runs"), each announced with the time it starts.
test:
	@echo "==== $$(date -u +%T) make test 1/5: build and run every test (dev preset)"
	@$(MAKE) --no-print-directory test-unit
	@echo "==== $$(date -u +%T) make test 2/5: build the $(ASAN_TESTS) tests and the fuzz targets with ASan + UBSan (fuzz preset, clang)"
	@$(MAKE) --no-print-directory sanitize-build
	@echo "==== $$(date -u +%T) make test 3/5: the $(ASAN_TESTS) tests under ASan + UBSan"
	@$(MAKE) --no-print-directory test-asan
	@echo "==== $$(date -u +%T) make test 4/5: each fuzz target for 30 s on its seeds and corpus, $(JOBS) at a time"
	@FUZZ_JOBS=$(JOBS) fuzz/run.sh build/fuzz 30
	@echo "==== $$(date -u +%T) make test 5/5: the live executors' tests under ThreadSanitizer (tsan-live preset)"
	@$(MAKE) --no-print-directory test-tsan-live
	@echo "==== $$(date -u +%T) make test: all stages passed"

# The live executors run real threads: their tests under TSan, in a tree of their own without the
# GUI (Debian's Qt is not instrumented). ASLR off where setarch can, since TSan's fixed memory map
# can clash with the kernel's mmap randomisation (HACKING.md, "What CI runs").
test-tsan-live: deps
	cmake --preset tsan-live >/dev/null
	cmake --build --preset tsan-live -j $(JOBS) --target live_tests
	$$(setarch $$(uname -m) -R true 2>/dev/null && echo setarch $$(uname -m) -R) \
	  ctest --test-dir build/tsan-live/tests/live -j $(JOBS) --output-on-failure --no-tests=error

# The same as stage 5, by the name HACKING.md's TSan notes use.
test-tsan: test-tsan-live

# The old name of `make test`.
test-all: test

# The first stage alone.
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
	FUZZ_JOBS=$(JOBS) fuzz/run.sh build/fuzz 30

# From the dev tree, which `make test` builds anyway (CI packs and tests it without a second build);
# only what the package installs is built here. CPack strips the binaries' debug information.
package: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS) --target conviz conviz-cli man_pages
	cd build/dev && cpack

# The screenshots the AppStream file names, drawn by the app offscreen from the GUI tests that
# take them (tests/gui: screenshot_test.cpp, tour_test.cpp, window_tour_test.cpp, follow_request_test.cpp,
# checkpoint_test.cpp).
screenshots: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS) --target gui_tests
	cd build/dev/tests/gui && CONVIZ_SCREENSHOT_DIR=$(CURDIR)/screenshots QT_QPA_PLATFORM=offscreen ./gui_tests \
	  --gtest_filter='Screenshot.MainWindowAt1600x1000IsNotBlank:TourPanel.WalksATourMovingSlidersTheClockAndTheFrame:WindowTour.SavesItsScreenshotAt1600x1000:FollowRequest.ScreenshotOfARequestFollowedAcrossTheThreeModels:Checkpoint.ScreenshotsBeforeAndAfterTheReveal'

# Every benchmark REPS times, SimPy beside them, written into docs/performance.md (a quiet machine, please).
perf: deps
	docs/perf.sh

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
