#!/usr/bin/python3
"""Keeps the host firewall's sets of the Nextcloud backends' addresses current: the signaling server
may connect to a backend given by name wherever the name points (a private address too, e.g. a
Nextcloud in the same network), while its other connections into private and loopback ranges stay
refused (see the firewall's signaling_connections chain).

Usage: backend-addresses.py <nft table> <host>:<port>...   (e.g. "inet talk_hpb" cloud.example.com:443)
Resolves every name; only when all of them resolve are the sets replaced, in one nft transaction (a
name that fails to resolve for a while keeps its last addresses). Run by the unit talk-hpb-backends (once
the network is up, and whenever the firewall loads) and by the watchdog every minute, since a name may
move. Exit status 1 when a name did not resolve, 2 on a malformed argument.
Python's standard library only; TALK_HPB_NFT names another nft for tests."""
import ipaddress
import os
import socket
import subprocess
import sys

NFT = os.environ.get("TALK_HPB_NFT", "nft")
SETS = {4: "signaling_backends_ipv4", 6: "signaling_backends_ipv6"}


def resolve(host, port):
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({(ipaddress.ip_address(info[4][0]), port) for info in infos}, key=lambda a: (a[0].version, a[0], a[1]))


def main():
    table = sys.argv[1]
    elements = {4: [], 6: []}
    failed = []
    targets = []
    for target in sys.argv[2:]:
        host, _, port = target.rpartition(":")
        if not host or not port.isdigit():
            print("talk-hpb: backend-addresses.py: %r is not <host>:<port>" % target, flush=True)
            sys.exit(2)
        targets.append((host, int(port)))
    for host, port in targets:
        try:
            for address, port_number in resolve(host, port):
                elements[address.version].append("%s . %d" % (address, port_number))
        except OSError as error:
            failed.append("%s (%s)" % (host, error))
    if failed:
        print("talk-hpb: the backends' addresses stay as they were: cannot resolve " + ", ".join(failed), flush=True)
        sys.exit(1)
    script = []
    for version, name in SETS.items():
        script.append("flush set %s %s" % (table, name))
        if elements[version]:
            script.append("add element %s %s { %s }" % (table, name, ", ".join(sorted(set(elements[version])))))
    result = subprocess.run([NFT, "-f", "-"], input="\n".join(script) + "\n", capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        print("talk-hpb: could not set the backends' addresses: " + result.stderr.strip(), flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
