#!/usr/bin/python3
"""Proves on the host what Nextcloud relies on, with the secrets it holds now (read as JSON on
standard input, never from arguments): every backend's signed request is accepted by the signaling
server, and coturn allocates a relay for credentials derived from the current TURN secret, over UDP and,
when a TURN name is given, over TLS on the HTTPS port by that name (through nginx's stream layer).
Usage: health-probe.py <signaling host:port> <turn address> <turn port> [<turns name> <https host:port> <ca file|system>]
         < {"backends":[{"url","secret"}],"turnSecret"}
Python's standard library only: Debian's cloud images ship python3 for cloud-init."""
import base64
import hashlib
import hmac
import json
import os
import secrets
import socket
import ssl
import struct
import sys
import time
import urllib.error
import urllib.request

MAGIC_COOKIE = 0x2112A442
ALLOCATE, REFRESH = 0x0003, 0x0004
SUCCESS, ERROR = 0x0100, 0x0110
USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, REALM, NONCE = 0x0006, 0x0008, 0x0009, 0x0014, 0x0015
LIFETIME, REQUESTED_TRANSPORT, XOR_RELAYED_ADDRESS = 0x000D, 0x0019, 0x0016
UDP = 17


def fail(message):
    print("talk-hpb: health check failed: " + message, file=sys.stderr)
    sys.exit(1)


def signed_backend_request(signaling, backend):
    """POST a room message as Nextcloud does; 403 means the running server holds another secret."""
    body = json.dumps({"type": "message", "message": {"data": {"type": "talk-hpb-health-check"}}}).encode()
    random = secrets.token_hex(32)
    checksum = hmac.new(backend["secret"].encode(), random.encode() + body, hashlib.sha256).hexdigest()
    room = "talk-hpb-health-" + secrets.token_hex(8)
    request = urllib.request.Request("http://%s/api/v1/room/%s" % (signaling, room), data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Spreed-Signaling-Random": random,
                                              "Spreed-Signaling-Checksum": checksum,
                                              "Spreed-Signaling-Backend": backend["url"]})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def attribute(kind, value):
    padding = (4 - len(value) % 4) % 4
    return struct.pack("!HH", kind, len(value)) + value + b"\0" * padding


def message(method, transaction, attributes, key=None):
    body = b"".join(attributes)
    if key is None:
        return struct.pack("!HHI", method, len(body), MAGIC_COOKIE) + transaction + body
    # MESSAGE-INTEGRITY covers the header with the length as if it were already appended (RFC 5389 15.4).
    header = struct.pack("!HHI", method, len(body) + 24, MAGIC_COOKIE) + transaction
    integrity = hmac.new(key, header + body, hashlib.sha1).digest()
    return header + body + attribute(MESSAGE_INTEGRITY, integrity)


def parse(data):
    kind, length, _ = struct.unpack("!HHI", data[:8])
    attributes, offset = {}, 20
    while offset + 4 <= 20 + length:
        name, size = struct.unpack("!HH", data[offset:offset + 4])
        attributes[name] = data[offset + 4:offset + 4 + size]
        offset += 4 + size + (4 - size % 4) % 4
    return kind, attributes


def datagram_exchange(sock, address):
    def exchange(packet):
        for _ in range(3):
            sock.sendto(packet, address)
            try:
                return parse(sock.recvfrom(2048)[0])
            except socket.timeout:
                continue
        fail("no answer from coturn at %s:%d over UDP" % address)
    return exchange


def stream_exchange(sock, where):
    """STUN over a stream (RFC 5389 7.2.2): each message framed by the length in its header."""
    def receive(count):
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            if not chunk:
                fail("%s closed the connection (is it nginx's HTTPS server instead of coturn?)" % where)
            data += chunk
        return data

    def exchange(packet):
        sock.sendall(packet)
        header = receive(20)
        return parse(header + receive(struct.unpack("!H", header[2:4])[0]))
    return exchange


def turn_allocation(exchange, turn_secret, how):
    """Allocate with TURN REST credentials (user = expiry:name, password = base64 HMAC-SHA1), then free it."""
    username = "%d:talk-hpb-health" % (time.time() + 300)
    password = base64.b64encode(hmac.new(turn_secret.encode(), username.encode(), hashlib.sha1).digest()).decode()
    transport = attribute(REQUESTED_TRANSPORT, struct.pack("!B3x", UDP))
    kind, attrs = exchange(message(ALLOCATE, os.urandom(12), [transport]))
    if kind != ALLOCATE | ERROR or REALM not in attrs or NONCE not in attrs:
        fail("coturn did not ask for credentials as a TURN server does (%s)" % how)
    realm, nonce = attrs[REALM], attrs[NONCE]
    key = hashlib.md5(username.encode() + b":" + realm + b":" + password.encode()).digest()
    signed = [attribute(USERNAME, username.encode()), attribute(REALM, realm), attribute(NONCE, nonce)]
    kind, attrs = exchange(message(ALLOCATE, os.urandom(12), [transport] + signed, key))
    if kind != ALLOCATE | SUCCESS or XOR_RELAYED_ADDRESS not in attrs:
        code = attrs.get(ERROR_CODE, b"\0\0\0\0")
        fail("coturn refused an allocation with the current TURN secret %s (%d%02d %s): does it run with another secret?"
             % (how, code[2], code[3], code[4:].decode(errors="replace")))
    exchange(message(REFRESH, os.urandom(12), [attribute(LIFETIME, struct.pack("!I", 0))] + signed, key))


def udp_allocation(address, turn_secret):
    with socket.socket(socket.AF_INET6 if ":" in address[0] else socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        turn_allocation(datagram_exchange(sock, address), turn_secret, "over UDP")


def tls_allocation(turns_name, https, ca_file, turn_secret):
    """As a client on a network that allows only 443: TLS by the TURN name, certificate checked, then TURN.
    ca_file "pinned:<path>": the certificate served must be the one installed at path (its CA is not trusted)."""
    host, port = https.rsplit(":", 1)
    where = "%s on %s" % (turns_name, https)
    pinned = ca_file[len("pinned:"):] if ca_file.startswith("pinned:") else None
    if pinned:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context(cafile=None if ca_file == "system" else ca_file)
    try:
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname=turns_name) as sock:
                if pinned:
                    with open(pinned) as f:
                        installed = ssl.PEM_cert_to_DER_cert(f.read().split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n")
                    if sock.getpeercert(binary_form=True) != installed:
                        fail("nginx serves another certificate for %s than %s" % (turns_name, pinned))
                turn_allocation(stream_exchange(sock, where), turn_secret, "over TLS to " + where)
    except (OSError, ssl.SSLError) as error:
        fail("TURN over TLS to %s failed: %s (is the certificate valid for %s? see nginx's error log)"
             % (where, error, turns_name))


def main():
    signaling, turn_address, turn_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    turns = sys.argv[4:7]
    given = json.load(sys.stdin)
    for backend in given["backends"]:
        status = signed_backend_request(signaling, backend)
        if status != 200:
            fail("the signaling server answered HTTP %d to a request signed with the secret of %s: it does not run with"
                 " the current secret (see journalctl -u nextcloud-spreed-signaling)" % (status, backend["url"]))
        print("talk-hpb: ok: a request signed with the secret of %s is accepted" % backend["url"], file=sys.stderr)
    udp_allocation((turn_address, turn_port), given["turnSecret"])
    print("talk-hpb: ok: coturn allocates a relay with the current TURN secret", file=sys.stderr)
    if turns:
        tls_allocation(turns[0], turns[1], turns[2], given["turnSecret"])
        print("talk-hpb: ok: TURN over TLS on %s by the name %s allocates too" % (turns[1], turns[0]), file=sys.stderr)


if __name__ == "__main__":
    main()
