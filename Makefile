# Two commands for people (README): `make run`, `make test`. Everything else is for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   ?= $(CURDIR)/.demo-workspace
# The demo holds fictional people only, so its passphrase can be printed.
DEMO_PASSPHRASE ?= caseroom demo

.PHONY: run test test-long lint bench screenshots clean qt-desktop-libraries

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	# poppler-utils (pdftoppm, pdfsig) lets the tests check signed PDFs with an independent validator.
	command -v pdfsig >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null) || \
	  echo "note: poppler-utils not installed; the independent-validator test will be skipped")
	touch $(STAMP)

run: $(STAMP)
	@test -f "$(DEMO)/keyslots.json" || printf '%s\n' "$(DEMO_PASSPHRASE)" | $(PY) main.py demo -w "$(DEMO)" --passphrase-stdin
	@if $(PY) -c 'import sys, ui.display as d; sys.exit(not d.has_display())'; then \
	  $(MAKE) --no-print-directory qt-desktop-libraries; \
	  echo "Sign in as chair (or socialcare, police, health, education) with the passphrase: $(DEMO_PASSPHRASE)"; \
	  $(PY) main.py -w "$(DEMO)" --user chair; \
	else \
	  echo "No display here, so no window: running the headless demo instead."; \
	  printf '%s\n%s\n' "$(DEMO_PASSPHRASE)" "$(DEMO_PASSPHRASE)" | $(PY) main.py minutes -w "$(DEMO)" \
	    --user chair --passphrase-stdin --meeting g1-m73 --variant professional --out "$(DEMO)-minutes.pdf" --sign --family-checked; \
	  $(PY) main.py verify "$(DEMO)-minutes.pdf" -w "$(DEMO)"; \
	  echo "Demo workspace: $(DEMO)  (users chair, socialcare, police, health, education; passphrase: $(DEMO_PASSPHRASE))"; \
	  echo "Signed minutes: $(DEMO)-minutes.pdf"; \
	fi

# Qt's X11 plugin needs a few system libraries that minimal Linux installs lack.
QT_XCB_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
               libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
qt-desktop-libraries: $(STAMP)
	@missing=$$(ldd $$($(PY) -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")') 2>/dev/null | grep -c "not found"); \
	if [ "$$missing" != "0" ] && [ -n "$$DISPLAY" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then apt-get install -y -qq $(QT_XCB_LIBS) >/dev/null; \
	  else echo "Qt needs these system libraries to open a window: sudo apt-get install $(QT_XCB_LIBS)"; fi; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

# The slow tests too: kill -9 of a writer at 30 random points (about two minutes).
test-long: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -m slow

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .demo-workspace .demo-workspace-minutes.pdf
