# Quick start:  make site   (set up and build the example catalogue into site/)
#               make test   (set up and run the whole test suite)
#               make serve  (live preview on http://127.0.0.1:8000/, rebuilt when a YAML file changes)
#
# Works on a fresh Debian machine with Python 3.11: missing Debian packages (python3-venv,
# chromium for the browser tests) are installed with apt-get (as root, or through sudo).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: site test serve check test-packages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 eller nyere kræves."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3-venv mangler; installerer det med apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

check: $(STAMP)
	$(BIN)/autoproces check processes/

site: $(STAMP)
	$(BIN)/autoproces check processes/
	$(BIN)/autoproces build --site-dir site

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# Debian packages the browser and search tests need: chromium (driven by Playwright) and node
# (runs the search script outside the browser).
test-packages:
	@missing=""; test -x $(CHROMIUM) || missing="$$missing chromium"; \
	  command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installerer Debian-pakker til testene:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

test: $(STAMP) test-packages
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) .pytest_cache
