#!/usr/bin/python3
"""Refuses a host firewall that would lock out the provisioning session: run by the configure step
before anything changes. The session's address is the peer of the sshd process this script runs
under (found through its ancestors, so it works under sudo too, which drops SSH_CONNECTION).
Usage: ssh-session-admitted.py [--peer ADDRESS [--local-port PORT]] [--ssh-port PORT] CIDR...
  --peer, --local-port: the session's address and the server's port it reached, for tests
  --ssh-port: the port the firewall admits SSH on (default 22): a session sshd serves on another
              port would be cut too (an existing server whose sshd listens elsewhere)
Exit 0 when the address is in one of the CIDRs and the port is the admitted one, or when not run over
SSH; 1 with the fix otherwise.
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


def session():
    """The remote address of the SSH connection this process belongs to and the local port, or None."""
    try:
        listing = subprocess.run(["ss", "-Htnp", "state", "established"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    mine = ancestors()
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 5 or not any(int(pid) in mine for pid in USERS.findall(line)):
            continue
        return fields[3].rsplit(":", 1)[0].strip("[]"), int(fields[2].rsplit(":", 1)[1])
    return None


def main(args):
    found, ssh_port = None, 22
    if args[:1] == ["--peer"]:
        found, args = (args[1], None), args[2:]
        if args[:1] == ["--local-port"]:
            found, args = (found[0], int(args[1])), args[2:]
    else:
        found = session()
    if args[:1] == ["--ssh-port"]:
        ssh_port, args = int(args[1]), args[2:]
    if found is None:
        print("talk-hpb: not run over SSH: no provisioning session to keep")
        return 0
    peer, local_port = found
    if local_port is not None and local_port != ssh_port:
        print("talk-hpb: refusing the host firewall: this provisioning session reached sshd on port %d, and the"
              " firewall admits SSH on port %d only, so the next step could not log in. Have sshd listen on port"
              " %d too (Port %d in /etc/ssh/sshd_config) and run pulumi up again. Nothing was changed."
              % (local_port, ssh_port, ssh_port, ssh_port), file=sys.stderr)
        return 1
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
