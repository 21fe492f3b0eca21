# The two fresh-machine commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -e .

install-test: $(BIN)/python
	$(BIN)/pip install -e '.[test]'

# Set up, create a synthetic demo district on the embedded SQLite default, run the bot.
demo: install
	$(BIN)/arkistobotti seed-demo --if-empty
	$(BIN)/arkistobotti desk schedule >/dev/null
	$(BIN)/arkistobotti serve

# Set up and run the whole test suite (PostgreSQL tests run when
# ARKISTOBOTTI_TEST_POSTGRES_URL is set; browser tests need /usr/bin/chromium).
test: install-test
	$(BIN)/python -m pytest -q
