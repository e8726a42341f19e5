# Thin wrapper around CMake. The two commands to know:
#   make run    install what's missing, build, start the Sluice app
#   make test   install what's missing, build, run every test except benchmarks
BUILD_TYPE := RelWithDebInfo
# CI sets CI=true: warnings become errors there. That build has a directory of its own, so switching between
# `CI=true make test` and `make run` does not reconfigure one tree back and forth and rebuild all of it each time.
WERROR     := $(if $(CI),ON,OFF)
BUILD_DIR  := $(if $(CI),build-ci,build)
JOBS       := $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure build test run bench clean deb

all: build

deps:
	./scripts/install-deps.sh

# Reconfigure every time (cheap); start over if build/ was configured with another generator.
configure:
	@if [ -f $(BUILD_DIR)/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' $(BUILD_DIR)/CMakeCache.txt; then \
	  echo "$(BUILD_DIR)/ was configured with another generator: removing it"; rm -rf $(BUILD_DIR); fi
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DSLUICE_WERROR=$(WERROR)

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

test: deps
	$(MAKE) build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j2 -LE bench

run: deps
	$(MAKE) build
	./$(BUILD_DIR)/app/sluice

bench: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -L bench

deb: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf build build-ci
