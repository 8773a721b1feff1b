# planif-rapport — build, test and report generation.
# `make report` installs missing Debian packages (as root), builds, and writes
# out/rapport-activites-$(YEAR).pdf and out/annexe-$(YEAR).xlsx.
# `make test` also installs what the tests need (LibreOffice, valgrind,
# clang...), then runs the whole suite (unit, cases, end-to-end, ASan+UBSan).
# V=1 shows the commands.

YEAR      ?= 2023
DATA      ?= data/$(YEAR).yaml
OUT       ?= out
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Install missing Debian packages before anything else is evaluated (the
# pkg-config flags below need them): at parse time, so that even the first
# `make` on a fresh machine, with -j, finds its libraries. Building and
# `make report` need only the BUILD packages of tools/setup-deps; the test
# goals install the TEST packages too (LibreOffice, valgrind, clang...);
# clean and uninstall need none. PR_SKIP_DEPS=1 skips the check.
TEST_GOALS := test test-fast test-years asan valgrind bench fuzz test-deps
ifneq ($(PR_SKIP_DEPS),1)
ifneq ($(filter $(TEST_GOALS),$(MAKECMDGOALS)),)
DEPS_SET := test
else ifneq ($(filter-out clean uninstall,$(or $(MAKECMDGOALS),all)),)
DEPS_SET := build
endif
ifdef DEPS_SET
DEPS_RC := $(shell tools/setup-deps $(DEPS_SET) 1>&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error paquets Debian manquants : voir le message ci-dessus)
endif
endif
endif

PKGS      := yaml-0.1 jansson xlsxwriter zlib libpng libjpeg
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      := -std=c11 -Wall -Wextra -Wpedantic -Werror
BASE_CFLAGS := $(WARN) -pthread -D_POSIX_C_SOURCE=200809L -DPR_VERSION='"$(VERSION)"' \
               -DPR_DATADIR='"$(PREFIX)/share/planif-rapport"' -Isrc $(PKG_CFLAGS)
OPT       ?= -O2 -g
CFLAGS    ?=
LDLIBS    := $(PKG_LIBS) -lhpdf -lhyphen -lm -pthread

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRCS      := $(sort $(wildcard src/*.c src/*/*.c))
HDRS      := $(wildcard src/*/*.h src/*/*.inc)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))

BUILD     := build
# one object per source, named after its folder: src/pdf/x.c -> build/obj/pdf/x.o
OBJS      := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
SOBJS     := $(LIB_SRCS:src/%.c=$(BUILD)/san/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)
UNIT_SBINS:= $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit-san/%)
BIN       := $(BUILD)/planif-rapport
SBIN      := $(BUILD)/planif-rapport-san

.PHONY: all deps test-deps report check test test-fast test-years asan unit valgrind install uninstall clean bench fuzz

all: $(BIN)

# ---------------------------------------------------------------- set-up
# `make deps`: the packages to build; `make test-deps`: those of the tests
# too. Both are done at parse time (see the top of this file).
deps test-deps:
	@:

# ---------------------------------------------------------------- build
$(BUILD)/obj/%.o: src/%.c $(HDRS)
	@$(if $(Q),echo "  CC      $<")
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT) $(CFLAGS) -MMD -c $< -o $@

$(BUILD)/san/%.o: src/%.c $(HDRS)
	@$(if $(Q),echo "  CC-SAN  $<")
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) $(CFLAGS) -c $< -o $@

$(BIN): $(BUILD)/obj/main.o $(OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(SBIN): $(BUILD)/san/main.o $(SOBJS)
	@$(if $(Q),echo "  LD-SAN  $@")
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.h $(OBJS) | $(BUILD)/unit
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) -Itests/unit $(OPT) $(CFLAGS) -o $@ $< $(OBJS) $(LDLIBS)

$(BUILD)/unit-san/%: tests/unit/%.c tests/unit/unit.h $(SOBJS) | $(BUILD)/unit-san
	@$(if $(Q),echo "  CC-SAN  $<")
	$(Q)$(CC) $(BASE_CFLAGS) -Itests/unit $(SAN_FLAGS) -o $@ $< $(SOBJS) $(LDLIBS)

$(BUILD)/obj $(BUILD)/san $(BUILD)/unit $(BUILD)/unit-san:
	$(Q)mkdir -p $@

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)

# ---------------------------------------------------------------- use
report: all
	$(Q)$(BIN) -o $(OUT) $(DATA)

check: all
	$(Q)$(BIN) --check $(DATA)

# ---------------------------------------------------------------- tests
# The whole suite: unit tests, data cases and end-to-end tests with the
# normal build, then again with AddressSanitizer + UBSan.
test: all $(BIN) $(SBIN) $(UNIT_BINS) $(UNIT_SBINS)
	$(Q)tests/run-all $(BIN) $(SBIN)

# Normal build only (quicker while developing).
test-fast: all $(BIN) $(UNIT_BINS)
	$(Q)tests/run-all $(BIN)

# The any-year run (issue 10): every year of tests/years/ and YEARS_SEEDS
# generated ones, validated, rendered and checked by tests/years/check-report
# (tests/years/README.md). Longer than `make test`, which runs a fixed sample
# (tests/e2e/any_year.sh).
YEARS_SEEDS ?= 20
test-years: all $(BIN)
	$(Q)tests/years/run $(BIN) --graines $(YEARS_SEEDS)

asan: $(SBIN) $(UNIT_SBINS)
	$(Q)PR_UNIT_DIR=$(BUILD)/unit-san tests/run-all $(SBIN)

valgrind: all $(BIN)
	$(Q)tests/run-valgrind $(BIN)

bench: all $(BIN)
	$(Q)tests/bench/run $(BIN)

FUZZ_SECONDS ?= 60
fuzz:
	$(Q)tests/fuzz/run $(FUZZ_SECONDS)

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/planif-rapport
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/planif-rapport
	cp -R report-templates fonts $(DESTDIR)$(PREFIX)/share/planif-rapport/
	test ! -d data/geo || cp -R data/geo $(DESTDIR)$(PREFIX)/share/planif-rapport/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/planif-rapport
	rm -rf $(DESTDIR)$(PREFIX)/share/planif-rapport

clean:
	rm -rf $(BUILD)
