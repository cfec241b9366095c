#!/usr/bin/env python3
"""Check the layering of the project's apps by reading their imports (nothing is imported).

The apps form layers, lowest first (``APP_ORDER``). For every ``.py`` file of every app:

1. Direction: a module never imports a higher app — not at the top, not inside a function.
   (``collab/urls.py`` and ``collab/settings.py`` put the project together and may name every
   app.) A migration may depend only on its own or lower apps: its ``dependencies`` and its
   ``apps.get_model(...)`` calls are checked as well.
2. No import cycles between the project's modules (top-level and function-level imports).
3. No string reference that hides a dependency on a higher app: a model label
   (``"enterprises.SocialEnterprise"``, a migration's ``to="enterprises.socialenterprise"``), an
   ``apps.get_model("<app>", ...)``, an ``import_module("<app>....")`` or a dotted path. Outside
   migrations, ``apps.get_model`` on another app is reported whatever its direction: import the
   model instead, so that the dependency shows.

Prints each violation as ``path:line: message`` and exits 1 if there is any; otherwise prints a
one-line summary and exits 0. Usage: ``python scripts/check_layering.py [ROOT]``.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The apps, lowest layer first. An app that is not on disk is skipped.
APP_ORDER = ["collab", "enterprises", "areas", "procurement", "followup", "network", "api"]

# Files that put the project together: they may name (import, refer to) every app.
COMPOSITION_FILES = {"collab/urls.py", "collab/settings.py"}

_LABEL = re.compile(r"^([a-z_][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$")
_DOTTED = re.compile(r"^([a-z_][a-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)+$")
_RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Import:
    target: str  # the imported module (or the package whose attribute is imported)
    line: int
    function: str | None  # the enclosing function, for an import inside one
    type_checking: bool = False


@dataclass
class StringRef:
    kind: str  # "label", "relation", "get_model", "import_module", "dotted"
    app: str
    text: str
    line: int


@dataclass
class Module:
    name: str
    path: Path
    rel: str
    app: str
    is_migration: bool
    imports: list[Import] = field(default_factory=list)
    strings: list[StringRef] = field(default_factory=list)
    dependencies: list[tuple[str, int]] = field(default_factory=list)  # (app, line)


# --- reading -----------------------------------------------------------------------------------


def present_apps(root: Path, order: list[str] = APP_ORDER) -> list[str]:
    return [app for app in order if (root / app).is_dir()]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


class _Reader(ast.NodeVisitor):
    def __init__(self, module: Module, is_package: bool):
        self.module = module
        self.is_package = is_package
        self.functions: list[str] = []
        self.type_checking = 0
        self.claimed: set[int] = set()  # string constants already reported as a relation

    def _function(self):
        return self.functions[-1] if self.functions else None

    def visit_FunctionDef(self, node):  # noqa: N802
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    def visit_If(self, node):  # noqa: N802
        test = node.test
        guarded = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if guarded:
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, target: str, node):
        self.module.imports.append(
            Import(target, node.lineno, self._function(), bool(self.type_checking))
        )

    def visit_Import(self, node):  # noqa: N802
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node):  # noqa: N802
        if node.level:
            package = _resolve_relative(self.module.name, self.is_package, node.level, node.module)
        else:
            package = node.module or ""
        for alias in node.names:
            # ``from pkg import name``: the module ``pkg.name`` if it is one (decided later)
            self._add(f"{package}.{alias.name}" if alias.name != "*" else package, node)

    def visit_Call(self, node):  # noqa: N802
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        first = node.args[0] if node.args else None
        text = first.value if isinstance(first, ast.Constant) else None
        if name == "get_model" and isinstance(text, str):
            self._string("get_model", text.split(".")[0], text, node)
            self.claimed.add(id(first))
        elif name == "import_module" and isinstance(text, str) and not text.startswith("."):
            self._string("import_module", text.split(".")[0], text, node)
            self.claimed.add(id(first))
        elif name in _RELATION_FIELDS or any(k.arg == "to" for k in node.keywords):
            targets = [first] if name in _RELATION_FIELDS else []
            targets += [k.value for k in node.keywords if k.arg == "to"]
            for target in targets:
                if isinstance(target, ast.Constant) and isinstance(target.value, str):
                    match = _LABEL.match(target.value)
                    if match:
                        self._string("relation", match.group(1), target.value, target)
                        self.claimed.add(id(target))
        self.generic_visit(node)

    def visit_Constant(self, node):  # noqa: N802
        if isinstance(node.value, str) and id(node) not in self.claimed:
            match = _LABEL.match(node.value)
            if match and match.group(2)[0].isupper():
                self._string("label", match.group(1), node.value, node)
            elif _DOTTED.match(node.value):
                self._string("dotted", node.value.split(".")[0], node.value, node)

    def _string(self, kind, app, text, node):
        self.module.strings.append(StringRef(kind, app, text, node.lineno))

    def visit_Assign(self, node):  # noqa: N802
        # A migration's ``dependencies = [("app", "0001_initial"), ...]``
        if self.module.is_migration and any(
            isinstance(t, ast.Name) and t.id == "dependencies" for t in node.targets
        ):
            if isinstance(node.value, ast.List | ast.Tuple):
                for item in node.value.elts:
                    if (
                        isinstance(item, ast.Tuple)
                        and item.elts
                        and isinstance(item.elts[0], ast.Constant)
                        and isinstance(item.elts[0].value, str)
                    ):
                        self.module.dependencies.append((item.elts[0].value, item.lineno))
        self.generic_visit(node)


def read_modules(root: Path, apps: list[str]) -> dict[str, Module]:
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(root).as_posix()
            name = module_name(root, path)
            module = Module(
                name=name,
                path=path,
                rel=rel,
                app=app,
                is_migration="migrations" in path.relative_to(root / app).parts,
            )
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
            _Reader(module, path.name == "__init__.py").visit(tree)
            modules[name] = module
    return modules


def _target_module(target: str, modules: dict[str, Module]) -> str | None:
    """The project module an import loads: ``pkg.name`` if a module, else ``pkg``."""
    if target in modules:
        return target
    parent = target.rpartition(".")[0]
    return parent if parent in modules else None


# --- the checks --------------------------------------------------------------------------------


def check_direction(modules: dict[str, Module], apps: list[str]) -> list[Violation]:
    rank = {app: i for i, app in enumerate(apps)}
    order = " < ".join(apps)
    found = []
    for module in modules.values():
        if module.rel in COMPOSITION_FILES:
            continue
        own = rank[module.app]
        for imp in module.imports:
            app = imp.target.split(".")[0]
            if app in rank and rank[app] > own:
                where = f" inside function {imp.function}()" if imp.function else ""
                found.append(
                    Violation(
                        module.rel,
                        imp.line,
                        f"{module.app} imports {imp.target}{where}: {app} is a higher app "
                        f"({order})",
                    )
                )
        for app, line in module.dependencies:
            if app in rank and rank[app] > own:
                found.append(
                    Violation(
                        module.rel,
                        line,
                        f"migration of {module.app} depends on {app}, a higher app ({order})",
                    )
                )
    return found


def check_strings(modules: dict[str, Module], apps: list[str]) -> list[Violation]:
    rank = {app: i for i, app in enumerate(apps)}
    order = " < ".join(apps)
    found = []
    for module in modules.values():
        if module.rel in COMPOSITION_FILES:
            continue
        own = rank[module.app]
        for ref in module.strings:
            if ref.app not in rank:
                continue
            higher = rank[ref.app] > own
            if ref.kind == "get_model" and not module.is_migration and ref.app != module.app:
                found.append(
                    Violation(
                        module.rel,
                        ref.line,
                        f'apps.get_model("{ref.text}", …) hides a dependency of {module.app} on '
                        f"{ref.app}: import the model instead",
                    )
                )
            elif higher:
                what = {
                    "relation": "string foreign key",
                    "label": "string model reference",
                    "get_model": "apps.get_model",
                    "import_module": "import_module",
                    "dotted": "string reference",
                }[ref.kind]
                found.append(
                    Violation(
                        module.rel,
                        ref.line,
                        f'{what} "{ref.text}" in {module.app} points to {ref.app}, a higher app '
                        f"({order})",
                    )
                )
    return found


def import_graph(modules: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {imported project module: line of the first such import}, executed imports
    only (those under ``if TYPE_CHECKING:`` never run)."""
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, module in modules.items():
        for imp in module.imports:
            if imp.type_checking:
                continue
            target = _target_module(imp.target, modules)
            if target is not None and target != name:
                graph[name].setdefault(target, imp.line)
    return graph


def _strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node):  # Tarjan, iteratively
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        while work:
            current, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter[0]
                    counter[0] += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[current] = min(low[current], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def _cycle_in(component: list[str], graph: dict[str, dict[str, int]]) -> list[str]:
    """One concrete cycle through the component's first module (shortest, breadth-first)."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for succ in sorted(graph[node]):
            if succ == start:
                return [*paths[node], start]
            if succ in members and succ not in paths:
                paths[succ] = [*paths[node], succ]
                queue.append(succ)
    return [start, start]


def check_cycles(modules: dict[str, Module]) -> list[Violation]:
    graph = import_graph(modules)
    found = []
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        cycle = _cycle_in(component, graph)
        first, second = cycle[0], cycle[1]
        imp = next(
            i
            for i in modules[first].imports
            if not i.type_checking and _target_module(i.target, modules) == second
        )
        where = f" (inside function {imp.function}())" if imp.function else ""
        extra = (
            f"; {len(component)} modules in this cycle" if len(component) > len(cycle) - 1 else ""
        )
        found.append(
            Violation(
                modules[first].rel,
                imp.line,
                f"import cycle: {' -> '.join(cycle)}{where}{extra}",
            )
        )
    return found


def check(root: Path, order: list[str] = APP_ORDER) -> tuple[list[Violation], dict]:
    """All violations under ``root``, and what was checked."""
    apps = present_apps(root, order)
    modules = read_modules(root, apps)
    violations = (
        check_direction(modules, apps) + check_cycles(modules) + check_strings(modules, apps)
    )
    violations.sort(key=lambda v: (v.path, v.line, v.message))
    return violations, {"apps": apps, "modules": len(modules)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent
    violations, checked = check(root)
    for violation in violations:
        print(violation)
    order = " < ".join(checked["apps"])
    if violations:
        print(f"layering: {len(violations)} violations ({order})", file=sys.stderr)
        return 1
    print(f"layering: {checked['modules']} modules in {order}: no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
