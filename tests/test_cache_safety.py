"""The cache on a shared machine (issue 19.1, 19.2, 22.1): a directory others can write or own is
refused with one warning, a temporary file is never opened through a planted symlink, a tampered,
garbage or huge cache file is ignored without a crash, entries of two checkouts or Pythons do
not evict each other, and the package uses no private name of another package (no compiled
regex of the engine is ever read or written)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zsprogress import cache as disk
from zsprogress import rules

ROOT = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX")


def _run(cache: Path | None, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ZSPROGRESS_PATTERNS", None)
    if cache is None:
        env["ZSPROGRESS_NO_CACHE"] = "1"
    else:
        env.pop("ZSPROGRESS_NO_CACHE", None)
        env["ZSPROGRESS_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "zsprogress", *args], env=env, capture_output=True,
                          stdin=subprocess.DEVNULL, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def uncached() -> str:
    """``claims --text`` output without any cache: what every run below must print."""
    p = _run(None, "claims", "--text", "完成投资12.5亿元,完成年度目标的61%", "-f", "json")
    assert p.returncode == 0, p.stderr
    return p.stdout


def _claims(cache: Path) -> subprocess.CompletedProcess:
    return _run(cache, "claims", "--text", "完成投资12.5亿元,完成年度目标的61%", "-f", "json")


# --- the directory ------------------------------------------------------------------------------

@POSIX
def test_a_new_cache_directory_is_private(tmp_path, uncached):
    cache = tmp_path / "new" / "zsprogress"
    p = _claims(cache)
    assert p.returncode == 0 and p.stdout == uncached and "warning" not in p.stderr
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)
    # claims --text segments no report: only the claim rules are read (layout.toml at first use)
    assert {f.name.split("-")[0] for f in cache.iterdir()} == {"rules"}
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in cache.iterdir())


@POSIX
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o1777])
def test_a_directory_others_can_write_is_refused_with_one_warning(tmp_path, uncached, mode):
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(mode)
    p = _claims(cache)
    assert p.returncode == 0 and p.stdout == uncached
    warnings = [x for x in p.stderr.splitlines() if x.startswith("warning: cache directory")]
    assert len(warnings) == 1 and str(cache) in warnings[0], p.stderr
    assert list(cache.iterdir()) == []  # nothing read or written there


@POSIX
@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="chown needs root")
def test_a_directory_of_another_user_is_refused(tmp_path, uncached):
    cache = tmp_path / "theirs"
    cache.mkdir(mode=0o700)
    planted = _planted_rules(cache)  # what the other user left there: not read
    os.chown(cache, 65534, 65534)
    p = _claims(cache)
    assert p.returncode == 0 and p.stdout == uncached
    assert sum(x.startswith("warning: cache directory") for x in p.stderr.splitlines()) == 1
    assert sorted(f.name for f in cache.iterdir()) == [planted.name]


def _planted_rules(cache: Path) -> Path:
    """A rules entry whose data would change the output (CMP001 can never match) if read."""
    data = rules._plain(rules.patterns_dir())
    for r in data["rules"]:
        if r["rule"]["id"] == "CMP001":
            r["expanded"] = "(?!)"
            r["branches"] = ["(?!)"]
    d = rules.patterns_dir()
    key = rules._cache_key(d)
    body = json.dumps({"format": rules.CACHE_FORMAT, "key": key, "rules": data}, ensure_ascii=False).encode()
    cache.mkdir(exist_ok=True)
    path = cache / f"rules-000000000000-{key}.json"
    path.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    return path


# --- temporary files ----------------------------------------------------------------------------

@POSIX
def test_a_planted_symlink_at_the_temporary_name_is_not_followed(tmp_path, monkeypatch):
    """Another user of a shared cache directory plants symlinks where the temporary file will be
    (its name is predictable here: the token is fixed): the victim file is never written."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    victim.chmod(0o600)
    monkeypatch.setattr(disk, "_token", lambda: "feedfacecafe")
    path = cache / "rules-000000000000-0.json"
    for name in (f"{path.name}.{os.getpid()}.tmp", f"{path.name}.{os.getpid()}.feedfacecafe.tmp"):
        (cache / name).symlink_to(victim)
    disk.store(path, {"x": 1}, "rules-000000000000-")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not path.exists() or disk.load(path) == {"x": 1}


@POSIX
def test_a_cache_file_that_is_a_symlink_is_not_read(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    real = tmp_path / "real.json"
    disk.store(cache / "rules-000000000000-1.json", [1, 2], "rules-000000000000-")
    (cache / "rules-000000000000-1.json").rename(real)
    (cache / "rules-000000000000-1.json").symlink_to(real)
    assert disk.load(real) == [1, 2]  # the file itself is fine, but...
    assert disk.load(cache / "rules-000000000000-1.json") is None


# --- tampered, garbage and huge files -------------------------------------------------------------

def _sealed(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


GARBAGE = {
    "random bytes": os.urandom(4096),
    "not JSON, checksum fits": _sealed(b"\x00\xff{not json"),
    "JSON of the wrong shape": _sealed(json.dumps({"format": rules.CACHE_FORMAT, "key": "K",
                                                   "rules": {"rules": [{"x": 1}], "digits": 3}}).encode()),
    "rules of the wrong types": _sealed(json.dumps({"format": rules.CACHE_FORMAT, "key": "K", "rules": {
        "rules": [{"rule": 5, "branches": None}], "directory": [], "units": "x"}}).encode()),
    "JSON nested too deep": _sealed(b"[" * 200_000 + b"]" * 200_000),
    "bad UTF-8": _sealed(b'{"key": "\xff\xfe"}'),
    "truncated": _sealed(b'{"format": 11, "key": "K", "rules": {"rules": []}}')[:-9],
}


@pytest.mark.parametrize("what", list(GARBAGE))
def test_a_tampered_or_garbage_rules_file_is_ignored(tmp_path, monkeypatch, what):
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    d = rules.patterns_dir()
    key = rules._cache_key(d)
    where = disk.entry("rules", str(d.resolve()), key)
    assert where is not None
    path = where[0]
    path.write_bytes(GARBAGE[what].replace(b'"K"', json.dumps(key).encode()) if what != "random bytes"
                     else GARBAGE[what])
    path.chmod(0o600)
    rs = rules.cached_load(d)  # no crash: rebuilt from the TOML files, and the file rewritten
    assert rs.get("CMP001").compiled.search("完成年度目标的61%") is not None
    assert disk.load(path)["key"] == key


def test_a_huge_cache_file_is_not_read(tmp_path, monkeypatch):
    """A planted file far over the cap (sparse: 4 GB on paper) is refused before it is read."""
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    d = rules.patterns_dir()
    key = rules._cache_key(d)
    path = disk.entry("rules", str(d.resolve()), key)[0]
    with open(path, "wb") as fh:
        fh.truncate(4 << 30)
    path.chmod(0o600)
    assert disk.load(path) is None
    assert rules.cached_load(d).get("AMT001").rule.kind == "amount"
    assert path.stat().st_size < disk.MAX_BYTES  # rewritten


@pytest.mark.parametrize("what", ["random bytes", "JSON nested too deep", "layout data of the wrong shape"])
def test_a_tampered_layout_file_is_ignored(tmp_path, monkeypatch, what):
    from zsprogress import layout_vocab as vocab

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    path = vocab.bundled_dir() / vocab.LAYOUT_FILE
    data = vocab.read(path)
    (entry,) = (tmp_path / "cache").glob("layout-*.json")
    key = json.loads(entry.read_bytes().partition(b"\n")[2])["key"]
    planted = {"layout data of the wrong shape": _sealed(json.dumps({"key": key, "data": {"chrome": 5}}).encode())}
    entry.write_bytes(planted.get(what) or GARBAGE[what])
    vocab._vocabulary_at.cache_clear()
    try:
        voc = vocab._vocabulary_at(path)  # no crash: the file is read again when the data is not usable
        assert voc["HEADING"].pattern == vocab.build(data)["HEADING"]
    finally:
        vocab._vocabulary_at.cache_clear()


@POSIX
def test_the_command_survives_a_cache_of_garbage(tmp_path, uncached):
    cache = tmp_path / "cache"
    assert _claims(cache).stdout == uncached  # written
    for f in cache.iterdir():
        f.write_bytes(_sealed(b"[" * 100_000 + b"]" * 100_000))
    p = _claims(cache)
    assert p.returncode == 0 and p.stdout == uncached and "Traceback" not in p.stderr


# --- keys -----------------------------------------------------------------------------------------

def test_checkouts_and_pythons_keep_an_entry_each(tmp_path, monkeypatch):
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    a = disk.entry("rules", "/checkout/a/patterns", "k1")
    b = disk.entry("rules", "/checkout/b/patterns", "k1")
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    c = disk.entry("rules", "/checkout/a/patterns", "k1")
    monkeypatch.undo()
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    import regex

    monkeypatch.setattr(regex, "__version__", "0.0.0")
    e = disk.entry("rules", "/checkout/a/patterns", "k1")
    entries = [a, b, c, e]
    assert all(x is not None for x in entries)
    assert len({x[1] for x in entries}) == 4  # four scopes
    for i, (path, prefix) in enumerate(entries):
        disk.store(path, {"n": i}, prefix)
    assert [disk.load(p) for p, _ in entries] == [{"n": i} for i in range(4)]  # none evicted
    # a new key of one scope replaces that scope's file only
    newer = Path(str(a[0]).replace("k1", "k2"))
    disk.store(newer, {"n": 9}, a[1])
    assert not a[0].exists() and all(p.exists() for p, _ in entries[1:])


# --- no private names ------------------------------------------------------------------------------

PRIVATE = re.compile(r"_pickled_data|\b_sre\b|re\._compiler|\bfrom re import _|"
                     r"regex\._regex\b|\bfrom regex import _|_regex_core|\bre\._parser|sre_compile|sre_parse")


def test_the_package_uses_no_private_name_of_another_package():
    found = [f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
             for p in sorted((ROOT / "zsprogress").rglob("*.py"))
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if PRIVATE.search(line)]
    assert found == []


def test_no_compiled_regex_goes_to_disk(tmp_path, uncached):
    """What a run caches is the pattern files' data: strings of regex source, never the engine's
    code (the rules' entry has no 'codes', the layout's no 'forms')."""
    cache = tmp_path / "cache"
    assert _claims(cache).stdout == uncached
    for f in cache.iterdir():
        data = json.loads(f.read_bytes().partition(b"\n")[2])
        assert set(data) in ({"format", "key", "rules"}, {"key", "data"}), f.name
