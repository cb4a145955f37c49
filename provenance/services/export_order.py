"""The order of an export's article lines: every upstream attribution comes first.

Articles are ordered by Kahn's algorithm over the graph of who relays whom (ties by slug),
each circle of articles relaying each other (a strongly connected component) taken as one
node. Inside a circle no article can come first whole: the first by slug whose
attributions' upstreams are all written is written in part, which unblocks the others.
Attributions never relay in a circle (a trigger refuses it), so some article of a circle
always has such attributions; articles outside circles are never split.

Articles are numbered by their rank in slug order (code point order, as Python compares
strings; PostgreSQL's "C" collation gives the same), so the graph is lists of integers and
a tie is an integer comparison. The graph is of articles, not attributions: only the
attributions of articles in a circle are needed (``RelayGraph.circle_ranks``), so a
corpus of millions of attributions is ordered from its relay edges alone. O(n log n).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# An attribution of an article in a circle: article rank, id, upstream id, upstream's
# article rank (None when there is no upstream or it is outside every circle).
CircleRow = tuple[int, int, int | None, int | None]

# One article line: the article's rank and which of its attributions (None: all of them).
Place = tuple[int, tuple[int, ...] | None]


# An attribution of an article in a circle: its id and its upstream's id when that upstream
# is inside the circle (else None).
Entry = tuple[int, int | None]


def _core(count: int, out: list[list[int]], into: list[list[int]]) -> list[int]:
    """The articles that may be in a circle: prune, again and again, those with no upstream
    article left or no relaying article left (a circle has neither)."""
    takes = [len(edges) for edges in into]
    gives = [len(edges) for edges in out]
    queue = [a for a in range(count) if not takes[a] or not gives[a]]
    removed = bytearray(count)
    while queue:
        article = queue.pop()
        if removed[article]:
            continue
        removed[article] = 1
        for follower in out[article]:
            takes[follower] -= 1
            if not takes[follower] and not removed[follower]:
                queue.append(follower)
        for upstream in into[article]:
            gives[upstream] -= 1
            if not gives[upstream] and not removed[upstream]:
                queue.append(upstream)
    return [a for a in range(count) if not removed[a]]


def circles_of(nodes: list[int], out: list[list[int]], count: int) -> list[list[int]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    unseen = -1
    index = [unseen] * count
    low = [0] * count
    on_stack = bytearray(count)
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in nodes:
        if index[root] != unseen:
            continue
        work = [(root, iter(out[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if index[child] == unseen:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = 1
                    work.append((child, iter(out[child])))
                elif on_stack[child] and index[child] < low[node]:
                    low[node] = index[child]
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = 0
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _ready_part(entries: list[Entry], written: set[int]) -> list[Entry]:
    """The entries whose upstream is written, absent, or itself in the part (same article)."""
    part: set[int] = set()
    grew = True
    while grew:
        grew = False
        for id_, upstream in entries:
            if id_ not in part and (upstream is None or upstream in written or upstream in part):
                part.add(id_)
                grew = True
    return [e for e in entries if e[0] in part]


def _within_circle(members: list[int], remaining: dict[int, list[Entry]]) -> Iterator[Place]:
    """Articles that relay each other in a circle, in parts (see the module docstring)."""
    article_of = {id_: a for a in members for id_, _ in remaining[a]}
    followers: dict[int, list[int]] = defaultdict(list)
    unmet = dict.fromkeys(members, 0)
    for article in members:
        for id_, upstream in remaining[article]:
            if upstream is None:
                continue
            upstream_article = article_of.get(upstream)
            if upstream_article is not None and upstream_article != article:
                followers[upstream].append(id_)
                unmet[article] += 1
    ready = [a for a in members if unmet[a] == 0]
    partly = list(members)
    heapq.heapify(ready)
    heapq.heapify(partly)
    written: set[int] = set()
    done: set[int] = set()
    while len(done) < len(members):
        if ready:
            article = heapq.heappop(ready)
            if article in done:
                continue
            part = remaining[article]
        else:
            article = heapq.heappop(partly)  # never empty: attributions have no circle
            if article in done:
                continue
            part = _ready_part(remaining[article], written)
            if not part:
                continue
        ids = [id_ for id_, _ in part]
        yield article, tuple(ids)
        written.update(ids)
        if len(part) == len(remaining[article]):
            remaining[article] = []
            done.add(article)
        else:
            remaining[article] = [e for e in remaining[article] if e[0] not in written]
        for id_ in ids:
            for follower in followers.get(id_, ()):
                waiting = article_of[follower]
                unmet[waiting] -= 1
                if waiting not in done:
                    heapq.heappush(partly, waiting)
                    if unmet[waiting] == 0:
                        heapq.heappush(ready, waiting)


@dataclass(frozen=True)
class RelayGraph:
    """Articles by rank, who relays whom, and the circles among them."""

    count: int
    out: list[list[int]]  # rank -> ranks of the other articles that relay from it
    into: list[list[int]]  # rank -> ranks of the other articles it relays from
    circles: list[list[int]]

    @property
    def circle_ranks(self) -> list[int]:
        """The articles that relay each other in a circle (their attributions are needed)."""
        return sorted(a for members in self.circles for a in members)

    def order(self, circle_attributions: Iterable[CircleRow]) -> list[Place]:
        """Every article line in export order, as (rank, attribution ids or None).

        Kahn's algorithm over nodes: a circle is one node, named by its first member
        (lowest rank), which is also its place among the others; an article outside a
        circle is a node of its own.
        """
        count, out, into = self.count, self.out, self.into
        node_of = list(range(count))
        members_of: dict[int, list[int]] = {}
        for members in self.circles:
            first = min(members)
            members_of[first] = members
            for article in members:
                node_of[article] = first
        entries: dict[int, list[Entry]] = defaultdict(list)
        for article, attribution, upstream, upstream_article in circle_attributions:
            # An upstream outside the circle is written before the circle starts.
            inside = upstream_article is not None and (
                node_of[upstream_article] == node_of[article]
            )
            entries[article].append((attribution, upstream if inside else None))
        # A node waits for each relay edge into it from another node, and each is counted
        # off when the node it comes from is written (the same as waiting for each distinct
        # node it relays from). Outside circles that is the article's edge count.
        unmet = [len(upstreams) for upstreams in into]
        for first, members in members_of.items():
            unmet[first] = sum(node_of[u] != first for a in members for u in into[a])
        ready = [n for n in range(count) if not unmet[n] and node_of[n] == n]
        heapq.heapify(ready)
        order: list[Place] = []
        heappop, heappush = heapq.heappop, heapq.heappush
        while ready:
            node = heappop(ready)
            circle = members_of.get(node)
            if circle is None:
                order.append((node, None))
                for article in out[node]:
                    follower = node_of[article]
                    unmet[follower] -= 1
                    if not unmet[follower]:
                        heappush(ready, follower)
                continue
            remaining = {a: entries.get(a, []) for a in circle}
            order.extend(_within_circle(circle, remaining))
            for member in circle:
                for article in out[member]:
                    follower = node_of[article]
                    if follower != node:
                        unmet[follower] -= 1
                        if not unmet[follower]:
                            heappush(ready, follower)
        return order


def relay_graph(count: int, upstreams: list[int], relaying: list[int]) -> RelayGraph:
    """The graph of ``count`` articles (ranks 0 to count - 1) with the relay edges
    ``upstreams[i] -> relaying[i]`` (article ``relaying[i]`` took an attribution from
    ``upstreams[i]``; never an article to itself; a pair may repeat, as edges are counted
    the same way in both directions). Only the core left after
    pruning the articles that cannot be in a circle goes through Tarjan's algorithm."""
    out: list[list[int]] = [[] for _ in range(count)]
    into: list[list[int]] = [[] for _ in range(count)]
    for up, down in zip(upstreams, relaying, strict=True):
        out[up].append(down)
        into[down].append(up)
    core = _core(count, out, into)
    return RelayGraph(count, out, into, circles_of(core, out, count))
