# The two fresh-machine commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo run-demo test install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -e .

install-test: $(BIN)/python
	$(BIN)/pip install -e '.[test]'

# Set up, create a synthetic demo district on the embedded SQLite default, run the bot.
demo: install
	@$(MAKE) --no-print-directory run-demo

# The demo without the install step. The desk schedule's listing and summary are not shown;
# if it fails, what it said is.
run-demo:
	$(BIN)/arkistobotti seed-demo --if-empty
	@out=$$($(BIN)/arkistobotti desk schedule 2>&1 >/dev/null) || { echo "$$out" >&2; exit 1; }
	$(BIN)/arkistobotti serve

# Set up and run the whole test suite. The tests want ../shared beside this clone (schemas, the
# development question set); PostgreSQL tests run when ARKISTOBOTTI_TEST_POSTGRES_URL is set; the
# browser tests need Debian's Chromium at /usr/bin/chromium (.ci/run installs it; without it they are skipped).
test: install-test
	@test -d ../shared || echo "note: ../shared is not beside this clone; the tests that need it are skipped" >&2
	@command -v chromium >/dev/null 2>&1 || echo "note: no chromium (apt-get install chromium); the browser tests are skipped" >&2
	$(BIN)/python -m pytest -q
