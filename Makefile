# DeepLearningFromScratch — a literate test suite for 《深度学习入门》 (Deep Learning from Scratch).
#
#   make chapter4     rerun chapter 4: book vs ours for every printed value, and redraw its figures
#   make test         run the test suite
#
# Both install what is missing first (see `deps`).

SWIFT       ?= swift
RELEASE_BIN  = .build/release
MNIST_DIR   ?= $(abspath ../shared/data/mnist)
export MNIST_DIR

# Debian packages the project needs: gnuplot and gnuplot-iostream for figures (DejaVu fonts so
# that figures render the same everywhere), zlib for MNIST's .gz files.
APT_PACKAGES = gnuplot-nox libgnuplot-iostream-dev fonts-dejavu-core zlib1g-dev

CHAPTER4_TOOLS = losses derivatives gradient-descent

.PHONY: all deps build chapter4 $(CHAPTER4_TOOLS) tables test clean help

all: chapter4

help:
	@echo "make chapter4          chapter 4: losses, derivatives, gradient descent (tables + figures)"
	@echo "make losses|derivatives|gradient-descent   one part of chapter 4"
	@echo "make tables            rewrite the book-vs-ours tables in Chapters/*.md"
	@echo "make test              run the tests"
	@echo "make deps              install the system packages (apt-get; root or sudo)"

# Installs the Debian packages that are missing, as root or through sudo.
deps:
	@missing=""; \
	command -v gnuplot >/dev/null 2>&1 || missing="$$missing gnuplot-nox"; \
	[ -f /usr/include/gnuplot-iostream.h ] || missing="$$missing libgnuplot-iostream-dev"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	  else echo "error: missing Debian packages:$$missing. Install them as root: apt-get install$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: the Swift toolchain is not on PATH (https://swift.org/install)" >&2; exit 1; }

build: deps
	$(SWIFT) build -c release

chapter4: build
	@status=0; for tool in $(CHAPTER4_TOOLS); do \
	  $(RELEASE_BIN)/$$tool check || status=1; echo; \
	done; exit $$status

$(CHAPTER4_TOOLS): build
	$(RELEASE_BIN)/$@ check

# Rewrites the `ours` and `status` columns and the errata of the chapter texts.
tables: build
	@for tool in $(CHAPTER4_TOOLS); do $(RELEASE_BIN)/$$tool check --update-text --no-figures >/dev/null || true; done
	@git status --short Chapters

test: deps
	$(SWIFT) test --disable-swift-testing

clean:
	rm -rf .build
