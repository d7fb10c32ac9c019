#!/usr/bin/env python3
"""Small mechanical mutations of a plugin's Python source, for `qualify probe strength` (stdlib `ast` only).

    python3 mutate_plugin.py --list <file.py> [--within A,B]            JSON list of the mutation sites, in source order
    python3 mutate_plugin.py --apply <file.py> --site N [--within A,B] rewrites the file with site N mutated
    python3 mutate_plugin.py --imports <plugin dir> --root <target>    what the plugin's files import from the target's
                                                                        own modules: [{file, names}] (one hop)

A plugin's code is its own files plus the classes and functions they import by name from the target's own modules
(a 10-line plugin.py that instantiates a stage class has its behaviour there). `--within` limits the sites to
those top-level definitions. What every plugin shares is not theirs: the plugin API (`autocapture_nx.plugin_system`)
and the platform's kernel (`autocapture_nx.kernel`: canonical JSON, hashing, the keyring, config validation,
paths, the time base, the policy gate), which the platform itself runs on and its own tests own.

Kinds: `compare` (== != < <= > >= in/not in, is/is not flipped), `boolop` (and <-> or), `constant` (an int
n -> n + 1, True <-> False, a non-empty string -> ""), `branch` (an `if` whose test becomes False: the branch
is dropped), `return` (a function that returns early, with None). The mutant is written with ast.unparse: its
formatting differs, its behaviour differs only at the site. Sites are numbered in a fixed walk order, so the
same file always gives the same list.
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import ast  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

FLIP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
        ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


def _docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    body = getattr(parent, "body", None)
    return isinstance(body, list) and bool(body) and isinstance(body[0], ast.Expr) and body[0].value is node


SHARED_API = ("autocapture_nx.plugin_system", "autocapture_nx.kernel")


def imported_definitions(plugin_dir: Path, root: Path) -> list[dict[str, Any]]:
    """Top-level classes/functions the plugin's files import by name from the target's own modules (one hop)."""
    wanted: dict[Path, set[str]] = {}
    for source in sorted(plugin_dir.rglob("*.py")):
        if "__pycache__" in source.parts:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), filename=str(source))):
            if not isinstance(node, ast.ImportFrom) or node.level != 0 or not node.module or node.module.startswith(SHARED_API):
                continue
            base = root.joinpath(*node.module.split("."))
            module_file = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
            if not module_file.is_file() or plugin_dir in module_file.parents:
                continue
            defined = {d.name for d in ast.parse(module_file.read_text(encoding="utf-8")).body if isinstance(d, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}
            names = {alias.name for alias in node.names} & defined
            if names:
                wanted.setdefault(module_file, set()).update(names)
    return [{"file": str(path.relative_to(root)), "names": sorted(names)} for path, names in sorted(wanted.items())]


def sites(tree: ast.AST, within: set[str] | None = None) -> list[tuple[ast.AST, str, str]]:
    """(node, kind, description) for every mutable place, in a deterministic walk order; with `within`, only
    inside those top-level definitions."""
    found: list[tuple[ast.AST, str, str]] = []
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    roots = [d for d in getattr(tree, "body", []) if getattr(d, "name", None) in within] if within is not None else [tree]
    for node in (n for r in roots for n in ast.walk(r)):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in FLIP:
            found.append((node, "compare", f"{type(node.ops[0]).__name__} -> {FLIP[type(node.ops[0])].__name__}"))
        elif isinstance(node, ast.BoolOp):
            found.append((node, "boolop", f"{type(node.op).__name__} -> {'Or' if isinstance(node.op, ast.And) else 'And'}"))
        elif isinstance(node, ast.Constant) and not _docstring(node, parents.get(parents.get(node, node))):
            value = node.value
            if isinstance(value, bool):
                found.append((node, "constant", f"{value} -> {not value}"))
            elif isinstance(value, int):
                found.append((node, "constant", f"{value} -> {value + 1}"))
            elif isinstance(value, str) and value and not isinstance(parents.get(node), ast.JoinedStr):
                found.append((node, "constant", f"{value[:20]!r} -> ''"))
        elif isinstance(node, ast.If):
            found.append((node, "branch", "if-branch dropped (test -> False)"))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("__") and node.name != "create_plugin":
            found.append((node, "return", f"{node.name}() returns None at once"))
    found.sort(key=lambda item: (getattr(item[0], "lineno", 0), getattr(item[0], "col_offset", 0), item[1]))
    return found


def runs_at(node: ast.AST, kind: str) -> int:
    if kind == "return":
        body = getattr(node, "body", [])
        first = body[1] if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) else body[0] if body else node
        return getattr(first, "lineno", getattr(node, "lineno", 0))
    return getattr(node, "lineno", 0)


def mutate(node: ast.AST, kind: str) -> None:
    if kind == "compare":
        node.ops[0] = FLIP[type(node.ops[0])]()
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "constant":
        value = node.value
        node.value = (not value) if isinstance(value, bool) else value + 1 if isinstance(value, int) else ""
    elif kind == "branch":
        node.test = ast.Constant(value=False)
    elif kind == "return":
        node.body.insert(0, ast.Return(value=ast.Constant(value=None)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mutate_plugin.py")
    parser.add_argument("--list")
    parser.add_argument("--apply")
    parser.add_argument("--site", type=int)
    parser.add_argument("--within")
    parser.add_argument("--imports")
    parser.add_argument("--root")
    args = parser.parse_args(argv)
    if args.imports:
        print(json.dumps(imported_definitions(Path(args.imports).resolve(), Path(args.root or ".").resolve()), sort_keys=True))
        return 0
    path = Path(args.list or args.apply)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = sites(tree, set(args.within.split(",")) if args.within else None)
    if args.list:
        # `runs_at`: the line that executes when the mutated code runs (a function's first statement, not its def
        # line, which runs at import) — what coverage is checked against.
        out: list[dict[str, Any]] = [{"site": i, "kind": kind, "line": getattr(node, "lineno", 0), "runs_at": runs_at(node, kind), "description": text} for i, (node, kind, text) in enumerate(found)]
        print(json.dumps(out, sort_keys=True))
        return 0
    node, kind, _ = found[args.site]
    mutate(node, kind)
    path.write_text(ast.unparse(ast.fix_missing_locations(tree)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
