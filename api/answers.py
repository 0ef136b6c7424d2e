"""Encoded answers kept per View: a look-up of a common word is asked again and again, and
encoding it costs more than finding it (a national answer is over 100 kB of JSON)."""

import gzip
import json
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

MIN_GZIP = 1024  # bytes: below this, gzip saves less than its header and the client's work
MAX_BYTES = 64 * 1024 * 1024  # all answers of one View: ~500 of the largest national ones


@dataclass(frozen=True)
class Encoded:
    """One answer as sent: JSON bytes, and gzipped when that is worth it."""

    body: bytes
    gzipped: bytes | None

    @classmethod
    def of(cls, data: object) -> "Encoded":
        body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        raw = body.encode()
        # zlib's default level: within 1% of level 9's size here; done once per answer
        return cls(raw, gzip.compress(raw, 6, mtime=0) if len(raw) >= MIN_GZIP else None)

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")

    def response(self, request: Request) -> Response:
        if self.gzipped is None:
            return Response(self.body, media_type="application/json")
        headers = {"Vary": "Accept-Encoding"}  # so that a cache between keeps both apart
        if accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type="application/json", headers=headers)
        return Response(self.body, media_type="application/json", headers=headers)


def accepts_gzip(header: str) -> bool:
    """'gzip, deflate, br' -> True; 'gzip;q=0' -> False."""
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class AnswerCache:
    """Least recently used answers of the current View, up to `max_bytes`. A change swaps in a
    new View, and the first request that sees it starts an empty cache: nothing stale is served.
    Used from the event loop only, so without a lock."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._view: weakref.ref[object] | None = None  # weak: an old View's graph can be freed
        self._answers: OrderedDict[Hashable, Encoded] = OrderedDict()
        self._bytes = 0

    def get(self, view: object, key: Hashable) -> Encoded | None:
        if self._view is None or self._view() is not view:
            self._view, self._bytes = weakref.ref(view), 0
            self._answers.clear()
            return None
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, key: Hashable, answer: Encoded) -> Encoded:
        """Keep `answer` for the View of the last get()."""
        if answer.size > self.max_bytes:
            return answer
        if key in self._answers:
            self._bytes -= self._answers.pop(key).size
        self._answers[key] = answer
        self._bytes += answer.size
        while self._bytes > self.max_bytes:
            self._bytes -= self._answers.popitem(last=False)[1].size
        return answer
