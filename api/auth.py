"""Writes need `Authorization: Bearer <token>`; reads are open. Tokens come from ROLEMAP_TOKEN:
'secret' or 'label:secret,label:secret' (the label goes into the history)."""

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

DEFAULT_LABEL = "token"


def parse_tokens(configured: str | None) -> dict[str, str]:
    """label → secret. A bare secret gets the label 'token'."""
    tokens: dict[str, str] = {}
    for item in (configured or "").split(","):
        label, _, secret = item.strip().rpartition(":")
        if secret:
            tokens[label or DEFAULT_LABEL] = secret
    return tokens


def writer(request: Request) -> str:
    """The label of the token the request carries; 401 without one, 403 with a wrong one or
    when the server has no token configured (writes disabled)."""
    tokens = parse_tokens(request.app.state.settings.token)
    if not tokens:
        raise HTTPException(
            403,
            "writes are disabled on this server: start it with ROLEMAP_TOKEN (or --token) set.",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401,
            "a write needs the header ‘Authorization: Bearer <token>’.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # Compare with every token, in constant time, so timing tells nothing about any of them.
    matches = [
        label
        for label, secret in tokens.items()
        if hmac.compare_digest(given.strip().encode(), secret.encode())
    ]
    if not matches:
        raise HTTPException(403, "this token may not write.")
    return matches[0]


Writer = Annotated[str, Depends(writer)]
