# Two commands for people (README): `make run`, `make test`. Everything else is for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   ?= $(CURDIR)/.demo-workspace
# The demo holds fictional people only, so its passphrase can be printed.
DEMO_PASSPHRASE ?= caseroom demo

.PHONY: run test test-long lint bench screenshots clean qt-desktop-libraries package translations schema

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

# The slow tests too: kill -9 of a writer at 30 random points (about two minutes); their
# property tests draw new examples each run (`make test` draws the same ones every time).
test-long: lint
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=explore $(VENV)/bin/pytest -m slow

# Extract every tr() text into resources/translations/*.ts (for translators; add a language
# with LANGUAGES="cy fr"), then compile each into the .qm the app loads for the user's locale.
LANGUAGES ?= cy
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none ui/*.py \
	  $(foreach l,$(LANGUAGES),-ts resources/translations/caseroom_$(l).ts)
	for ts in resources/translations/*.ts; do $(VENV)/bin/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done

# The self-contained app, one folder: dist/caseroom/ (docs/admin.md). PyInstaller is installed
# for this target only. Then the bundle is run as IT would run it, from another folder.
PYINSTALLER := pyinstaller==6.22.3
package: translations
	$(PY) -m pip install --quiet $(PYINSTALLER)
	$(PY) packaging/icons.py build/icons
	rm -rf dist/caseroom
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/caseroom.spec
	@du -sh dist/caseroom
	CASEROOM_APP=$(CURDIR)/dist/caseroom/caseroom QT_QPA_PLATFORM=offscreen \
	  $(VENV)/bin/pytest -m slow tests/test_packaging.py -k self_contained -p no:cacheprovider

# Not part of `make test`: workspaces of 1,000 / 10,000 / 100,000 cases (built once, kept in
# BENCH_CACHE), several rounds of each measure; `make bench SIZES=1000,10000` for a quick run.
SIZES ?= 1000,10000,100000
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen SIZES=$(SIZES) $(PY) -m tests.bench

# docs/bundle.schema.json from the models (a test fails when it is out of step).
schema: $(STAMP)
	$(PY) -c 'import models.bundle as b; open("docs/bundle.schema.json", "w", encoding="utf-8").write(b.schema_text())'

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .demo-workspace .demo-workspace-minutes.pdf
