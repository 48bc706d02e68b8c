# The README's two commands: `make run` and `make test`. Each sets up .venv itself; `make run`
# also puts `zinkoop` on PATH (see `install`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The user's own bin folder (XDG Base Directory: $HOME/.local/bin), not /usr/local: no root.
BINDIR ?= $(HOME)/.local/bin
# MODIFY_PATH=no: never touch a shell start-up file; print the line to add instead.
MODIFY_PATH ?= yes
LINK := $(BINDIR)/zinkoop
TARGET := $(abspath $(BIN))/zinkoop
MARK := added by zinkoop's make install

.PHONY: run install uninstall test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

run: install
	$(BIN)/zinkoop deadlines msz 2027

# A link to this clone's zinkoop, so `make test` and a `git pull` are what `zinkoop` runs; a
# file there that is not a link (another install) is left alone.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@mkdir -p "$(BINDIR)"
	@if [ -e "$(LINK)" ] && [ ! -L "$(LINK)" ]; then \
	  echo "make install: $(LINK) exists and is no link; remove it or give BINDIR=DIR" >&2; \
	  exit 1; fi
	@ln -sfn "$(TARGET)" "$(LINK)"
	@echo "zinkoop: $(LINK) -> $(TARGET)"
	@sh -c "$$ENSURE_PATH" ensure-path "$(BINDIR)" "$(MODIFY_PATH)" "$(MARK)"

uninstall:
	@if [ "$$(readlink "$(LINK)" 2>/dev/null)" = "$(TARGET)" ]; then \
	  rm -f "$(LINK)" && echo "zinkoop: removed $(LINK)"; fi
	@files=$$(grep -lF "# $(MARK)" "$(HOME)/.profile" "$(HOME)/.bash_profile" \
	  "$(HOME)/.bash_login" "$(HOME)/.bashrc" "$(HOME)/.zprofile" "$(HOME)/.zshrc" \
	  2>/dev/null); \
	if [ -n "$$files" ]; then echo "zinkoop: the line ending '# $(MARK)' in" $$files \
	  "puts $(BINDIR) on PATH; delete it if nothing else lives there"; fi

# Whether a new login shell and a new interactive shell (as a terminal opens them) will find
# `zinkoop`, asked of such shells themselves; if not, one guarded line in the file that shell
# reads (the way rustup and uv do it), or only that line printed with MODIFY_PATH=no.
define ENSURE_PATH
dir=$$1; modify=$$2; mark=$$3
shell=$${SHELL:-}
[ -x "$$shell" ] || shell=$$(getent passwd "$$(id -un)" 2>/dev/null | cut -d: -f7)
[ -x "$$shell" ] || shell=/bin/sh
name=$${shell##*/}
line="case \":\$$PATH:\" in *\":$$dir:\"*) ;; *) PATH=\"$$dir:\$$PATH\"; export PATH ;; esac  # $$mark"
has() {
  found=$$(env -i HOME="$$HOME" USER="$$(id -un)" LOGNAME="$$(id -un)" TERM=dumb "$$shell" "$$1" \
    'printf "\nzinkoop-path=%s\n" "$$PATH"' </dev/null 2>/dev/null | sed -n 's/^zinkoop-path=//p')
  case ":$$found:" in *":$$dir:"*) return 0 ;; esac
  return 1
}
missing=
add() {
  if [ "$$modify" != yes ]; then
    missing="$${missing:+$$missing and }$$1"
    return
  fi
  grep -qF "# $$mark" "$$1" 2>/dev/null && return
  printf '\n%s\n' "$$line" >> "$$1"
  echo "zinkoop: added $$dir to PATH in $$1 (the line ending '# $$mark')"
}
case $$name in
  bash) has -ic || add "$$HOME/.bashrc" ;;
  zsh) has -ic || add "$$HOME/.zshrc" ;;
esac
if ! has -lc; then
  case $$name in
    bash) for file in .bash_profile .bash_login .profile; do
            [ -e "$$HOME/$$file" ] && break; done
          add "$$HOME/$$file" ;;
    zsh) add "$$HOME/.zprofile" ;;
    *) add "$$HOME/.profile" ;;
  esac
fi
if [ -n "$$missing" ]; then
  echo "zinkoop: $$dir is not on PATH in a new shell; add this line to $$missing:"
  echo "  $$line"
fi
case ":$$PATH:" in
  *":$$dir:"*) ;;
  *) if [ "$$modify" = yes ]; then
       echo "zinkoop: open a new shell to use 'zinkoop' (or in this one: export PATH=\"$$dir:\$$PATH\")"
     fi ;;
esac
endef
export ENSURE_PATH

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/export.py
	$(BIN)/python benchmarks/tracking.py

# Also removes the link into .venv, which would point nowhere.
clean:
	@if [ "$$(readlink "$(LINK)" 2>/dev/null)" = "$(TARGET)" ]; then \
	  rm -f "$(LINK)" && echo "zinkoop: removed $(LINK) (make run puts it back)"; fi
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
