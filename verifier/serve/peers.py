"""Who a request comes from: the address the server's limits count, never a name the request gives itself.

A page may send any header it likes, so no header decides who it is, unless the operator says a
proxy in front of the server sets one (`verifier serve --forwarded-header X-Forwarded-For`): then
that header's last address is the one the proxy saw, and it is used (a request that did not come
through the proxy, without the header, is counted by its peer address). An IPv6 client is counted
by its /64 network, which one machine usually holds whole; an IPv4 client by its address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

UNKNOWN = "unknown"


def address_key(text: str) -> str | None:
    """The client an address stands for (its /64 for IPv6), or None if the text is not an address."""
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.9:443
        text = text.split(":")[0]
    try:
        ip = ipaddress.ip_address(text[:64])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        return str(mapped) if mapped is not None else str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def client_key(peer: str | None, headers: Mapping[str, str], forwarded_header: str = "") -> str:
    """The client a request counts against: its peer address, or the trusted proxy's header when one is named."""
    if forwarded_header:
        value = headers.get(forwarded_header.lower(), "")
        hops = [hop for hop in value.split(",") if hop.strip()]
        if hops:
            return address_key(hops[-1]) or f"{forwarded_header.lower()}: {hops[-1].strip()[:64]}"
    if not peer:
        return UNKNOWN
    return address_key(peer) or peer[:64]
