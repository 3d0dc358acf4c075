"""Where each box of a stakeholder map goes: reporting trees from reports-to, laid out as an org chart.

Plain geometry in the PDF's points (a box is BOX_W x BOX_H), which the PDF (report/orgchart.py)
and the slides (outputs/) scale to their room. Leaves under a manager are stacked in one column,
the usual org-chart trick, so a wide organisation still fits; reporting lines that loop (A
reports to B reports to A) are cut, never followed forever.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Record
from .template import BUYING_ROLES, Cell

BOX_W, BOX_H = 100.0, 44.0

# What a box marks a buying role with: "※ Final approval" -> "※", the first word of the choice's label.
ROLE_SYMBOLS = {c.key: c.label.en.split(" ", 1)[0] for c in BUYING_ROLES}
GAP_X, GAP_Y, STACK_GAP, INDENT = 10.0, 20.0, 8.0, 12.0


@dataclass
class Node:
    row: Record
    children: list[Node] = field(default_factory=list)


@dataclass
class Block:
    """A laid-out subtree: its size, each box's top-left corner and the connecting lines."""

    width: float
    height: float
    anchor: float  # x where the line from the parent comes in at the top
    boxes: list[tuple[Record, float, float]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)

    def shifted(self, dx: float, dy: float) -> Block:
        return Block(
            self.width,
            self.height,
            self.anchor + dx,
            [(r, x + dx, y + dy) for r, x, y in self.boxes],
            [(x0 + dx, y0 + dy, x1 + dx, y1 + dy) for x0, y0, x1, y1 in self.lines],
        )


def forest(rows: list[Record]) -> list[Node]:
    """The reporting trees in row order; an unknown or looping reports-to makes a root."""
    keys = {r.key for r in rows}
    parent: dict[str, str] = {}
    for row in rows:
        boss = row.get(Cell.reports_to)
        if isinstance(boss, str) and boss in keys and boss != row.key:
            parent.setdefault(row.key, boss)
    for row in rows:  # cut every loop where it is first noticed
        seen: set[str] = set()
        key = row.key
        while key in parent:
            if key in seen:
                del parent[key]
                break
            seen.add(key)
            key = parent[key]
    nodes = {r.key: Node(r) for r in rows}
    roots = []
    for row in rows:
        if row.key in parent:
            nodes[parent[row.key]].children.append(nodes[row.key])
        elif row.key in nodes:
            roots.append(nodes[row.key])
    return roots


def _leaf(node: Node) -> Block:
    return Block(BOX_W, BOX_H, BOX_W / 2, [(node.row, 0.0, 0.0)])


def _stack(nodes: list[Node]) -> Block:
    boxes = [(n.row, INDENT, i * (BOX_H + STACK_GAP)) for i, n in enumerate(nodes)]
    x = INDENT / 2
    last_mid = boxes[-1][2] + BOX_H / 2
    lines = [(x, 0.0, x, last_mid)] + [(x, y + BOX_H / 2, INDENT, y + BOX_H / 2) for _, _, y in boxes]
    return Block(BOX_W + INDENT, boxes[-1][2] + BOX_H, x, boxes, lines)


def _row(blocks: list[Block]) -> tuple[Block, list[float]]:
    """Blocks side by side; returns the combined block and each block's anchor."""
    out = Block(0.0, 0.0, 0.0)
    anchors = []
    x = 0.0
    for block in blocks:
        moved = block.shifted(x, 0.0)
        out.boxes += moved.boxes
        out.lines += moved.lines
        anchors.append(moved.anchor)
        out.height = max(out.height, block.height)
        x += block.width + GAP_X
    out.width = x - GAP_X
    return out, anchors


def layout(node: Node, stack_leaves: bool) -> Block:
    if not node.children:
        return _leaf(node)
    leaves = [c for c in node.children if not c.children]
    if stack_leaves and len(leaves) > 1:
        columns = [layout(c, stack_leaves) for c in node.children if c.children] + [_stack(leaves)]
    else:
        columns = [layout(c, stack_leaves) for c in node.children]
    children, anchors = _row(columns)
    total = max(BOX_W, children.width)
    cx = (total - children.width) / 2
    children = children.shifted(cx, BOX_H + GAP_Y)
    anchors = [a + cx for a in anchors]
    px = total / 2 - BOX_W / 2
    block = Block(total, BOX_H + GAP_Y + children.height, total / 2, [(node.row, px, 0.0)])
    block.boxes += children.boxes
    block.lines += children.lines
    bus = BOX_H + GAP_Y / 2
    block.lines.append((total / 2, BOX_H, total / 2, bus))
    block.lines.append((min([*anchors, total / 2]), bus, max([*anchors, total / 2]), bus))
    block.lines += [(a, bus, a, BOX_H + GAP_Y) for a in anchors]
    return block


def arrange(roots: list[Node], room: float) -> Block:
    """The trees side by side, leaves stacked under their manager when side by side is wider than ``room``."""
    for stack_leaves in (False, True):
        block, _ = _row([layout(r, stack_leaves) for r in roots])
        if block.width <= room:
            break
    return block


# A map scaled down to fit the page is unreadable long before this; and laying out a reporting
# line hundreds deep would recurse that deep. The map shows the top of the organisation, the
# table below it everyone.
MAP_LEVELS = 8
MAP_BOXES = 80


def top_of(roots: list[Node], levels: int = MAP_LEVELS, most: int = MAP_BOXES) -> tuple[list[Node], int]:
    """The trees cut to their first ``levels`` levels and ``most`` people, level by level;
    and how many people that leaves in."""
    copies = [Node(r.row) for r in roots[:most]]
    shown = len(copies)
    level = list(zip(roots[:most], copies, strict=True))
    for _ in range(levels - 1):
        below = []
        for node, copy in level:
            for child in node.children:
                if shown >= most:
                    break
                twin = Node(child.row)
                copy.children.append(twin)
                below.append((child, twin))
                shown += 1
        level = below
    return copies, shown
