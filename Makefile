# The front door. `make demo` and `make test` do all the set-up on a fresh
# Debian 12 machine: packages (scripts/install-deps), configure, build, run.

BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DGB_WERROR=ON

.PHONY: all deps build asan test test-fast demo bench package clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

asan: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Asan $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS)

# The whole suite twice: the normal build, then AddressSanitizer + UBSan.
test: build asan
	@echo "== tests: normal build"
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@echo "== tests: AddressSanitizer + UndefinedBehaviorSanitizer build"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# Only the normal build, for quick iterations.
test-fast: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The demo kiosk: a window when there is a display; otherwise the bundled
# script plays one student through the whole flow headless and the kiosk
# prints where the screenshots, the order and its 480x640 photo are.
DEMO_SHOTS ?= $(CURDIR)/$(BUILD)/demo-screenshots
demo: build
	@GRADBOOTH_ASSETS=$(CURDIR)/assets $(BUILD)/gradbooth --config kiosk-config/demo.ini demo
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  GRADBOOTH_ASSETS=$(CURDIR)/assets $(BUILD)/gradbooth --config kiosk-config/demo.ini kiosk; \
	else \
	  echo "no display: playing assets/demo/demo.script headless"; rm -rf $(DEMO_SHOTS); \
	  GRADBOOTH_ASSETS=$(CURDIR)/assets $(BUILD)/gradbooth --config kiosk-config/demo.ini demo --fresh >/dev/null; \
	  GRADBOOTH_ASSETS=$(CURDIR)/assets $(BUILD)/gradbooth --config kiosk-config/demo.ini kiosk \
	    --script assets/demo/demo.script --screenshots $(DEMO_SHOTS) 2>/dev/null; \
	fi

bench: build
	@bench/roster-import $(BUILD)/gradbooth
	@bench/check $(BUILD)
	@bench/liveview $(BUILD)
	@bench/kiosk $(BUILD)
	@bench/qr $(BUILD)

# The .deb is built in its own folder: installed paths (/usr, the assets
# under /usr/share/gradbooth) differ from the development build's.
package: deps
	@cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	  -DGB_ASSETS_DIR=/usr/share/gradbooth/assets -DGB_BUILD_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-deb -j $(JOBS) --target gradbooth
	@cd build-deb && cpack -G DEB

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
