# SAROS Review. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
# Fyne reads the locale at start-up and complains about "C" and "C.UTF-8";
# LANGUAGE gives it a language without changing anything else.
export LANGUAGE := en

BIN      := saros-review
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian/Ubuntu packages: cgo + GLFW/OpenGL (Fyne), GTK 3 (native file
# dialogs), libdeflate (fast gzip), libdeflate-tools (the speed reference
# of the benchmarks), Xvfb (GUI tests and screenshots), PostgreSQL (the
# team review store's tests run against a real server).
DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libgtk-3-dev libdeflate-dev \
	libdeflate-tools xvfb xauth postgresql dcm2niix

# Only for `make screenshots`.
SHOT_DEBS := xvfb xauth x11-utils xdotool imagemagick
# Only for `make package` and `make test-package`.
PACKAGE_DEBS := dpkg-dev desktop-file-utils

.PHONY: deps package-deps build run test bench screenshots package test-package clean

deps:
	@missing=$$(for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
			install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
	@command -v go >/dev/null || { echo "make deps: Go 1.26 is needed (go.dev/dl) and was not found"; exit 1; }

build: deps
	go build -o $(BIN) .

run: build
	./$(BIN)

test: deps
	gofmt -l . | (! grep .) || { echo "gofmt: the files above need formatting"; exit 1; }
	go vet ./...
	# A throwaway PostgreSQL server for the review store's tests.
	bash scripts/with-postgres.sh go test ./...
	# The pure-Go gzip path of builds without libdeflate (Windows, macOS).
	CGO_ENABLED=0 bash scripts/with-postgres.sh go test ./volume/... ./store/...

bench: deps
	bash scripts/with-postgres.sh go test -run '^$$' -bench . -benchmem -count 6 -timeout 60m ./... | tee bench.txt
	go run $(BENCHSTAT) bench.txt

package-deps: deps
	@missing=$$(for p in $(PACKAGE_DEBS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
		install -y -qq --no-install-recommends $$missing >/dev/null; fi

# Native packages under dist/ (so far the Linux .deb).
package: package-deps
	bash scripts/package-deb.sh

# Installs the .deb, smoke-tests it from /usr/bin, removes it (needs root).
test-package: package
	bash scripts/test-package.sh dist/saros-review_$$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)_$$(dpkg --print-architecture).deb

screenshots: build
	@missing=$$(for p in $(SHOT_DEBS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $$missing >/dev/null; fi
	bash docs/screenshots.sh

clean:
	rm -f $(BIN) bench.txt
