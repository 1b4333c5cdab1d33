"""The house rules a maintainer relies on (issue 21), checked on the source itself: no function
over 60 lines, no import of another package's private names, no ``global`` rebinding a module's
state after import. Complexity, branches and statements are ruff's C901/PLR0912/PLR0915
(pyproject.toml [tool.ruff]); the layers are import-linter's contracts (`lint-imports`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "zsprogress"
SOURCES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 60


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _functions(path: Path):
    for node in ast.walk(_tree(path)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_no_function_is_over_sixty_lines(path):
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines, line {f.lineno})" for f in _functions(path)
            if f.end_lineno is not None and f.end_lineno - f.lineno + 1 > MAX_LINES]
    assert not long, f"{path.name}: split into named units: {long}"


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_no_private_name_of_another_package_is_imported(path):
    bad = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            bad += [f"{node.module}.{a.name}" for a in node.names
                    if any(p.startswith("_") and not p.startswith("__") for p in parts) or
                    (a.name.startswith("_") and not a.name.startswith("__"))]
        elif isinstance(node, ast.Import):
            bad += [a.name for a in node.names
                    if any(p.startswith("_") and not p.startswith("__") for p in a.name.split("."))]
        elif isinstance(node, ast.Attribute) and node.attr in {"_pickled_data", "_compiler", "_parser"}:
            bad.append(node.attr)
    assert not bad, f"{path.name} reaches into private names: {bad}"


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_no_module_state_is_rebound_with_global(path):
    found = [f"line {n.lineno}: global {', '.join(n.names)}" for n in ast.walk(_tree(path))
             if isinstance(n, ast.Global)]
    assert not found, f"{path.name}: pass the value instead of rebinding module state: {found}"


def test_the_checks_see_the_package():
    assert len(SOURCES) > 40
    assert any(f.name == "parse_report" for p in SOURCES for f in _functions(p))


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (at the top or inside a function; imports
    under ``if TYPE_CHECKING:`` are annotations only and do not count)."""
    names = {_module_name(p): p for p in SOURCES}
    graph: dict[str, set[str]] = {m: set() for m in names}
    for mod, path in names.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        tree = _tree(path)
        skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                stem = ".".join(base + ([node.module] if node.module else []))
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in names else stem for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            graph[mod] |= {t for t in targets if t in names and t != mod}
    return graph


def test_the_package_has_no_import_cycle():
    graph = _import_graph()
    assert "zsprogress.api" in graph and graph["zsprogress.api"]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert not cycles, f"modules that import each other (directly or round a loop): {cycles}"
