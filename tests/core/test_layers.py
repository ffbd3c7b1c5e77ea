"""The layer rules, checked on the import graph of ``generator/`` (every import, also the ones inside
functions and under ``TYPE_CHECKING``, because those are where cycles hide)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
CORE = ("generator.loading", "generator.model", "generator.checks", "generator.taxonomies", "generator.catalogue",
        "generator.audience", "generator.diagnostics")
NO_SITE = CORE + ("generator.pipeline", "generator.exports", "generator.search", "generator.history",
                  "generator.history_filter", "generator.publication")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """What the module imports; ``from package import module`` depends on the module, not the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(base)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = _imports(path, name, set(modules))
        graph[name] = {t for t in targets if t in modules and t != name} | {
            t for t in targets if t.split(".")[0] in ("mkdocs", "material")}
    return graph


def _within(name: str, layers: tuple[str, ...]) -> bool:
    return any(name == layer or name.startswith(layer + ".") for layer in layers)


def test_the_core_and_the_outputs_never_import_mkdocs_or_the_site_layer():
    offenders = sorted(f"{module} imports {target}" for module, targets in import_graph().items()
                       if _within(module, NO_SITE) for target in targets
                       if target.split(".")[0] in ("mkdocs", "material") or _within(target, ("generator.site",)))
    assert offenders == []


def test_the_checks_do_not_import_the_audience_the_outputs_or_the_site():
    later = ("generator.audience", "generator.site", "generator.pipeline", "generator.exports", "generator.search",
             "generator.publication", "generator.history", "generator.history_filter")
    offenders = sorted(f"{module} imports {target}" for module, targets in import_graph().items()
                       if _within(module, ("generator.checks", "generator.loading", "generator.model",
                                           "generator.taxonomies", "generator.catalogue"))
                       for target in targets if _within(target, later))
    assert offenders == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_there_are_no_import_cycles():
    assert _cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_modules_and_functions_stay_small():
    """No module over 400 lines and no function over 60 (small modules with one job)."""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            too_long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: "
                                f"{node.end_lineno - node.lineno + 1} lines")
    assert too_long == []


def _own_scripts(assets: Path) -> list[Path]:
    """The browser scripts under ``assets``, without vendored copies (any folder named vendor)."""
    return sorted(p for p in assets.rglob("*.js") if "vendor" not in p.relative_to(assets).parts)


def _long_scripts(assets: Path) -> list[str]:
    """The browser scripts under ``assets`` (not vendored copies) of more than 400 lines."""
    return [f"{p.relative_to(assets).as_posix()}: {p.read_text(encoding='utf-8').count(chr(10))} lines"
            for p in _own_scripts(assets) if p.read_text(encoding="utf-8").count("\n") > 400]


def test_the_browser_scripts_stay_small():
    """Every browser script of the site (not the vendored Ajv and lunr) keeps the same limit: 400 lines,
    one job each."""
    assets = ROOT / "site_templates" / "assets"
    scripts = _own_scripts(assets)
    folders = {p.relative_to(assets).parts[0] for p in scripts}
    assert len(scripts) >= 18 and {"form", "search"} <= folders, scripts  # the form's 7, the search's 11
    assert _long_scripts(assets) == []


def test_the_size_check_finds_a_long_script_and_skips_vendored_ones(tmp_path):
    (tmp_path / "search" / "vendor").mkdir(parents=True)
    (tmp_path / "search" / "long.js").write_text("x;\n" * 401, encoding="utf-8")
    (tmp_path / "search" / "short.js").write_text("x;\n" * 400, encoding="utf-8")
    (tmp_path / "search" / "vendor" / "lunr.min.js").write_text("x;\n" * 5000, encoding="utf-8")
    assert _long_scripts(tmp_path) == ["search/long.js: 401 lines"]


def _architecture_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("| `"))


def test_the_readme_architecture_table_names_every_package_and_only_real_paths():
    """Every package of generator/ has a row (a new folder cannot go undocumented), and every path a row
    names exists (a moved or deleted module cannot linger in the README)."""
    table = _architecture_table()
    packages = sorted(p.parent.relative_to(ROOT).as_posix() + "/" for p in PACKAGE.rglob("__init__.py")
                      if p.parent != PACKAGE)
    assert len(packages) >= 10, packages
    assert [p for p in packages if f"`{p}`" not in table] == []
    named = re.findall(r"`((?:generator|site_templates|tests|benchmarks)/[^`]*)`", table)
    assert len(named) >= 15, named
    assert [path for path in named if not (ROOT / path).exists()] == []
    for row in table.splitlines():  # "`generator/history.py`, `history_filter.py`": siblings of the first path
        paths = re.findall(r"`([^`]+\.py)`", row.split("|")[1])
        folder = (ROOT / paths[0]).parent if paths else None
        assert all((folder / Path(p).name).exists() or (ROOT / p).exists() for p in paths[1:]), row
