"""medlint's pytest plugin (installed with medlint, registered as ``pytest11: medlint``).

It gives rule authors:

- the ``rule_tester`` fixture, a factory: ``rule_tester(MyRule)`` returns a
  ``medlint.testing.RuleTester`` (keyword arguments such as ``today=`` pass through);
- YAML rules' own ``examples`` as test items: every ``.yaml``/``.yml`` file under a
  folder given with ``--medlint-rules DIR`` (repeatable) or the ini option
  ``medlint_rule_dirs`` is collected, one item per example (``ACM101:invalid[0]``).
  A rule file that does not load is one failing item naming file, line and key.
  The folders are added to what pytest collects when ``--medlint-rules`` is given,
  or when pytest runs without path arguments (like ``testpaths``);
- ``yaml_examples(path, ...)``: the same examples as a parametrized test function, for
  a test module that should run them wherever pytest is pointed
  (``test_styles = yaml_examples("styles")``).

The plugin does nothing unless one of these is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

_DIRS = pytest.StashKey[list[Path]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("medlint", "medlint rule tests")
    group.addoption("--medlint-rules", action="append", default=[], metavar="DIR",
                    help="run the examples of the YAML rules in DIR as tests (repeatable)")
    parser.addini("medlint_rule_dirs", type="paths", default=[],
                  help="folders of medlint YAML rules whose examples run as tests")


def pytest_configure(config: pytest.Config) -> None:
    given = [Path(d).resolve() for d in config.getoption("medlint_rules")]
    dirs = given + [Path(p).resolve() for p in config.getini("medlint_rule_dirs")]
    config.stash[_DIRS] = dirs
    if not dirs:
        return
    if given or config.args_source != pytest.Config.ArgsSource.ARGS:
        roots = [Path(a.split("::")[0]).resolve() for a in config.args]
        for folder in dirs:
            if folder.is_dir() and not any(folder == r or r in folder.parents for r in roots):
                config.args.append(str(folder))
                roots.append(folder)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    dirs = parent.config.stash.get(_DIRS, [])
    resolved = file_path.resolve()
    if any(d == resolved or d in resolved.parents for d in dirs):
        return YamlRuleFile.from_parent(parent, path=file_path)
    return None


class ExampleFailed(AssertionError):
    """A YAML rule's example did not behave as it says."""


class YamlRuleFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from ..declarative import YamlRuleError, load_rule_file
        from ..declarative.examples import examples

        try:
            rule = load_rule_file(self.path, _shown(self.path))
        except YamlRuleError as exc:
            yield YamlExampleItem.from_parent(self, name="load", error=str(exc))
            return
        for example in examples(rule):
            yield YamlExampleItem.from_parent(self, name=f"{rule.code}:{example.label}", example=example)


class YamlExampleItem(pytest.Item):
    def __init__(self, *, example: Any = None, error: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.example = example
        self.error = error

    def runtest(self) -> None:
        from ..declarative.examples import run_example

        if self.error:
            raise ExampleFailed(self.error)
        outcome = run_example(self.example)
        if not outcome.ok:
            raise ExampleFailed(outcome.detail)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExampleFailed):
            if self.example is None:
                return str(excinfo.value)  # the load error names file, line and key
            text = f"{_shown(self.path)} {self.name}: {excinfo.value}"
            return text + "\nexample:\n" + "".join(f"    {line}\n" for line in self.example.text.splitlines())
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@pytest.fixture
def rule_tester() -> Callable[..., Any]:
    """A factory: ``rule_tester(MyRule, today=date(2026, 1, 1))`` -> ``RuleTester``."""
    from . import RuleTester

    def make(rule: type, **kwargs: Any) -> RuleTester:
        return RuleTester(rule, **kwargs)

    return make


def yaml_examples(*paths: str | os.PathLike[str]) -> Callable[..., None]:
    """A parametrized test running the examples of every YAML rule under ``paths``
    (files or folders; relative paths are taken from the calling test file's folder).
    A file that does not load is one failing case."""
    import inspect

    from ..declarative import YamlRuleError, load_rule_file, rule_files
    from ..declarative.examples import examples

    frame = inspect.currentframe()
    caller = Path(frame.f_back.f_code.co_filename if frame and frame.f_back else ".").resolve().parent
    params = []
    for given in paths:
        root = Path(given) if Path(given).is_absolute() else caller / given
        files = rule_files(root) if root.exists() else []
        if not files:
            params.append(pytest.param(f"no YAML rule files in {root}", id=f"{Path(given).as_posix()}:missing"))
        for file in files:
            try:
                rule = load_rule_file(file, _shown(file))
            except YamlRuleError as exc:
                params.append(pytest.param(str(exc), id=f"{file.name}:load"))
                continue
            for example in examples(rule):
                params.append(pytest.param(example, id=f"{rule.code}:{example.label}"))

    @pytest.mark.parametrize("example", params)
    def test(example: Any) -> None:
        from ..declarative.examples import run_example

        if isinstance(example, str):
            raise ExampleFailed(example)
        outcome = run_example(example)
        if not outcome.ok:
            raise ExampleFailed(f"{example.rule.yaml_path} {example.label}: {outcome.detail}")

    test.__name__ = "test_yaml_rule_examples"
    return test
