# SAROS Review. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
# Fyne reads the locale at start-up and complains about "C" and "C.UTF-8";
# LANGUAGE gives it a language without changing anything else.
export LANGUAGE := en

BIN      := saros-review
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

# Debian/Ubuntu packages: cgo + GLFW/OpenGL (Fyne), GTK 3 (native file
# dialogs), libdeflate (fast gzip), libdeflate-tools (the speed reference
# of the benchmarks), Xvfb (GUI tests and screenshots), PostgreSQL (the
# team review store's tests run against a real server), dcm2niix,
# dicom3tools and pydicom (the DICOM tests' independent converter, checker
# and reader), invesalius-examples (a real head CT the QC, metrics and
# editing fixtures are built from at test time, never committed),
# python3-scipy and python3-nibabel (the QC and metrics peers).
DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libgtk-3-dev libdeflate-dev \
	libdeflate-tools xvfb xauth postgresql dcm2niix dicom3tools python3-pydicom \
	python3-numpy invesalius-examples python3-scipy python3-nibabel

# Only for `make screenshots`.
SHOT_DEBS := xvfb xauth x11-utils xdotool imagemagick
# Only for `make package` and `make test-package`.
# wine64 runs the Windows installer and program in test-package; lintian
# checks the .deb.
PACKAGE_DEBS := dpkg-dev desktop-file-utils gcc-mingw-w64-x86-64 nsis p7zip-full wine64 lintian

.PHONY: deps package-deps build run test bench screenshots package test-package package-macos clean

deps:
	@bash scripts/install-missing.sh $(DEBS)
	@command -v go >/dev/null || { echo "make deps: Go 1.26 is needed (go.dev/dl) and was not found"; exit 1; }

build: deps
	go build -o $(BIN) .

run: build
	./$(BIN)

test: deps
	gofmt -l . | (! grep .) || { echo "gofmt: the files above need formatting"; exit 1; }
	go vet ./...
	# The macOS workflow cannot run here; at least it must be valid.
	go run $(ACTIONLINT) .github/workflows/*.yml
	# A throwaway PostgreSQL server for the review store's tests.
	bash scripts/with-postgres.sh go test ./...
	# The race detector over the packages with goroutines: the case model,
	# the review store and the application (about 4 minutes on a busy
	# 2-core machine; the first -race build of Fyne takes longer).
	bash scripts/with-postgres.sh go test -race ./casework/... ./store/review/... ./app/...
	# The pure-Go gzip path of builds without libdeflate (Windows, macOS).
	CGO_ENABLED=0 bash scripts/with-postgres.sh go test ./volume/... ./store/...

bench: deps
	bash scripts/with-postgres.sh go test -run '^$$' -bench . -benchmem -count 6 -timeout 60m ./... | tee bench.txt
	go run $(BENCHSTAT) bench.txt

package-deps: deps
	@bash scripts/install-missing.sh $(PACKAGE_DEBS)

# Native packages under dist/: the Linux .deb, the fyne package tarball,
# the Windows program, its console build and the NSIS installer.
package: package-deps
	bash scripts/package-deb.sh
	bash scripts/package-tarball.sh
	bash scripts/package-windows.sh

# On a Mac only (untested here): dist/SAROS Review.app and a .dmg.
package-macos:
	bash scripts/package-macos.sh

# Installs the .deb, smoke-tests it from /usr/bin, removes it (needs root);
# does the same with the tarball in a scratch home; checks the Windows
# program and installer, then installs, runs and uninstalls them in Wine.
test-package: package
	bash scripts/test-windows-package.sh
	bash scripts/test-windows-wine.sh
	bash scripts/test-tarball.sh dist/saros-review-$$(bash scripts/fyneapp.sh version)-linux-$$(go env GOARCH).tar.xz
	bash scripts/test-package.sh dist/saros-review_$$(bash scripts/fyneapp.sh version)_$$(dpkg --print-architecture).deb

screenshots: build
	@bash scripts/install-missing.sh $(SHOT_DEBS)
	bash docs/screenshots.sh

clean:
	rm -rf $(BIN) bench.txt dist
