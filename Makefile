# impact: the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     ?= bin/impact
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
export CGO_ENABLED := 1
# The build tag duckdb_arrow compiles duckdb-go's Arrow interface, through
# which the store writes whole columns (see the store package doc); every
# go command below (build, install, test, vet, bench, fuzz) gets it here.
export GOFLAGS := $(strip $(GOFLAGS) -tags=duckdb_arrow)

.PHONY: all build install test demo bench bench-go bench-r fmt vet clean fuzz-short

all: build

## build: compile the impact binary into bin/
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/impact

## install: build impact into BINDIR (default: go env GOBIN, else GOPATH/bin),
## so that the README's tour runs as written; BINDIR must be on your PATH
BINDIR ?= $(or $(shell $(GO) env GOBIN),$(shell $(GO) env GOPATH)/bin)
install: build
	@mkdir -p "$(BINDIR)"
	install -m 755 $(BIN) "$(BINDIR)/impact"
	@case ":$$PATH:" in *":$(BINDIR):"*) echo "impact is in $(BINDIR)";; \
	  *) echo "impact is in $(BINDIR), which is not on your PATH: run export PATH=\"$(BINDIR):\$$PATH\"";; esac

## test: vet and run every test, then vet everything and test the store
## without the build tag, so that the Appender path of a plain go build stays whole
test: vet
	$(GO) test -count=1 ./...
	GOFLAGS= $(GO) vet ./...
	GOFLAGS= $(GO) test -count=1 ./store

## fuzz-short: each fuzz target of the hostile-input readers for FUZZTIME (CI runs it)
FUZZTIME ?= 10s
fuzz-short:
	$(GO) test -run '^$$' -fuzz '^FuzzXLSX$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./ingest
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s .

## demo: the whole job on the bundled example project, in ./demo
demo: build
	./$(BIN) demo --out demo

## bench: the ratios of spec/performance.md, side by side in one run (scripts/bench.sh; the R peer when Rscript is there, see bench-r)
bench:
	sh scripts/bench.sh

## bench-r: installs Debian's r-base-core when Rscript is missing (the peer of make bench)
bench-r:
	@command -v Rscript >/dev/null 2>&1 || { \
		echo "bench-r: Rscript not found, installing r-base-core"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y r-base-core; }

## bench-go: the Go benchmarks of every package, with memory figures
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./...

## fmt: format the code
fmt:
	gofmt -w $$(git ls-files '*.go')

## vet: static checks
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

clean:
	rm -rf bin demo

include golden.mk
