"""The on-disk cache of the rules (rules.cached_load, cache.py): plain JSON, never executed,
never a compiled regex. tests/test_cache_safety.py: the directory, temporary files and tampering.

Each test runs the loader in a fresh interpreter with its own cache directory, so what it reads
is exactly what the test planted there.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent

LOAD = """
import sys
from zsprogress.layout_vocab import V
V.HEADING  # the layout vocabulary is read at its first use, through its cache
from zsprogress.rules import default_rules
rs = default_rules()
print(len(rs.rules), rs.get("CMP001").compiled.search("完成年度目标的61%") is not None,
      "zsprogress.rule_schema" in sys.modules)
"""


def _load(cache: Path, marker: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZSPROGRESS_CACHE_DIR": str(cache),
           "MARKER": str(marker)}
    env.pop("ZSPROGRESS_NO_CACHE", None)
    env.pop("ZSPROGRESS_PATTERNS", None)
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    return out


def _data(path: Path) -> dict:
    head, _, body = path.read_bytes().partition(b"\n")
    assert head.decode() == hashlib.sha256(body).hexdigest()
    return json.loads(body)


class _Planted:
    """Unpickling this runs os.system: a file an attacker could leave in the cache directory."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _cli(cache: Optional[Path], *args: str) -> subprocess.CompletedProcess:
    """``python -m zsprogress ARGS`` in a fresh interpreter, with ``cache`` as its cache
    directory (None: no cache at all)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ZSPROGRESS_PATTERNS", None)
    if cache is None:
        env["ZSPROGRESS_NO_CACHE"] = "1"
    else:
        env.pop("ZSPROGRESS_NO_CACHE", None)
        env["ZSPROGRESS_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "zsprogress", *args], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, check=True, timeout=120, cwd=cache.parent if cache else ROOT)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_planted_files_in_the_cache_are_never_executed(tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "executed"
    n, ok, schema = _load(cache, marker)  # a miss: validates the files and writes the cache
    assert ok == "True" and schema == "True" and int(n) > 40
    (cached,) = cache.glob("rules-*.json")
    (layout,) = cache.glob("layout-*.json")
    payload = pickle.dumps(_Planted(marker))
    source = f"import os\nos.system('touch {marker}')\n"
    # under the very names the cache reads: a pickle, and Python source
    cached.write_bytes(payload)
    layout.write_text(source, encoding="utf-8")
    # under the names older versions used (pickle, marshal of a code object), and modules a
    # directory on sys.path would run on start-up or import
    (cache / "rules-3cab798b38759b82333791f23be346b7.pickle").write_bytes(payload)
    (cache / "layout-0badf00d.pkl").write_bytes(payload)
    (cache / "rules-0badf00d.marshal").write_bytes(marshal.dumps(compile(source, "planted", "exec")))
    for name in ("sitecustomize.py", "usercustomize.py", "zsprogress.py", "regex.py"):
        (cache / name).write_text(source, encoding="utf-8")
    n2, ok2, _ = _load(cache, marker)
    assert not marker.exists()
    assert (n2, ok2) == (n, "True")
    # the planted files were not JSON: both were rebuilt, and the old versions' files pruned
    assert _data(cached)["format"] and _data(layout)["data"]
    assert not [*cache.glob("*.pickle"), *cache.glob("*.pkl"), *cache.glob("*.marshal")]
    # the whole command, over a cache planted again: the same rows as without any cache
    cached.write_bytes(payload)
    layout.write_bytes(payload)
    planted = _cli(cache, "completion", "-f", "json").stdout
    assert not marker.exists()
    assert planted == _cli(None, "completion", "-f", "json").stdout
    assert json.loads(planted)[0]["task_id"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")
def test_a_cache_file_others_can_write_is_not_read(tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "executed"
    _load(cache, marker)
    (cached,) = cache.glob("rules-*.json")
    data = _data(cached)
    # tamper with one rule's regex (with a checksum that fits), and let the group write the
    # file: it is not trusted
    rule = next(r for r in data["rules"]["rules"] if r["rule"]["id"] == "CMP001")
    rule["expanded"] = rule["branches"][0] = "(?!)"
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    cached.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    cached.chmod(0o664)
    n, ok, schema = _load(cache, marker)
    assert ok == "True" and schema == "True"  # rebuilt from the TOML files
    assert oct(cached.stat().st_mode & 0o777) == oct(0o600)


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "executed"
    _load(cache, marker)
    (cached,) = cache.glob("rules-*.json")
    raw = cached.read_bytes()
    cached.write_bytes(raw[:len(raw) // 2])  # truncated: the checksum no longer fits
    n, ok, schema = _load(cache, marker)
    assert ok == "True" and schema == "True"
    assert _data(cached)["key"] in cached.name  # rewritten whole (the checksum fits again)


def test_a_cache_hit_needs_no_schema_and_gives_the_same_rules(tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "executed"
    first = _load(cache, marker)
    second = _load(cache, marker)
    assert first[:2] == second[:2]
    assert second[2] == "False"  # the Pydantic schema of the rule files is not imported on a hit


def test_no_cache_switch_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ZSPROGRESS_NO_CACHE", "1")
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    from zsprogress.rules import cached_load

    assert cached_load().get("AMT001").rule.kind == "amount"
    assert not (tmp_path / "cache").exists()


def test_the_rule_records_are_defined_once():
    """rules.Rule/Example/TableExample (what the engine and the cache hold) are what the schema
    validates into: one definition, so a field added to the dataclass is a field of the files."""
    from typing import get_args

    from zsprogress import rule_schema, rules

    assert get_args(rule_schema.Rule)[0] is rules.Rule
    assert rule_schema.Example is rules.Example and rule_schema.TableExample is rules.TableExample
    pf = rule_schema.validate("patterns/t.toml", {
        "file": {"kind": "claims", "summary": "t"},
        "rules": [{"id": "TST001", "name": "t", "summary": "t", "regex": "[0-9]+元", "kind": "amount",
                   "anchor_window": [8, 4], "must_match": [{"text": "5元", "value": 5}],
                   "must_not_match": ["元", {"text": "x元"}]}]})
    r = pf.rules[0]
    assert isinstance(r, rules.Rule) and isinstance(r.must_match[0], rules.Example)
    assert r.anchor_window == (8, 4) and r.must_match[0].value == 5.0
    assert r.must_not_match[0] == "元" and isinstance(r.must_not_match[1], rules.Example)


@pytest.mark.parametrize("where,extra", [
    ("rules.0.colour", {"colour": "red"}),  # a key the dataclass does not have
    ("rules.0.must_match.0.colour", {"must_match": [{"text": "5元", "colour": "red"}]}),
    ("rules.0.kind", {"kind": "weight"}),  # the kind is one of vocab.ClaimKind
    ("rules.0: Value error, rule ids", {"id": "T1"}),
])
def test_the_schema_refuses_what_the_dataclass_does_not_declare(where, extra):
    from zsprogress.errors import PatternError
    from zsprogress.rule_schema import validate

    rule = {"id": "TST001", "name": "t", "summary": "t", "regex": "[0-9]+元", "kind": "amount",
            "must_match": [{"text": "5元"}], **extra}
    with pytest.raises(PatternError, match=re.escape(where)):
        validate("patterns/t.toml", {"file": {"kind": "claims", "summary": "t"}, "rules": [rule]})


def test_a_cache_hit_compiles_every_rule_as_a_fresh_load(tmp_path, monkeypatch):
    """What the cache keeps besides the rule files (the expanded regexes, each rule's top-level
    branches and anchor words, the number-first patterns) is what a load without it computes."""
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    monkeypatch.delenv("ZSPROGRESS_PATTERNS", raising=False)
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    from zsprogress.rules import cached_load, load_rules

    def shape(rs) -> list:
        return [(lr.rule.id, lr.compiled.pattern, [b.pattern for b in lr.branches],
                 [a.pattern for a in lr.anchor] if lr.anchor else None,
                 [getattr(lr, k).pattern if getattr(lr, k) is not None else None
                  for k in ("starts", "needs", "numbers")], lr.triggers) for lr in rs.rules]

    cached_load()  # writes the cache
    assert list((tmp_path / "cache").glob("rules-*.json"))
    hit = shape(cached_load())
    assert hit == shape(load_rules())
    assert any(len(b) > 1 for _, _, b, _, _, _ in hit) and any(a for _, _, _, a, _, _ in hit)
    assert sum(t is not None for *_, t in hit) > len(hit) * 3 // 4  # most rules have a prefilter


def _plant(path: Path, age_s: float) -> Path:
    path.write_text("{}", encoding="utf-8")
    t = time.time() - age_s
    os.utime(path, (t, t))
    return path


def test_old_cache_files_are_pruned(tmp_path):
    """A write keeps KEEP files of its kind, the most recently used; it deletes what it replaces,
    older versions' pickles and dead temporary files, and never touches anything else."""
    from zsprogress import cache as disk

    d = tmp_path / "cache"
    d.mkdir()
    rules = [_plant(d / f"rules-{i:08x}-{'0' * 32}.json", age_s=100 + i) for i in range(12)]
    layouts = [_plant(d / f"layout-{i:08x}.json", age_s=100 + i) for i in range(3)]
    replaced = _plant(d / f"rules-0000abcd-{'1' * 32}.json", age_s=1)  # same rules, older key
    old_pickle = _plant(d / "rules-0000abcd-2.pickle", age_s=1)
    dead_tmp = _plant(d / "rules-00000001-x.json.999.tmp", age_s=7200)
    live_tmp = _plant(d / "rules-00000002-x.json.998.tmp", age_s=1)
    mine = _plant(d / "notes.pickle", age_s=10**6)  # not ours: left alone
    new = d / f"rules-0000abcd-{'2' * 32}.json"
    disk.store(new, {"x": 1}, "rules-0000abcd-")
    assert disk.load(new) == {"x": 1}
    kept = sorted(p.name for p in d.glob("rules-*.json"))
    # the newest KEEP - 1 of the others (least age), beside the file written
    assert kept == sorted([new.name] + [p.name for p in rules[:disk.KEEP - 1]])
    assert not replaced.exists() and not old_pickle.exists() and not dead_tmp.exists()
    assert live_tmp.exists() and mine.exists() and all(p.exists() for p in layouts)


def test_a_cache_hit_counts_as_a_use(tmp_path):
    """load() refreshes the file's mtime, so a cache in use is the last one pruned."""
    from zsprogress import cache as disk

    path = tmp_path / "rules-00000000-0.json"
    disk.store(path, [1, 2], "rules-00000000-")
    t = time.time() - 10**5
    os.utime(path, (t, t))
    assert disk.load(path) == [1, 2]
    assert path.stat().st_mtime > t + 10**4
