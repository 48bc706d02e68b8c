"""Every `$ zinkoop` example in the docs runs in the tests and prints what the doc shows.

The convention (described to readers at the top of docs/usage.md):

- A fenced block marked `console` is a session that runs. A line `$ zinkoop ...` is a command
  (quoted as in a POSIX shell, `#` starts a comment); the lines after it, up to the next `$`,
  are what it prints: standard output, then standard error. `$ echo $?` followed by a number
  is the exit code of the command before; a command without it must exit 0.
- A line that is exactly `...` stands for any number of lines (none included).
- Trailing spaces and trailing empty lines do not count.
- `<!-- file: PATH -->` on the line before a fenced block makes the block a file: every
  example runs in a fresh folder (also the home folder, so `~/PATH` is the same file) that
  holds every such file of every doc, plus the few files named in `derived_files` below, and
  the repository's `calendars` (as in a clone).
- Each block has a ledger of its own, and no mail password set.
- `<!-- output of: zinkoop ... -->` on the line before a ```text block makes the block a part
  of what that command prints (calendar-format.md shows rows of the example's timeline so).
- Any other block that holds a `$ zinkoop` line is an error: commands that cannot run in a test
  (cron lines, mail through a real server) are written without a prompt in a `sh` or
  `crontab` block.

When the output changes on purpose, `ZINKOOP_UPDATE_DOCS=1 .venv/bin/python -m pytest
tests/test_docs_examples.py` rewrites, in the doc, the shown output of each command (and
`output of` block) that no longer matches: each `...` stays, and the lines around it change as
little as they must to match again. Exit codes are never rewritten: an example that exits with
another code still fails. Review `git diff docs/` line by line, and the prose next to it.
"""

from __future__ import annotations

import codecs
import difflib
import itertools
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import Runner

ROOT = Path(__file__).parents[1]
DOCS = ("docs/usage.md", "docs/calendar-format.md", "docs/tracking.md", "docs/outlook.md",
        "docs/cron.md", "README.md")
# How many commands each doc runs at least: an example that stops running fails here.
MINIMUM = {"docs/usage.md": 53, "docs/calendar-format.md": 8, "docs/tracking.md": 4,
           "docs/outlook.md": 3, "docs/cron.md": 0, "README.md": 0}
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
MARK = re.compile(r"^<!-- (file|output of): (.+?) -->$")
ANSI_C = re.compile(r"\$'((?:[^'\\]|\\.)*)'")
UPDATE = os.environ.get("ZINKOOP_UPDATE_DOCS") == "1"
# Lines an update added to a doc (negative: removed), after the line (as collected) of each.
MOVED: dict[str, list[tuple[int, int]]] = {}


@dataclass
class Command:
    line: int
    text: str
    shown: list[str] = field(default_factory=list)
    code: int = 0


@dataclass
class Block:
    doc: str
    line: int
    info: str
    lines: list[str]
    mark: tuple[str, str] | None
    indent: str = ""

    @property
    def file(self) -> str | None:
        return self.mark[1] if self.mark and self.mark[0] == "file" else None


def blocks(doc: str) -> list[Block]:
    """The fenced blocks of DOC, with the line their first content line is on."""
    found: list[Block] = []
    text = (ROOT / doc).read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(text):
        fence = FENCE.match(text[index])
        if not fence:
            index += 1
            continue
        indent, info = fence.groups()
        mark = MARK.match(text[index - 1].strip()) if index else None
        start = index + 1
        index = start
        while index < len(text) and text[index].strip() != "```":
            index += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip()
                for line in text[start:index]]
        found.append(Block(doc, start + 1, info, body, (mark[1], mark[2]) if mark else None,
                           indent))
        index += 1
    return found


def commands(block: Block) -> list[Command]:
    """The commands of a console block, each with the output and exit code it shows."""
    found: list[Command] = []
    expect_code = False
    for number, line in enumerate(block.lines, start=block.line):
        if expect_code:
            found[-1].code = int(line.strip())
            expect_code = False
        elif line.startswith("$ echo $?"):
            assert found, f"{block.doc}:{number}: `$ echo $?` without a command before it"
            expect_code = True
        elif line.startswith("$ "):
            assert line.startswith("$ zinkoop"), f"{block.doc}:{number}: not a zinkoop command"
            found.append(Command(number, line[2:]))
        else:
            assert found, f"{block.doc}:{number}: output before the first command"
            found[-1].shown.append(line)
    return found


def console_blocks(doc: str) -> list[Block]:
    return [block for block in blocks(doc) if block.info == "console"]


def test_every_prompt_is_in_a_console_block() -> None:
    for doc in DOCS:
        for block in blocks(doc):
            if block.info != "console":
                prompts = [line for line in block.lines if line.startswith("$ zinkoop")]
                assert not prompts, f"{doc}:{block.line}: a ```{block.info} block with {prompts}"


@pytest.mark.parametrize("doc", DOCS)
def test_enough_examples_run(doc: str) -> None:
    count = sum(len(commands(block)) for block in console_blocks(doc))
    assert count >= MINIMUM[doc], f"{doc} runs {count} commands, fewer than {MINIMUM[doc]}"


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether PRINTED is SHOWN, where a line `...` in SHOWN stands for any lines."""
    if not shown:
        return not printed
    if shown[0] == "...":
        return any(matches(shown[1:], printed[skip:]) for skip in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def updated(shown: list[str], printed: list[str]) -> list[str]:
    """SHOWN changed as little as it must to match PRINTED, with every `...` kept.

    An alignment of least cost: a shown line kept costs 0, replaced by a printed line 1 to 3
    (the less alike, the more), dropped 2; a printed line added costs 1, or 0 in a `...`.
    """
    if matches(shown, printed):
        return shown

    def change(old: str, new: str) -> float:
        return 0.0 if old == new else 3 - 2 * difflib.SequenceMatcher(None, old, new).ratio()

    # best[i][j]: the least cost of showing printed[:j] with shown[:i], and its last step
    best = [[(float("inf"), 0, 0)] * (len(printed) + 1) for _ in range(len(shown) + 1)]
    best[0][0] = (0.0, 0, 0)
    for i, j in itertools.product(range(len(shown) + 1), range(len(printed) + 1)):
        if i or j:  # the steps in the order ties are broken
            steps = ([(0, 1, 0.0), (1, 0, 0.0)] if i and shown[i - 1] == "..." else
                     [(1, 1, change(shown[i - 1], printed[j - 1]) if i and j else 0.0),
                      (1, 0, 2.0), (0, 1, 1.0)])
            best[i][j] = min(((best[i - di][j - dj][0] + cost, di, dj)
                              for di, dj, cost in steps if di <= i and dj <= j),
                             key=lambda step: step[0])
    result: list[str] = []
    i, j = len(shown), len(printed)
    while i or j:
        _, di, dj = best[i][j]
        elided = bool(i) and shown[i - 1] == "..."
        if di if elided else dj:
            result.append("..." if elided else printed[j - 1])
        i, j = i - di, j - dj
    result.reverse()
    return [line for index, line in enumerate(result)
            if line != "..." or index == 0 or result[index - 1] != "..."]


def rewrite(block: Block, first: int, old: list[str], new: list[str]) -> None:
    """Put NEW in BLOCK's doc in place of OLD, which starts on line FIRST (as collected)."""
    path = ROOT / block.doc
    text = path.read_text(encoding="utf-8").split("\n")
    at = first - 1 + sum(lines for line, lines in MOVED.get(block.doc, []) if line < first)
    here = [line.removeprefix(block.indent).rstrip() for line in text[at:at + len(old)]]
    assert here == old, f"{block.doc}:{first}: the doc changed while it was being updated"
    text[at:at + len(old)] = [block.indent + line if line else "" for line in new]
    path.write_text("\n".join(text), encoding="utf-8")
    MOVED.setdefault(block.doc, []).append((first, len(new) - len(old)))


def normalised(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def arguments(command: str, home: Path) -> list[str]:
    # $'...' is bash's quoting for a line break inside an argument (usage.md shows one).
    command = ANSI_C.sub(lambda found: shlex.quote(
        codecs.decode(found.group(1), "unicode_escape")), command)
    words = shlex.split(command, comments=True)[1:]
    return [str(home / word[2:]) if word.startswith("~/") else word for word in words]


def derived_files(shown: dict[str, str]) -> dict[str, str]:
    """Files the docs name without printing them: each is a shown file with known mistakes."""
    ggz = shown["mijn-kalenders/voorbeeld/ggz-2027.toml"]
    broken = ggz.replace('id = "offerte-indienen"\n', 'id = "offerte-indienen"\ndat = "x"\n', 1)
    broken = broken.replace('date = "15 november 2026"', 'date = "31 september 2026"', 1)
    rows = [f"Ziekenhuis {n},0601{n:04d},msz,2027,2026-09-14," for n in range(1, 50)]
    return {
        "ggz-fout.toml": broken,
        "fout/ggz-2027.toml": ggz.replace("title =", "titel =", 1),
        "nieuwe-contracten.csv": "\n".join(
            ["provider,agb,care_type,year,ontvangst,offerte", *rows,
             "Ziekenhuis 50,06010050,msz,2027,2026-09-31,"]) + "\n",
    }


def shown_files() -> dict[str, str]:
    files = {block.file: "\n".join(block.lines) + "\n"
             for doc in DOCS for block in blocks(doc) if block.file}
    return {**files, **derived_files(files)}


def examples() -> list[object]:
    return [pytest.param(block, id=f"{block.doc}:{block.line}")
            for doc in DOCS for block in console_blocks(doc)]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding the docs' files; the working folder and HOME."""
    folder = tmp_path / "home"
    for name, text in shown_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "calendars").symlink_to(ROOT / "calendars")  # as in a clone of the repository
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("ZINKOOP_SMTP_PASSWORD", raising=False)
    return folder


def printed(run: Runner, where: str, command: str, home: Path) -> tuple[int, list[str]]:
    result = run(*arguments(command, home))
    assert "Traceback" not in result.err, f"{where}: {result.err}"
    return result.code, normalised((result.out + result.err).splitlines())


def first_difference(shown: list[str], lines: list[str]) -> tuple[int, str]:
    """The first shown line (index) that does not follow, reading both in order, and why."""
    at, skipping = 0, False
    for index, line in enumerate(shown):
        if line == "...":
            skipping = True
            continue
        if skipping and line in lines[at:]:
            at = lines.index(line, at) + 1
        elif not skipping and at < len(lines) and lines[at] == line:
            at += 1
        else:
            here = lines[at] if at < len(lines) and not skipping else "(not printed)"
            return index, f"shown {line!r}, printed {here!r}"
        skipping = False
    extra = lines[at] if at < len(lines) and not skipping else None
    return len(shown), f"printed more: {extra!r}" if extra is not None else "no difference"


def diff(shown: list[str], lines: list[str], where: str, first: int) -> str:
    index, why = first_difference(shown, lines)
    return f"{where.split(':')[0]}:{first + index}: {why}\n" + "\n".join(
        difflib.unified_diff(shown, lines, f"{where} (shown)", "printed", lineterm=""))


@pytest.mark.parametrize("block", examples())
def test_example_prints_what_the_doc_shows(block: Block, run: Runner, home: Path) -> None:
    problems = []
    for command in commands(block):
        where = f"{block.doc}:{command.line}"
        code, lines = printed(run, where, command.text, home)
        shown = normalised(command.shown)
        if UPDATE and not matches(shown, lines):
            rewrite(block, command.line + 1, shown, updated(shown, lines))
            shown = updated(shown, lines)
        if not matches(shown, lines) or code != command.code:
            problems.append(f"$ {command.text}\nexit {code}, shown {command.code}\n"
                            + diff(shown, lines, where, command.line + 1))
    assert not problems, "\n\n".join(problems)


def fragments() -> list[object]:
    return [pytest.param(block, id=f"{block.doc}:{block.line}")
            for doc in DOCS for block in blocks(doc)
            if block.mark and block.mark[0] == "output of"]


@pytest.mark.parametrize("block", fragments())
def test_output_shown_in_part_is_part_of_what_zinkoop_prints(
    block: Block, run: Runner, home: Path
) -> None:
    assert block.mark is not None
    where = f"{block.doc}:{block.line}"
    code, lines = printed(run, where, block.mark[1], home)
    shown = normalised(block.lines)
    assert code == 0, f"{where}: `{block.mark[1]}` exits {code}: {lines}"
    if UPDATE and not matches(["...", *shown, "..."], lines):
        new = updated(["...", *shown, "..."], lines)
        if len(new) > 2:  # else no shown line is left: not for an update to decide
            rewrite(block, block.line, shown, new[1:-1])
            shown = new[1:-1]
    assert matches(["...", *shown, "..."], lines), diff(["...", *shown, "..."], lines, where,
                                                        block.line - 1)


def test_commands_that_count_from_today_give_the_day() -> None:
    """Output that depends on the day the tests run would be right on one day only."""
    for doc in DOCS:
        for block in console_blocks(doc):
            for command in commands(block):
                words = command.text.split()
                counts = words[1] in ("deadlines", "warn") or words[1:3] == ["track", "list"]
                if counts and command.code not in (2, 3) and "--help" not in words:
                    assert "--today" in words, f"{doc}:{command.line}: {command.text}"


def readme_commands() -> list[str]:
    """The command list of README.md's "What it does": a ```sh block of `zinkoop` lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What it does", 1)[1].split("\n## ", 1)[0]
    block = next(block for block in blocks("README.md")
                 if block.info == "sh" and "\n".join(block.lines) in section)
    return [line for line in block.lines if line.startswith("zinkoop ")]


def test_the_readme_command_list_runs(run: Runner, home: Path) -> None:
    """Each line exits as the README says (1 for `warn` with something due, else 0).

    The lines are shown without output, so they run with the day fixed, the web folder in the
    test's folder, and `~/beleid/` holding the example calendars of calendar-format.md.
    """
    (home / "beleid").symlink_to(home / "mijn-kalenders" / "voorbeeld")
    lines = readme_commands()
    assert len(lines) >= 10
    for line in lines:
        words = shlex.split(line.replace("/var/www/zinkoop", "www"), comments=True)
        if words[1] in ("deadlines", "warn") or words[1:3] == ["track", "list"]:
            words += ["--today", "2026-10-29"]
        code, output = printed(run, f"README.md: {line}", shlex.join(words), home)
        assert code == (1 if words[1] == "warn" else 0), (line, output)
    published = {path.name for path in (home / "www").iterdir()}
    assert "zorg-en-zekerheid-msz-2027.ics" in published  # the file outlook.md subscribes to
    assert not any("algemeen" in name for name in published)


def test_an_elision_stands_for_whole_lines_only() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "b"], ["a", "b"])
    assert matches(["..."], [])
    assert not matches(["a"], ["a", "b"])
    assert not matches(["a ..."], ["a b"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])


def test_an_update_changes_the_shown_lines_as_little_as_it_must() -> None:
    assert updated(["a", "...", "d"], ["a", "b", "d"]) == ["a", "...", "d"]  # still matches
    assert updated(["a", "b"], ["a", "c", "d"]) == ["a", "c", "d"]
    # the elided part grew, the last line changed: it is replaced, not dropped into the `...`
    assert updated(["head", "...", "19 events"], ["head", "x", "y", "21 events"]) == [
        "head", "...", "21 events"]
    assert updated(["...", "55 entries", "..."], ["x", "59 entries", "y"]) == [
        "...", "59 entries", "..."]
    assert updated(["a", "...", "b", "...", "c"], ["a", "z", "c"]) in (
        ["a", "...", "c"], ["a", "...", "z", "...", "c"])  # as little either way
    assert updated(["a", "...", "b", "...", "c"], ["a", "c"]) == ["a", "...", "c"]
    for shown, printed in ((["a", "...", "q"], ["b", "c", "d"]), (["x"], []), ([], ["y"])):
        assert matches(updated(shown, printed), printed), (shown, printed)


def test_a_console_block_is_read_as_commands_with_output_and_exit_codes() -> None:
    block = Block("x.md", 10, "console", [
        "$ zinkoop warn --today 2026-10-29", "line one", "$ echo $?", "1",
        "$ zinkoop list  # a comment", "...",
    ], None)
    first, second = commands(block)
    assert (first.line, first.text, first.shown, first.code) == (
        10, "zinkoop warn --today 2026-10-29", ["line one"], 1)
    assert (second.line, second.shown, second.code) == (14, ["..."], 0)
    assert arguments(second.text, Path("/h")) == ["list"]
    assert arguments("zinkoop check ~/k $'a\\nb'", Path("/h")) == ["check", "/h/k", "a\nb"]
