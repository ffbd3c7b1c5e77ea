# Convenience targets; the work is done by ./run, which needs only Python 3.11 and a POSIX shell.
#   make site   = ./run site    (set up .venv, check the example catalogue, build site/)
#   make test   = ./run test    (set up .venv, chromium and nodejs, run the whole test suite)
#   make serve  = ./run serve   (live preview on http://127.0.0.1:8000/)
#   make check  = ./run check

.PHONY: site test serve check clean

site test serve check:
	./run $@

clean:
	rm -rf site .venv .pytest_cache
