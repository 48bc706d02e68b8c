"""Which names a calendar's rules count from, and whether they do so in a circle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from zinkoop_cli.core.model import Entry, EventDef, Relative, Windowed


def anchors_of(entry: Entry) -> tuple[str, ...]:
    return (entry.when.anchor,) if isinstance(entry.when, Relative | Windowed) else ()


def find_cycle(
    entries: Iterable[Entry], events: Mapping[str, EventDef]
) -> list[str] | None:
    """A chain of ids that depend on each other in a circle, or None.

    Edges run from a relative entry to its anchor, and from an event to the entry that
    gives its default date.
    """
    graph: dict[str, tuple[str, ...]] = {entry.id: anchors_of(entry) for entry in entries}
    for name, event in events.items():
        if isinstance(event.default, str):
            graph[name] = (event.default,)
    # Depth-first with an explicit stack: a chain of 100,000 rules is no recursion limit.
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in graph:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(graph.get(root, ()))]
        while stack:
            for nxt in stack[-1]:
                if state.get(nxt) == 1:
                    return [*path[path.index(nxt):], nxt]
                if nxt not in state:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(graph.get(nxt, ())))
                    break
            else:
                stack.pop()
                state[path.pop()] = 2
    return None
