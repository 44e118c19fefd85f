"""Regression tests for the input-size guards (see docs/limits.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medlint.config import CliOverrides, Config, Resolver
from medlint.document import MAX_CLAIM_SENTENCE, Document
from medlint.linter import RuleSet, lint_text
from medlint.markdown.parser import MAX_EMPHASIS_DELIMITERS
from medlint.registry import Registry
from medlint.rule import RunContext


def test_a_block_with_too_many_emphasis_delimiters_is_one_text_run():
    text = "*" * (MAX_EMPHASIS_DELIMITERS + 1) + " https://x.org/a\n"
    doc = Document.from_text(text)
    [block] = doc.blocks
    assert [c.type for c in block.node.children] == ["text"]
    assert (block.node.children[0].start, block.node.children[0].end) == (0, len(text) - 1)


def test_normal_emphasis_is_still_parsed():
    doc = Document.from_text("a *b* " * 100 + "\n")
    assert sum(1 for n in doc.root.walk() if n.type == "emphasis") == 100


def test_run_on_sentences_are_not_read_for_claims():
    blob = "B12 never causes cramps " + "and more words " * (MAX_CLAIM_SENTENCE // 10)
    doc = Document.from_text(blob + ".\n\nB12 injections can cause cramps.\n")
    assert [c.sentence.text for c in doc.claims()] == ["B12 injections can cause cramps."]
    # The same in one paragraph: the block is long, its short sentence is still read.
    doc = Document.from_text(blob + ". B12 injections can cause cramps.\n")
    assert [c.sentence.text for c in doc.claims()] == ["B12 injections can cause cramps."]


def test_thousands_of_line_suppressions_each_apply_to_their_own_line():
    resolver = Resolver(Config(None, Path(".")), Registry.builtin(),
                        CliOverrides(select=("link-bare", "unused-suppression")))
    parts = []
    for i in range(3000):
        parts.append("<!-- medlint-disable-next-line link-bare -->\n" if i % 2 == 0 else "")
        parts.append(f"See https://x.org/{i}\n\n")
    result = lint_text("t.md", "".join(parts), lambda doc: RuleSet(resolver).for_file("t.md", doc.data),
                       RunContext(dt.date(2026, 1, 1)))
    assert len(result.diagnostics) == 1500
    assert {d.rule for d in result.diagnostics} == {"link-bare"}


def test_rule_time_limit_grows_with_file_size():
    from medlint.linter import scaled_time_limit

    assert scaled_time_limit(10.0, 5_000) == 10.0 * (1 + 5_000 / 2_000_000)
    assert scaled_time_limit(10.0, 20_000_000) == 110.0
    assert scaled_time_limit(None, 20_000_000) is None


def test_oversized_standard_input_is_refused(monkeypatch):
    import io

    import medlint.reading as reading
    from click.testing import CliRunner

    from medlint.cli import main

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "big.md", "--format", "json"],
                                input="x" * 500)
    import json

    [finding] = json.loads(result.output)
    assert finding["rule"] == "file-unreadable" and "too large" in finding["message"]
    assert reading.read_stream(io.BytesIO(b"small")) == b"small"
