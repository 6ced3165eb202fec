#!/usr/bin/python3
"""Refuses a host firewall that would lock out the provisioning session: run by the configure step
before anything changes. The session's address is the peer of the sshd process this script runs
under (found through its ancestors, so it works under sudo too, which drops SSH_CONNECTION).
Usage: ssh-session-admitted.py [--peer ADDRESS] CIDR...   (--peer: the address to check, for tests)
Exit 0 when the address is in one of the CIDRs, or when not run over SSH; 1 with the fix otherwise.
"""
import ipaddress
import os
import re
import subprocess
import sys

USERS = re.compile(r'\("sshd",pid=(\d+),')


def ancestors():
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            with open("/proc/%d/stat" % pid) as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return pids


def session_peer():
    """The remote address of the SSH connection this process belongs to, or None."""
    try:
        listing = subprocess.run(["ss", "-Htnp", "state", "established"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    mine = ancestors()
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 5 or not any(int(pid) in mine for pid in USERS.findall(line)):
            continue
        return fields[3].rsplit(":", 1)[0].strip("[]")
    return None


def main(args):
    peer = None
    if args[:1] == ["--peer"]:
        peer, args = args[1], args[2:]
    else:
        peer = session_peer()
    if peer is None:
        print("talk-hpb: not run over SSH: no provisioning session to keep")
        return 0
    address = ipaddress.ip_address(peer.split("%", 1)[0])
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    networks = [ipaddress.ip_network(cidr, strict=False) for cidr in args]
    if any(address.version == net.version and address in net for net in networks):
        return 0
    print("talk-hpb: refusing the host firewall: sshSourceCidrs (%s) do not admit %s, the address this"
          " provisioning session comes from, so the next step could not log in. Add %s (or its network) to"
          " sshSourceCidrs and run pulumi up again. Nothing was changed." % (", ".join(args) or "none", address, address),
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
