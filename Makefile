# Two entry points for a new user: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT := out
STAMP := $(VENV)/.installed

.PHONY: setup browser virtuoso demo test bench clean readme eval

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/kg build seeds --out $(OUT)
	@echo
	@echo "== Which documents are in the graph?"
	$(BIN)/kg query documents
	@echo
	@echo "== How did the 生态环境保护督察工作条例 come about?"
	$(BIN)/kg query instrument-lineage --param title=生态环境保护督察工作条例
	@echo
	@echo "== Which planned actions on the air-quality action plan were carried out?"
	$(BIN)/kg query promises --param title=空气质量持续改善行动计划
	@echo
	@echo "== How did national PM2.5 change year by year?"
	$(BIN)/kg query indicator-series --param indicator=PM2.5 --param area=全国
	@echo
	@echo "== Who issues together?"
	$(BIN)/kg query co-issuers
	@echo
	@echo "== What did the 蓝天保卫战 campaign achieve?"
	$(BIN)/kg query campaign-outcomes --param campaign=蓝天保卫战
	@echo
	$(BIN)/kg viz --out $(OUT)/explorer.html --graph $(OUT)
	@echo
	@echo "Outputs: $(OUT)/graph.nq (every named graph, N-Quads), $(OUT)/store/ (the query store),"
	@echo "         $(OUT)/explorer.html (open it in a browser; it works offline)."

# The browser tests drive Debian's chromium (Playwright's own browser downloads are not
# reachable); CI runs as root on a fresh Debian machine. fonts-wqy-microhei (5 MB installed;
# fonts-noto-cjk is 91 MB) draws the Chinese labels, which are empty boxes without a CJK font.
CJK_FONT = /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -e $(CJK_FONT) ]; then \
		apt-get update && apt-get install -y chromium fonts-wqy-microhei; fi

# The server-store tests start Debian's Virtuoso (virtuoso-t, isql-vt) on free ports with a
# database folder of their own.
virtuoso:
	@if [ ! -x /usr/bin/virtuoso-t ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends virtuoso-opensource; fi

test: setup browser virtuoso
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(OUT) $(OUT)-laws build *.egg-info

# Extraction scores: the real documents of ../shared (skipped with a message when it is
# absent), then the development documents (training scores).
eval: setup
	$(BIN)/kg eval

# Rewrite the example outputs in README.md from a fresh build of the seeds, and of the
# statute book in ../shared/corpus/laws when it is there (beside the clone, or two levels
# up from a worktree); its examples are left as they are without it.
SHARED_LAWS := $(firstword $(wildcard ../shared/corpus/laws ../../shared/corpus/laws))
readme: setup
	$(BIN)/kg build seeds --out $(OUT)
	$(if $(SHARED_LAWS),$(BIN)/kg build $(SHARED_LAWS) --out $(OUT)-laws)
	$(BIN)/python scripts/readme_examples.py $(OUT) $(if $(SHARED_LAWS),$(OUT)-laws)

# The benchmark of issues 6 and 11: real documents varied to 7.5 MB (~1M quads; `--mb N` by hand); writes BENCHMARKS.md.
# BENCH_10M=1 adds the embedded store against Virtuoso on 10 million quads (half an hour or more;
# without it the section of the last run that made it is kept).
BENCH_10M ?=
bench: setup
	$(BIN)/python -u bench/run.py --write BENCHMARKS.md $(if $(BENCH_10M),--scale-quads 10000000)
