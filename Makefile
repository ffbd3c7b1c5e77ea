# Convenience targets; the work is done by ./run, which needs only Python 3.11 and a POSIX shell.
#   make site   = ./run site    (set up .venv, check the example catalogue, build site/)
#   make test   = ./run test    (set up .venv, chromium and nodejs, run the whole test suite)
#   make serve  = ./run serve   (live preview on http://127.0.0.1:8000/)
#   make check  = ./run check
#   make bench  = ./run bench   (speed of check, build and search at 1,000 and 10,000 processes)

.PHONY: site test serve check bench clean

site test serve check bench:
	./run $@

clean:
	rm -rf site .venv .pytest_cache
