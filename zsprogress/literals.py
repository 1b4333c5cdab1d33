"""The literal prefilter of a regex: strings of which every match needs one in the text.

:func:`required` reads a pattern of the ``regex`` module's syntax (as the rules of patterns/ are
written, their fragments expanded) and returns a set of literal strings such that any text the
pattern finds a match in contains at least one of them, or None when it cannot tell. A rule whose
set has no member in a text is not compiled nor run on it (rules.py: ``LoadedRule.may_match``).

It is conservative by construction: what it does not understand (case-insensitive or verbose
flags, subroutines, conditionals, named lists, fuzzy matching, a construct it does not know)
gives None, "no prefilter", never a wrong set. The rules it walks:

- a literal character is required; adjacent literal characters form one required string;
- a sequence needs what any one of its items needs: the most selective item's set is taken
  (fewest strings, then the longest shortest string);
- an alternation needs one of what its branches need (the union; None when a branch needs
  nothing known);
- a group needs what its content needs; a repeat needs what its item needs when it repeats at
  least once, nothing otherwise;
- a positive lookahead or lookbehind needs its content in the text (it looks at the text, if
  outside the match); a negative one, an anchor, ``.`` and class escapes (``\\d``, ``\\s``...)
  need nothing known; a small character class needs one of its characters.

tests/test_literals.py checks it over every must_match example of patterns/ and every field of
the sample and the layout fixtures: no rule that matches a text is ever filtered out.
"""

from __future__ import annotations

from typing import Optional

Req = Optional[frozenset[str]]  # one of these strings must occur; None: nothing known

MAX_SET = 256     # a larger set of alternatives is not worth testing: no prefilter
MAX_CLASS = 64    # a character class of more characters needs nothing known
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = set("dDsSwWhHbBAZzGKXmM")  # a set of characters or a position: nothing known


class _GiveUp(Exception):
    """A construct this reader does not know: the pattern gets no prefilter."""


def required(src: str) -> Req:
    """The strings of which any match of ``src`` needs one in the text searched, or None."""
    try:
        p = _Parser(src)
        node = p.alternation()
        if p.i != len(src):
            raise _GiveUp(f"unbalanced ')' at {p.i}")
    except (_GiveUp, IndexError, ValueError):
        return None
    return node[0]


def best(reqs: list[Req]) -> Req:
    """The most selective of several requirements that all hold: fewest strings, then the
    longest shortest string; None when none is known."""
    known = [r for r in reqs if r]
    if not known:
        return None
    return min(known, key=lambda r: (len(r), -min(map(len, r)), sorted(r)))


# A node: (requirement, the one string it matches when it is a fixed literal, else None)
Node = tuple[Req, Optional[str]]


class _Parser:
    def __init__(self, src: str) -> None:
        self.s = src
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else "\0"  # past the end: a character no test matches

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        union: set[str] = set()
        for req, _ in branches:
            if req is None:
                return None, None
            union |= req
        return (frozenset(union) if len(union) <= MAX_SET else None), None

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.s) and self.peek() not in "|)":
            item = self.atom()
            items.append(self.quantified(item))
        reqs: list[Req] = []
        run: list[str] = []
        whole: Optional[str] = "" if items else None
        for req, lit in items:
            if lit is not None:
                run.append(lit)
                whole = None if whole is None else whole + lit
                continue
            whole = None
            if run:
                reqs.append(frozenset(["".join(run)]))
                run = []
            reqs.append(req)
        if run:
            reqs.append(frozenset(["".join(run)]))
        if whole == "":
            whole = None
        return best(reqs), whole

    def quantified(self, item: Node) -> Node:
        c = self.peek()
        lo: Optional[int] = None
        if c in "*?":
            lo = 0
            self.i += 1
        elif c == "+":
            lo = 1
            self.i += 1
        elif c == "{":
            j = self.s.index("}", self.i)
            body = self.s[self.i + 1:j]
            parts = body.split(",")
            if len(parts) > 2 or not all(p.strip().isdigit() or p.strip() == "" for p in parts) \
                    or not body.strip(", "):
                raise _GiveUp(f"not a repeat: {{{body}}}")  # fuzzy matching, a literal brace
            lo = int(parts[0]) if parts[0].strip() else 0
            exact = len(parts) == 1
            self.i = j + 1
            if self.peek() in "?+":
                self.i += 1
            if lo == 0:
                return None, None
            if exact and item[1] is not None:
                return item[0], item[1] * lo
            return item[0], None
        if lo is None:
            return item
        if self.peek() in "?+":  # lazy or possessive: the same requirement
            self.i += 1
        return (item[0] if lo >= 1 else None), None

    def atom(self) -> Node:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        self.i += 1
        if c in ".^$":
            return None, None
        if c in "*+?{":
            raise _GiveUp(f"a repeat of nothing at {self.i - 1}")
        return frozenset([c]), c

    def group(self) -> Node:
        s, i = self.s, self.i
        if s.startswith("(?#", i):
            self.i = s.index(")", i) + 1
            return None, ""  # a comment: matches the empty string, joins literals around it
        look: Optional[bool] = None  # True: positive lookaround, False: negative
        if not s.startswith("(?", i):
            self.i = i + 1
        elif s.startswith(("(?:", "(?>"), i):
            self.i = i + 3
        elif s.startswith(("(?=", "(?!"), i):
            look = s[i + 2] == "="
            self.i = i + 3
        elif s.startswith(("(?<=", "(?<!"), i):
            look = s[i + 3] == "="
            self.i = i + 4
        elif s.startswith(("(?P<", "(?<"), i):
            self.i = s.index(">", i) + 1
        elif s.startswith("(?P=", i):
            self.i = s.index(")", i) + 1
            return None, None  # a backreference: whatever the group matched
        else:
            j = i + 2
            while j < len(s) and s[j].isalpha():
                j += 1
            flags = s[i + 2:j]
            if not flags or any(f not in "msuaL" for f in flags) or s[j:j + 1] not in (":", ")"):
                raise _GiveUp(f"group {s[i:j + 1]}")  # (?i), (?x), (?|, (?(, (?R), (?&...
            if s[j] == ")":
                self.i = j + 1
                return None, ""  # global flags that change no literal
            self.i = j + 1
        node = self.alternation()
        if self.peek() != ")":
            raise _GiveUp("unclosed group")
        self.i += 1
        if look is None:
            return node
        return (node[0] if look else None), None

    def escape(self) -> Node:
        c = self.peek(1)
        self.i += 2
        if self.i > len(self.s):
            raise _GiveUp("a trailing backslash")
        if c in _LITERAL_ESCAPES:
            ch = _LITERAL_ESCAPES[c]
            return frozenset([ch]), ch
        if c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            ch = chr(int(self.s[self.i:self.i + n], 16))
            self.i += n
            return frozenset([ch]), ch
        if c in "pP":
            if self.peek() == "{":
                self.i = self.s.index("}", self.i) + 1
            else:
                self.i += 1
            return None, None
        if c.isdigit():
            if c == "0":
                raise _GiveUp("an octal escape")
            while self.peek().isdigit():
                self.i += 1
            return None, None  # a backreference
        if c in _CLASS_ESCAPES:
            return None, None
        if c.isalnum():
            raise _GiveUp(f"escape \\{c}")  # \L<name>, \N{...}, \g<...> and the rest
        return frozenset([c]), c

    def char_class(self) -> Node:
        """A set ``[...]``: one of its characters when it is small and known (MAX_CLASS); nothing
        known when it is negated, holds a class escape (``\\d``, ``\\p{..}``) or a wide range."""
        s = self.s
        i = self.i + 1
        negated = s[i:i + 1] == "^"
        if negated:
            i += 1
        chars: set[str] = set()
        known = True
        first = True
        while True:
            c = s[i]
            if c == "]" and not first:
                i += 1
                break
            first = False
            if c == "[":
                raise _GiveUp("a nested set or a POSIX class")
            if c == "\\":
                esc, i = _class_escape(s, i)
                if esc is None:
                    known = False
                    continue
                ch = esc
            else:
                ch = c
                i += 1
            if s[i:i + 1] == "-" and s[i + 1:i + 2] not in ("]", ""):
                hc, i = _range_end(s, i + 1)
                if ord(hc) - ord(ch) >= MAX_CLASS:
                    known = False
                else:
                    chars.update(chr(k) for k in range(ord(ch), ord(hc) + 1))
                continue
            chars.add(ch)
        self.i = i
        if negated or not known or not chars or len(chars) > MAX_CLASS:
            return None, None
        if len(chars) == 1:
            (ch,) = chars
            return frozenset(chars), ch
        return frozenset(chars), None


def _class_escape(s: str, i: int) -> tuple[Optional[str], int]:
    """The character the escape at ``s[i]`` (a backslash) inside a set stands for, or None for
    a set of characters (``\\d``, ``\\p{Han}``: nothing known), and the position after it."""
    e = s[i + 1]
    i += 2
    if e in _LITERAL_ESCAPES:
        return _LITERAL_ESCAPES[e], i
    if e in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[e]
        return chr(int(s[i:i + n], 16)), i + n
    if e in "pP":
        return None, (s.index("}", i) + 1 if s[i:i + 1] == "{" else i + 1)
    if e in "dDsSwWhH":
        return None, i
    if e.isalnum():
        raise _GiveUp(f"escape \\{e} in a set")
    return e, i


def _range_end(s: str, i: int) -> tuple[str, int]:
    """The last character of a range ``a-z`` in a set (``s[i]`` is what follows the ``-``), and
    the position after it; an escape there other than a code point or punctuation gives up."""
    hc = s[i]
    if hc != "\\":
        return hc, i + 1
    e = s[i + 1]
    if e in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[e]
        return chr(int(s[i + 2:i + 2 + n], 16)), i + 2 + n
    if e.isalnum():
        raise _GiveUp("a range to an escape")
    return e, i + 2
