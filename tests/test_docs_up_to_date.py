"""docs/rules is generated from the rules themselves; a stale committed copy fails here.

Regenerate with ``python -m medlint.docs`` after changing a rule's docstring,
summary, severity, fixability or options schema, and commit docs/rules.
"""

from __future__ import annotations

from pathlib import Path

from medlint.docs import main

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_rule_docs_are_up_to_date(tmp_path, capsys):
    assert main([str(tmp_path)]) == 0
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in COMMITTED.glob("*.md")}
    hint = "docs/rules is stale: run `python -m medlint.docs` and commit docs/rules"
    assert sorted(committed) == sorted(fresh), f"{hint} (pages differ: " \
        f"missing {sorted(set(fresh) - set(committed))}, extra {sorted(set(committed) - set(fresh))})"
    stale = [name for name in sorted(fresh) if fresh[name] != committed[name]]
    assert not stale, f"{hint} (out of date: {', '.join(stale)})"


def test_main_removes_pages_of_rules_that_no_longer_exist(tmp_path, capsys):
    (tmp_path / "ML999-gone.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("kept\n", encoding="utf-8")
    main([str(tmp_path)])
    assert not (tmp_path / "ML999-gone.md").exists()
    assert (tmp_path / "notes.md").exists()
    assert "wrote" in capsys.readouterr().out
