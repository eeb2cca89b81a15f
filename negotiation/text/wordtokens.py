"""Word tokens, and the stand-in characters they are compared as.

A text is split into tokens (words with their combining marks, runs of no-break spaces, runs
of other whitespace, single punctuation marks), so every edit is an edit of whole tokens and a
word is never split. Each distinct token is then one stand-in character, so two token lists
are compared as two strings, in C.

A comparison text diffs every proposal of a cycle, and the paragraphs of a cycle share their
words. Splitting with the regular expression is the dearest step of a diff (tens of
nanoseconds a character in ``re``), so the process keeps a :class:`Vocabulary`: each chunk of
text between two ordinary spaces ("States," or "co-sponsors") maps to the stand-ins of its
tokens, and a text is encoded by splitting it at its spaces (in C) and joining its chunks'
stand-ins with the space's. Rebasing, which compares three texts once, keeps a
:class:`TokenTable` of its own.
"""

from __future__ import annotations

import re
import threading
from operator import itemgetter

# No-break spaces carry meaning in French typography (before ; : ! ? and inside « »), so they form
# tokens of their own and a switch to an ordinary space shows up as a change.
_NO_BREAK = "\u00a0\u2007\u202f"
# Combining marks keep a decomposed accent (e + U+0301) inside its word.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TOKEN = re.compile(
    rf"[\w{_MARKS}]+|[{_NO_BREAK}]+|[^\S{_NO_BREAK}]+|.",
    re.DOTALL,
)

# A TokenTable's stand-ins reach diff-match-patch (rebasing), so they come from the private-use
# areas only. They are neither alphanumeric nor whitespace, so diff_cleanupSemanticLossless
# scores every token boundary alike instead of reading meaning into arbitrary characters; none
# is a surrogate; and they stay clear of the \x01-\x04 padding that patch_apply wraps around the
# text. Real text never reaches the engine, so a private-use character inside a paragraph cannot
# collide with a stand-in.
_STAND_IN_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))

#: Every stand-in, in order: the n-th distinct token of a comparison gets the n-th.
_STAND_INS = "".join(chr(code) for first, last in _STAND_IN_RANGES
                     for code in range(first, last + 1))


class TokenTable:
    """Two-way map between tokens and stand-in characters, shared by the texts compared."""

    def __init__(self) -> None:
        self._char_of: dict[str, str] = {}
        self._token_of: dict[str, str] = {}
        #: The token of a stand-in, for ``"".join(map(token, chars))``.
        self.token = self._token_of.__getitem__

    def encode(self, text: str) -> str:
        return self.encode_tokens(TOKEN.findall(text))

    def encode_tokens(self, tokens: list[str]) -> str:
        """The stand-in string of an already split text."""
        char_of = self._char_of
        new = [token for token in dict.fromkeys(tokens) if token not in char_of]
        if new:
            start = len(char_of)
            if start + len(new) > len(_STAND_INS):
                raise ValueError("too many distinct words to compare")
            # Whole-list operations: a comparison text diffs thousands of paragraphs.
            added = dict(zip(new, _STAND_INS[start:start + len(new)], strict=True))
            char_of.update(added)
            self._token_of.update(zip(added.values(), added.keys(), strict=True))
        return "".join(map(char_of.__getitem__, tokens))

    def decode(self, chars: str) -> str:
        return "".join(map(self._token_of.__getitem__, chars))


class NotInVocabulary(Exception):
    """A text the vocabulary cannot encode: split it with a :class:`TokenTable`."""


#: How many chunks a vocabulary keeps before the process starts a new one. A chunk costs about
#: 250 bytes, so a full vocabulary about 12 MB; the demo cycle's whole text has some 1,100.
_MOST_CHUNKS = 50_000
_SURROGATES = range(0xD800, 0xE000)
#: Every code point but the surrogates.
_MOST_TOKENS = 0x110000 - len(_SURROGATES)
_SPACE = " "


def _stand_ins(first: int, count: int) -> list[str]:
    """The vocabulary's stand-ins from the first-th on. These strings only ever reach our own
    cleanup, which compares tokens and nothing else, so any code point but a surrogate will
    do; the first 256 (the words met first, the commonest among them) are Python's cached
    one-character strings, which decoding reads several times faster than others."""
    return [chr(code if code < _SURROGATES.start else code + len(_SURROGATES))
            for code in range(first, first + count)]


class Vocabulary:
    """Chunk of text between ordinary spaces -> the stand-ins of its tokens, with the token of
    every stand-in. Stand-ins are only ever added, under a lock, so threads can share it; a
    full vocabulary is replaced, never cleared, so a diff under way keeps its own."""

    def __init__(self) -> None:
        self.space = _stand_ins(0, 1)[0]
        # The empty chunk is what lies before a text's leading space or after its trailing one.
        self._codes: dict[str, str] = {"": ""}
        self._char_of = {_SPACE: self.space}
        self._token_of = {self.space: _SPACE}
        #: The token of a stand-in, for ``"".join(map(token, chars))``.
        self.token = self._token_of.__getitem__
        self._lock = threading.Lock()

    def encode(self, text: str) -> str:
        """The stand-in string of ``text``; NotInVocabulary if splitting it at its ordinary
        spaces would not give its tokens, or the vocabulary is full."""
        if "  " in text:  # a run of spaces is one token, not one per space
            raise NotInVocabulary
        chunks = text.split(_SPACE)
        try:
            if len(chunks) == 1:
                return self._codes[text]
            # One C call looks every chunk up (itemgetter gives a tuple for two or more).
            return self.space.join(itemgetter(*chunks)(self._codes))
        except KeyError:
            self._learn(chunks)
            return self.space.join(map(self._codes.__getitem__, chunks))

    def _learn(self, chunks: list[str]) -> None:
        """Split the chunks not met before and give their new tokens stand-ins."""
        codes, char_of = self._codes, self._char_of
        with self._lock:
            new = [chunk for chunk in dict.fromkeys(chunks) if chunk not in codes]
            if not new:  # another thread learnt them meanwhile
                return
            # One pass of the regular expression over all of them, each between two spaces:
            # a space is then a token of its own, which separates the chunks' stand-ins.
            tokens = TOKEN.findall(f" {_SPACE.join(new)} ")
            unseen = [token for token in dict.fromkeys(tokens) if token not in char_of]
            if len(char_of) + len(unseen) > _MOST_TOKENS or len(codes) + len(new) > _MOST_CHUNKS:
                _replace(self)
                raise NotInVocabulary
            # Whole-list operations: a new paragraph brings tens of words at once.
            chars = _stand_ins(len(char_of), len(unseen))
            char_of.update(zip(unseen, chars, strict=True))
            self._token_of.update(zip(chars, unseen, strict=True))
            encoded = "".join(map(char_of.__getitem__, tokens)).split(self.space)
            # A chunk that begins or ends with other whitespace joins the space beside it
            # into one token ("\n " is one run): a separator is missing, and the text cannot
            # be encoded chunk by chunk.
            if len(encoded) != len(new) + 2:
                raise NotInVocabulary
            codes.update(zip(new, encoded[1:-1], strict=True))


_current = Vocabulary()
_replacing = threading.Lock()


def vocabulary() -> Vocabulary:
    """The process's vocabulary as it is now; a diff encodes both its texts with the same."""
    return _current


def _replace(full: Vocabulary) -> None:
    global _current
    with _replacing:
        if _current is full:
            _current = Vocabulary()
