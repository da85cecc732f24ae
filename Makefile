# DeepLearningFromScratch — a literate test suite for 《深度学习入门》 (Deep Learning from Scratch).
#
#   make chapter3     rerun chapter 3: book vs ours for every printed value, and redraw its figures
#   make chapter4     the same for chapter 4
#   make test         run the test suite
#
# Both install what is missing first (see `deps`).

SWIFT       ?= swift
RELEASE_BIN  = .build/release

# Data: the tools find the project's offline copies (../shared/data, as on the developers'
# machines and CI) themselves, or else download into ~/.cache/deep-learning-from-scratch;
# MNIST_DIR and DLFS_WEIGHTS, when set, name other copies.

# Debian packages the project needs: gnuplot and gnuplot-iostream for figures (DejaVu fonts so
# that figures render the same everywhere), zlib for MNIST's .gz files, OpenBLAS for products,
# libcurl for downloads; poppler, netpbm and librsvg to make the SVG figures and to compare vector
# figures with the PNGs; cmark-gfm and KaTeX for the web edition (`make book`). Its browser test
# (`make book-test`) also needs Chromium and a CJK font, installed only when it runs.
APT_PACKAGES = gnuplot-nox libgnuplot-iostream-dev fonts-dejavu-core zlib1g-dev libopenblas-dev libcurl4-openssl-dev \
               poppler-utils netpbm librsvg2-bin cmark-gfm libjs-katex

CHAPTER3_TOOLS = activations
CHAPTER4_TOOLS = losses derivatives gradient-descent
CHAPTER5_TOOLS = backprop notes-networks
CHAPTER6_TOOLS = optimizers regularization
CHAPTER_TOOLS  = $(CHAPTER3_TOOLS) $(CHAPTER4_TOOLS) $(CHAPTER5_TOOLS) $(CHAPTER6_TOOLS)

.PHONY: all deps build book book-test figures format lint bench chapters chapter3 chapter4 chapter5 chapter6 $(CHAPTER_TOOLS) mnist tables test clean help

all: chapters

chapters: chapter3 chapter4 chapter5 chapter6

help:
	@echo "make chapter3          chapter 3: activations, softmax, the book's MNIST network (tables + figures)"
	@echo "make chapter4          chapter 4: losses, derivatives, gradient descent (tables + figures)"
	@echo "make chapter5          chapter 5: backpropagation, MNIST with ReLU, the notes' moons and sigmoid nets"
	@echo "make chapter6          chapter 6: optimizers; initial weights, batch norm, regularisation, search"
	@echo "make activations       the one part of chapter 3"
	@echo "make losses|derivatives|gradient-descent   one part of chapter 4"
	@echo "make backprop|notes-networks               one part of chapter 5"
	@echo "make book              the chapters as a web book in .build/book (open index.html)"
	@echo "make book-test         every page of the web book in headless Chromium, at 1280 and 390 px"
	@echo "make bench             time the MNIST workloads beside the NumPy reference"
	@echo "make tables            rewrite the book-vs-ours tables in Chapters/*.md"
	@echo "make test              run the tests"
	@echo "make format | lint     format the Swift code to .swift-format, or check that it is"
	@echo "make figures FORMAT=pdf|svg [OUT=dir]   every figure as vector output for print (default .build/figures)"
	@echo "make mnist             download MNIST (and check it) into the cache, or check \$$MNIST_DIR"
	@echo "make deps              install the system packages (apt-get; root or sudo)"

# Installs the Debian packages that are missing, as root or through sudo.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	  else echo "error: missing Debian packages:$$missing. Install them as root: apt-get install$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: the Swift toolchain is not on PATH (https://swift.org/install)" >&2; exit 1; }

build: deps
	$(SWIFT) build -c release

# `make chapterN` runs `check` for each tool of chapter N (tables, errata, figures); it fails if
# any row is ✗, after running them all.
chapter3 chapter4 chapter5 chapter6: build
	@status=0; for tool in $(CHAPTER$(subst chapter,,$@)_TOOLS); do \
	  $(RELEASE_BIN)/$$tool check || status=1; echo; \
	done; exit $$status

$(CHAPTER_TOOLS): build
	$(RELEASE_BIN)/$@ check

# MNIST for readers: downloaded into the cache and verified (or verified where the tools find it).
mnist: build
	$(RELEASE_BIN)/datasets mnist --download

# Rewrites the `ours` and `status` columns and the errata of the chapter texts, English and Chinese.
tables: build
	@for tool in $(CHAPTER_TOOLS); do $(RELEASE_BIN)/$$tool check --update-text --no-figures >/dev/null || true; done
	@git status --short Chapters

# Timings of the project beside a NumPy reference of the same workloads (bench/numpy_reference.py):
# NumPy once with one BLAS thread, as ours, and once with its default threads, as a reader runs the
# book's code. A benchmark, not a test: nothing here can fail on time.
BENCH_ENV = OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
bench: build
	@mnist=$$($(RELEASE_BIN)/datasets mnist --print-folder) \
	  || { echo "error: MNIST is not ready (make mnist downloads it)" >&2; exit 1; }; \
	mkdir -p .build/bench; \
	echo "timing the Swift workloads..."; \
	$(BENCH_ENV) $(RELEASE_BIN)/bench "$$mnist" > .build/bench/swift.json || exit 1; \
	if python3 -c "import numpy" 2>/dev/null; then \
	  echo "timing the NumPy reference, one BLAS thread..."; \
	  $(BENCH_ENV) python3 bench/numpy_reference.py "$$mnist" > .build/bench/numpy.json; \
	  echo "timing the NumPy reference, NumPy's default BLAS threads..."; \
	  env -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS -u MKL_NUM_THREADS \
	    python3 bench/numpy_reference.py "$$mnist" > .build/bench/numpy-threads.json; \
	  $(RELEASE_BIN)/bench --table .build/bench/swift.json .build/bench/numpy.json .build/bench/numpy-threads.json; \
	  echo "peak memory of whole runs, ours and NumPy's the book's way..."; \
	  $(RELEASE_BIN)/bench --memory "$$mnist" > .build/bench/memory.json || exit 1; \
	else \
	  $(RELEASE_BIN)/bench --table .build/bench/swift.json; \
	  $(RELEASE_BIN)/bench --memory "$$mnist" --no-numpy > .build/bench/memory.json || exit 1; \
	fi; \
	echo; $(RELEASE_BIN)/bench --memory-table .build/bench/memory.json

# The reader's edition: the chapter texts, the errata and the coverage map as a static site in
# .build/book that works opened from disk (Sources/BookSite). `make book-test` opens every page in
# headless Chromium at 1280 and 390 px (tools/book-test) and keeps screenshots in .build/book-test.
book: build
	@$(RELEASE_BIN)/book .build/book

book-test: book
	@$(MAKE) --no-print-directory deps APT_PACKAGES="chromium fonts-wqy-microhei"
	@tools/book-test .build/book

# `make figures FORMAT=pdf` (or svg): every committed figure redrawn from its .gp as vector output
# for print, into OUT (by default .build/figures, which git ignores); the committed PNGs stay.
# tools/vector-figures says how (print width, text at its true size, the SVG made from the PDF);
# FiguresTests/VectorOutputTests render a few multi-panel figures both ways and hold them to the PNGs.
FORMAT ?= pdf
OUT    ?= .build/figures
figures:
	@tools/vector-figures "$(FORMAT)" "$(OUT)"

# The formatter's configuration is .swift-format; `make format` rewrites the code to it, and
# `make lint` (run by CI) fails on any line it would change or any rule the code breaks.
SWIFT_FORMAT_PATHS = Package.swift Sources Tests
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_FORMAT_PATHS)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_FORMAT_PATHS)

test: deps
	$(SWIFT) test --disable-swift-testing

# libFuzzer on the pickle, IDX and gzip readers (Tests/Fuzz/README.md); not part of `make test`.
# Compiles with swiftc into $(FUZZ_OUT) (default /tmp/fuzz), never into .build; runs each target
# FUZZ_SECONDS (default 60) and fails on any crash, trap, leak or ASan report.
.PHONY: fuzz
fuzz:
	bash Tests/Fuzz/run.sh

clean:
	rm -rf .build
