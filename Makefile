# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both install exactly what uv.lock records (see CONTRIBUTING.md).
#
#   make test                                  # Python 3.11 (python3) in .venv
#   make test PYTHON=/path/to/python3.13 VENV=.venv-3.13
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# uv itself lives in a venv of its own, installed from a hashed requirement.
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
SYNC   := UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --python $(PYTHON)
STAMP  := $(VENV)/.synced

.PHONY: demo test test-lowest test-latest lock bench bench-compare mutation golden clean

$(UV): requirements/uv.txt
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r requirements/uv.txt
	touch $(UV)

$(STAMP): $(UV) pyproject.toml uv.lock
	$(SYNC) --quiet
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m accountcore demo

# Every check runs and reports; the target fails if any of them failed.
test: $(STAMP)
	@failed=""; \
	$(BIN)/python -m pytest -q                || failed="$$failed pytest"; \
	$(BIN)/python -m mypy --strict src        || failed="$$failed mypy"; \
	$(BIN)/python -m ruff check .             || failed="$$failed ruff-check"; \
	$(BIN)/python -m ruff format --check .    || failed="$$failed ruff-format"; \
	$(BIN)/lint-imports --no-cache            || failed="$$failed lint-imports"; \
	if [ -n "$$failed" ]; then echo "FAILED:$$failed"; exit 1; fi; \
	echo "all checks passed: pytest, mypy, ruff check, ruff format, lint-imports"

# The library's declared ranges, not the lock: see CONTRIBUTING.md.
test-lowest: $(STAMP)
	$(BIN)/nox -s lowest

test-latest: $(STAMP)
	$(BIN)/nox -s latest

# Move the lock deliberately, in a commit of its own (CONTRIBUTING.md).
lock: $(UV)
	$(UV) lock --upgrade

# Regenerate the golden files after a lock change; read the diff before commit.
golden: $(STAMP)
	ACCOUNTCORE_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest -q \
		tests/reports/test_reports.py tests/cli/test_demo.py
	git diff --stat -- tests/golden

bench: $(UV)
	$(SYNC) --quiet --group bench
	$(BIN)/python -m benchmarks
	$(SYNC) --quiet
	touch $(STAMP)

# Every benchmark at REV and here, side by side: make bench-compare REV=<commit>
bench-compare: $(UV)
	$(SYNC) --quiet --group bench
	sh tools/bench_compare.sh $(REV)
	$(SYNC) --quiet
	touch $(STAMP)

# Mutation testing (CONTRIBUTING.md): mutmut on money.py and commissions/, then
# a summary per file (tools/mutation_summary.py). Every mutant in MUTANTS is
# tried against today's tests; narrow it to iterate, e.g.
#   make mutation MUTANTS='accountcore.commissions.components.*'
MUTANTS ?= accountcore.money.* accountcore.commissions.*
JOBS    ?= 2
mutation: $(UV)
	$(SYNC) --quiet --group mutation
	ACCOUNTCORE_HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children $(JOBS) \
		$(foreach pattern,$(MUTANTS),'$(pattern)')
	$(BIN)/python tools/mutation_summary.py
	$(SYNC) --quiet
	touch $(STAMP)

clean:
	rm -rf $(VENV) $(TOOLS) .nox build dist mutants
