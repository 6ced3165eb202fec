#!/usr/bin/python3
"""talk-hpb call client: a real call through a Talk HPB, as Talk's clients make it.

Participants say hello to the signaling server (the hello bodies come from the caller: v1 tickets, v2
tokens or internal clients), join one room, publish audio and video to the MCU (an "offer" to their
own session) and subscribe to each other ("requestoffer"). Media is real WebRTC (aiortc: ICE,
DTLS-SRTP, VP8, Opus); received frames are decoded and counted per publisher and kind.

Reads the call plan as JSON on stdin (so secrets never appear in argv) and prints one JSON report on
stdout; progress goes to stderr. Plan keys:
  signalingUrl   wss://name/standalone-signaling/spreed
  connectTo      optional address to dial instead of the URL's name (the name stays for TLS)
  caFile         optional CA bundle to trust (a self-signed HPB)
  room           room id
  participants   [{"name", "hello": <hello body>, "roomSessionId"}]
  backend        optional {"apiUrl", "secret", "nextcloudUrl"}: mark participants in the call as
                 Nextcloud does (signed backend request); internal clients need none
  iceServers     optional [{"urls": [...], "username", "credential"}]
  turnSecret     optional: derive TURN REST credentials for iceServers without username
  seconds        how long media flows (default 8)
  scenario       "call" (default) or "leave-rejoin": after the call the last participant leaves
                 (the others must see it and stop receiving), rejoins and media flows again
  timelineSeconds optional: sample each participant's decoded video frames this often during the call
                 (report "timeline": [{"at": epoch seconds, "video": {name: frames}}])
"""
import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import ssl
import sys
import time
import urllib.parse

import websockets
from aioice.stun import TransactionFailed
from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp

ROOM_TYPE = "video"
# How long a publisher's connection to Janus may take to come up.
PUBLISH_SECONDS = 10


def log(*parts):
    print("call-client:", *parts, file=sys.stderr, flush=True)


# TALK_HPB_CALL_DEBUG=1: each signaling message and each ICE check on stderr, to see why a connection failed.
DEBUG = bool(os.environ.get("TALK_HPB_CALL_DEBUG"))


def summary(message):
    """A received message for the debug log: its type, a signaling message's kind and candidate, no SDP."""
    if message.get("type") == "hello":   # its resume id would let a reader take the session over
        return "hello %s" % message["hello"].get("sessionid", "")[:12]
    if message.get("type") != "message":
        return "%s %s" % (message.get("type"), json.dumps(message.get(message.get("type")))[:160])
    data = message["message"].get("data")
    data = json.loads(data) if isinstance(data, str) else data
    candidate = data.get("payload", {}).get("candidate", {}) if isinstance(data.get("payload"), dict) else {}
    return "message %s from %s %s" % (data.get("type"), str(data.get("from") or message["message"].get("sender", {}).get("sessionid"))[:12],
                                      json.dumps(candidate) if candidate else "")


def debug(*parts):
    if DEBUG:
        print("call-client: [%.3f]" % time.monotonic(), *parts, file=sys.stderr, flush=True)


class CallError(Exception):
    pass


def tls_context(plan):
    """The system's CAs, or only the given one (a self-signed test HPB); None for a plain ws:// URL."""
    if not plan["signalingUrl"].startswith("wss:"):
        return None
    return ssl.create_default_context(cafile=plan.get("caFile"))


def turn_credentials(secret, user="talk-hpb-call", ttl=3600):
    """coturn's REST scheme (use-auth-secret): username expiry:user, password base64(HMAC-SHA1)."""
    username = "%d:%s" % (int(time.time()) + ttl, user)
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


def ice_configuration(plan):
    servers = []
    for server in plan.get("iceServers", []):
        username, credential = server.get("username"), server.get("credential")
        if username is None and plan.get("turnSecret"):
            username, credential = turn_credentials(plan["turnSecret"])
        servers.append(RTCIceServer(urls=server["urls"], username=username, credential=credential))
    return RTCConfiguration(iceServers=servers)


async def backend_request(plan, room, body):
    """POST to the signaling server's backend API, signed with the shared secret, as Nextcloud does."""
    backend = plan["backend"]
    url = urllib.parse.urlsplit(backend["apiUrl"].rstrip("/") + "/api/v1/room/" + urllib.parse.quote(room))
    data = json.dumps(body).encode()
    random = secrets.token_hex(32)
    checksum = hmac.new(backend["secret"].encode(), random.encode() + data, hashlib.sha256).hexdigest()
    host = plan.get("connectTo") or url.hostname
    port = url.port or (443 if url.scheme == "https" else 80)
    context = tls_context(plan) if url.scheme == "https" else None
    reader, writer = await asyncio.open_connection(host, port, ssl=context,
                                                   server_hostname=url.hostname if context else None)
    request = ("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
               "Spreed-Signaling-Random: %s\r\nSpreed-Signaling-Checksum: %s\r\nSpreed-Signaling-Backend: %s\r\n"
               "Connection: close\r\n\r\n") % (url.path, url.hostname, len(data), random, checksum,
                                              backend["nextcloudUrl"].rstrip("/") + "/")
    writer.write(request.encode() + data)
    await writer.drain()
    response = await reader.read()
    writer.close()
    status = response.split(b"\r\n", 1)[0].decode(errors="replace")
    if " 200 " not in status:
        raise CallError("backend request %s answered %s" % (body.get("type"), status))


def media_id(pc, candidate):
    """The mid a trickled candidate belongs to. Janus sometimes sends a candidate before it knows the
    mid ("sdpMid": ""); browsers then go by the m-line index, aiortc 1.4 only by the mid (it dropped
    such candidates, and with them every pair of the connection)."""
    mid, index = candidate.get("sdpMid"), candidate.get("sdpMLineIndex")
    if not mid and isinstance(index, int):
        transceivers = pc.getTransceivers()
        if 0 <= index < len(transceivers):
            return transceivers[index].mid
    return mid


class FrameCounter:
    """Decodes one received track and counts its frames."""

    def __init__(self, track):
        self.kind = track.kind
        self.frames = 0
        self.first_frame_at = None
        self.task = asyncio.ensure_future(self._consume(track))

    async def _consume(self, track):
        try:
            while True:
                await track.recv()
                self.frames += 1
                if self.first_frame_at is None:
                    self.first_frame_at = time.monotonic()
        except (MediaStreamError, asyncio.CancelledError):
            pass


async def request_keyframe(receiver, counter):
    """Ask the publisher for a key frame (RTCP PLI) until the first video frame decodes, as browsers do.

    A subscriber that joins after the publisher's last key frame can decode nothing until the next;
    Janus forwards the request to the publisher. aiortc 1.4 has no public call for it, hence the
    private one.
    """
    for _ in range(40):
        await asyncio.sleep(0.25)
        if counter.frames > 0:
            return
        for source in receiver.getSynchronizationSources():
            await receiver._send_rtcp_pli(source.source)


class Participant:
    def __init__(self, plan, spec):
        self.plan = plan
        self.name = spec["name"]
        self.spec = spec
        self.ws = None
        self.session_id = None
        self.next_id = 0
        self.pending = {}
        self.events = []
        self.errors = []
        self.messages = asyncio.Queue()
        self.publisher = None
        self.subscribers = {}
        self.counters = {}
        self.reader = None

    async def connect(self):
        url = self.plan["signalingUrl"]
        context = tls_context(self.plan)
        name = urllib.parse.urlsplit(url).hostname
        options = {"ssl": context, "open_timeout": 15, "ping_interval": None, "max_size": 2 ** 22}
        if self.plan.get("connectTo"):
            options.update(host=self.plan["connectTo"], server_hostname=name if context else None)
        self.ws = await websockets.connect(url, **options)
        welcome = json.loads(await asyncio.wait_for(self.ws.recv(), 10))
        if welcome.get("type") != "welcome":
            raise CallError("%s: expected a welcome, got %s" % (self.name, welcome))
        self.reader = asyncio.ensure_future(self._read())
        hello = await self.request({"type": "hello", "hello": self.spec["hello"]}, "hello")
        self.session_id = hello["hello"]["sessionid"]
        log(self.name, "hello as", hello["hello"].get("userid") or "internal client", "session", self.session_id[:12])

    async def join(self, room):
        joined = await self.request({"type": "room", "room": {"roomid": room,
                                                               "sessionid": self.spec.get("roomSessionId", "")}}, "room")
        if joined["room"]["roomid"] != room:
            raise CallError("%s: joined %s instead of %s" % (self.name, joined["room"]["roomid"], room))

    async def request(self, message, expected_type, timeout=20):
        self.next_id += 1
        message["id"] = str(self.next_id)
        future = asyncio.get_running_loop().create_future()
        self.pending[message["id"]] = future
        await self.ws.send(json.dumps(message))
        answer = await asyncio.wait_for(future, timeout)
        if answer.get("type") == "error":
            raise CallError("%s: %s answered %s" % (self.name, expected_type, answer["error"]))
        return answer

    async def _read(self):
        try:
            async for text in self.ws:
                message = json.loads(text)
                if DEBUG:   # summary() parses candidates: only when asked for
                    debug(self.name, "<", summary(message))
                future = self.pending.pop(message.get("id", ""), None)
                if future is not None and not future.done():
                    future.set_result(message)
                elif message.get("type") == "message":
                    await self._on_signaling(message["message"])
                elif message.get("type") == "event":
                    self.events.append(message["event"])
                elif message.get("type") == "error":
                    self.errors.append(message["error"].get("code", "?"))
                    log(self.name, "error from the server:", message["error"])
        except websockets.ConnectionClosed:
            pass

    async def send_to(self, recipient, data):
        data.setdefault("roomType", ROOM_TYPE)
        debug(self.name, "> to", recipient[:12], data.get("type"))
        await self.ws.send(json.dumps({"type": "message", "message": {
            "recipient": {"type": "session", "sessionid": recipient}, "data": data}}))

    async def _on_signaling(self, message):
        data = message.get("data")
        if isinstance(data, str):
            data = json.loads(data)
        kind = data.get("type")
        source = data.get("from") or message.get("sender", {}).get("sessionid")
        if kind == "answer" and source == self.session_id and self.publisher is not None:
            await self.publisher.setRemoteDescription(RTCSessionDescription(data["payload"]["sdp"], "answer"))
        elif kind == "offer" and source in self.subscribers:
            await self._answer_subscription(source, data)
        elif kind == "candidate":
            pc = self.publisher if source == self.session_id else self.subscribers.get(source)
            candidate = data["payload"].get("candidate", {})
            if pc is not None and candidate.get("candidate"):
                ice = candidate_from_sdp(candidate["candidate"].split(":", 1)[1])
                ice.sdpMid = media_id(pc, candidate)
                ice.sdpMLineIndex = candidate.get("sdpMLineIndex")
                await pc.addIceCandidate(ice)

    async def publish(self, tracks=None):
        pc = RTCPeerConnection(ice_configuration(self.plan))
        for track in tracks or [AudioStreamTrack(), VideoStreamTrack()]:
            pc.addTrack(track)
        self.publisher = pc
        await pc.setLocalDescription(await pc.createOffer())
        await self.send_to(self.session_id, {"type": "offer", "to": self.session_id, "sid": secrets.token_hex(8),
                                             "payload": {"type": "offer", "sdp": pc.localDescription.sdp}})

    async def subscribe(self, publisher_id):
        pc = RTCPeerConnection(ice_configuration(self.plan))
        self.subscribers[publisher_id] = pc
        counters = self.counters.setdefault(publisher_id, [])

        @pc.on("track")
        def on_track(track):
            counter = FrameCounter(track)
            counters.append(counter)
            if track.kind == "video":
                receiver = next(t.receiver for t in pc.getTransceivers() if t.receiver.track is track)
                asyncio.ensure_future(request_keyframe(receiver, counter))

        # The publisher's offer may still be on its way to Janus: ask again until the MCU has it.
        for attempt in range(20):
            await self.send_to(publisher_id, {"type": "requestoffer", "to": publisher_id})
            for _ in range(10):
                if pc.remoteDescription is not None:
                    return
                await asyncio.sleep(0.1)
        raise CallError("%s: no offer for the stream of %s" % (self.name, publisher_id[:12]))

    async def _answer_subscription(self, publisher_id, data):
        pc = self.subscribers[publisher_id]
        if pc.remoteDescription is not None:
            debug(self.name, "ignores another offer for the stream of", publisher_id[:12])
            return
        debug(self.name, "offer for the stream of", publisher_id[:12], "with",
              data["payload"]["sdp"].count("a=candidate"), "candidates")
        await pc.setRemoteDescription(RTCSessionDescription(data["payload"]["sdp"], "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        await self.send_to(publisher_id, {"type": "answer", "to": publisher_id, "sid": data.get("sid", ""),
                                          "payload": {"type": "answer", "sdp": pc.localDescription.sdp}})

    async def stop_subscription(self, publisher_id):
        for counter in self.counters.pop(publisher_id, []):
            counter.task.cancel()
        pc = self.subscribers.pop(publisher_id, None)
        if pc is not None:
            await pc.close()

    def received(self, publisher_id):
        frames = {"audio": 0, "video": 0}
        for counter in self.counters.get(publisher_id, []):
            frames[counter.kind] += counter.frames
        return frames

    @staticmethod
    def nominated(pc):
        """The candidate pairs that carry the media."""
        for transceiver in pc.getTransceivers():
            ice = transceiver.sender.transport.transport
            yield from getattr(ice._connection, "_nominated", {}).values()

    async def pair_types(self, pc):
        """Candidate types (host, srflx, relay) of the pair that carries the media."""
        return sorted({"%s-%s" % (p.local_candidate.type, p.remote_candidate.type) for p in self.nominated(pc)})

    async def stats(self):
        result = {"name": self.name, "session": self.session_id, "received": {}, "pairs": {}, "rttMs": None,
                  "families": [], "mediaAddresses": [], "serverErrors": sorted(set(self.errors))}
        for publisher_id in self.counters:
            result["received"][publisher_id] = self.received(publisher_id)
        rtts = []
        for label, pc in [("publisher", self.publisher)] + [("from " + p[:12], pc) for p, pc in self.subscribers.items()]:
            if pc is None:
                continue
            result["pairs"][label] = await self.pair_types(pc)
            result["families"] = sorted(set(result["families"]) | {
                "ipv6" if ":" in p.remote_candidate.host else "ipv4" for p in self.nominated(pc)})
            result["mediaAddresses"] = sorted(set(result["mediaAddresses"]) | {
                p.remote_candidate.host for p in self.nominated(pc)})
            for report in (await pc.getStats()).values():
                if getattr(report, "type", "") == "remote-inbound-rtp" and getattr(report, "roundTripTime", None):
                    rtts.append(report.roundTripTime * 1000)
        if rtts:
            result["rttMs"] = round(sum(rtts) / len(rtts), 1)
        return result

    async def leave(self):
        for publisher_id in list(self.subscribers):
            await self.stop_subscription(publisher_id)
        if self.publisher is not None:
            await self.publisher.close()
            self.publisher = None
        for counters in self.counters.values():
            for counter in counters:
                counter.task.cancel()
        self.counters.clear()
        if self.ws is not None:
            try:
                await self.ws.send(json.dumps({"type": "bye", "bye": {}}))
            except websockets.ConnectionClosed:
                pass
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()


async def mark_in_call(plan, participants, in_call):
    if "backend" not in plan:
        return
    flags = 7 if in_call else 0   # in call, with audio and video
    # Nextcloud names sessions by their room session id; the signaling server maps them to its own.
    changed = [{"sessionId": p.spec["roomSessionId"], "inCall": flags, "participantType": 3} for p in participants]
    await backend_request(plan, plan["room"], {"type": "incall", "incall": {
        "incall": flags, "changed": changed, "users": changed if in_call else []}})


async def connected(pc):
    """True once the connection to Janus is up, False when ICE failed or did not finish in time."""
    deadline = time.monotonic() + PUBLISH_SECONDS
    while time.monotonic() < deadline:
        state = pc.iceConnectionState
        if state == "completed":
            return True
        if state == "failed":
            return False
        await asyncio.sleep(0.1)
    return False


async def enter(plan, participants, report):
    for p in participants:
        await p.connect()
        await p.join(plan["room"])
    await mark_in_call(plan, participants, True)
    for p in participants:
        await p.publish()
    for i, p in enumerate(participants):
        if await connected(p.publisher):
            continue
        # What Talk's client does when its own connection fails: leave and join again (once here).
        log(p.name, "the connection to Janus failed; joining again")
        report["reconnects"] += 1
        await p.leave()
        p = participants[i] = Participant(plan, p.spec)
        await p.connect()
        await p.join(plan["room"])
        await mark_in_call(plan, [p], True)
        await p.publish()
        if not await connected(p.publisher):
            raise CallError("%s: the connection to Janus failed (ICE did not complete), also after joining again" % p.name)
    for p in participants:
        for other in participants:
            if other is not p:
                await subscribe_connected(p, other, report)


async def subscribe_connected(subscriber, publisher, report):
    """Subscribes; when that connection to Janus does not come up, asks for the stream again once, as
    Talk's client does (a new offer from a new subscriber handle)."""
    await subscriber.subscribe(publisher.session_id)
    if await connected(subscriber.subscribers[publisher.session_id]):
        return
    log(subscriber.name, "the stream of", publisher.name, "did not connect; asking for it again")
    report["resubscribes"] += 1
    await subscriber.stop_subscription(publisher.session_id)
    await subscriber.subscribe(publisher.session_id)
    if not await connected(subscriber.subscribers[publisher.session_id]):
        raise CallError("%s: the connection to Janus for the stream of %s failed (ICE did not complete), also after asking again"
                        % (subscriber.name, publisher.name))


def out_of_call_seen(participant, session_id):
    """A participants update (from the backend, through the signaling server) with the session out of the call."""
    for event in participant.events:
        if event.get("target") == "participants" and event.get("type") == "update":
            update = event.get("update", {})
            for entry in update.get("changed", []) + update.get("users", []):
                if entry.get("sessionId") == session_id and not entry.get("inCall"):
                    return True
    return False


def left_event_seen(participant, session_id):
    for event in participant.events:
        if event.get("target") == "room" and event.get("type") == "leave" and session_id in event.get("leave", []):
            return True
    return False


async def media_flows(plan, participants, report, seconds):
    """Lets media flow; with timelineSeconds, samples each participant's decoded video frames as it goes."""
    step = float(plan.get("timelineSeconds", 0))
    if step <= 0:
        await asyncio.sleep(seconds)
        return
    report["timeline"] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await asyncio.sleep(min(step, end - time.monotonic()))
        report["timeline"].append({"at": time.time(), "video": {
            p.name: sum(p.received(other)["video"] for other in p.counters) for p in participants}})


async def run(plan):
    seconds = float(plan.get("seconds", 8))
    participants = [Participant(plan, spec) for spec in plan["participants"]]
    report = {"room": plan["room"], "seconds": seconds, "phases": [], "reconnects": 0, "resubscribes": 0}
    try:
        await enter(plan, participants, report)
        report["inCallAt"] = time.time()
        log("in the call:", ", ".join(p.name for p in participants))
        await media_flows(plan, participants, report, seconds)
        report["phases"].append({"phase": "call", "participants": [await p.stats() for p in participants]})

        if plan.get("scenario") == "leave-rejoin":
            leaver, stayers = participants[-1], participants[:-1]
            left_id = leaver.session_id
            before = {s.name: s.received(left_id) for s in stayers}
            await mark_in_call(plan, [leaver], False)
            await asyncio.sleep(1)
            await leaver.leave()
            await asyncio.sleep(3)
            settled = {s.name: s.received(left_id) for s in stayers}
            await asyncio.sleep(2)
            after = {s.name: s.received(left_id) for s in stayers}
            report["phases"].append({"phase": "left", "session": left_id,
                                     "toldOutOfCall": {s.name: out_of_call_seen(s, left_id) for s in stayers},
                                     "toldLeft": {s.name: left_event_seen(s, left_id) for s in stayers},
                                     "framesBefore": before, "framesSettled": settled, "framesLater": after})
            for s in stayers:
                await s.stop_subscription(left_id)
            rejoined = Participant(plan, leaver.spec)
            participants[-1] = rejoined
            await rejoined.connect()
            await rejoined.join(plan["room"])
            await mark_in_call(plan, [rejoined], True)
            await rejoined.publish()
            for s in stayers:
                await subscribe_connected(s, rejoined, report)
                await subscribe_connected(rejoined, s, report)
            await asyncio.sleep(seconds)
            report["phases"].append({"phase": "rejoined", "participants": [await p.stats() for p in participants]})
        report["ok"] = True
    except (CallError, OSError, asyncio.TimeoutError, websockets.WebSocketException) as e:
        report["ok"] = False
        report["error"] = "%s: %s" % (type(e).__name__, e)
    except TransactionFailed as e:
        # Raised while gathering candidates: the TURN server refused the allocation.
        report["ok"] = False
        report["error"] = "TURN refused the allocation: %s" % e
    finally:
        for p in participants:
            await p.leave()
    return report


def main():
    if DEBUG:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
        logging.getLogger("aiortc.rtcicetransport").setLevel(logging.DEBUG)
    plan = json.load(sys.stdin)
    if plan.get("caFile"):
        # aioice opens TURN over TLS with Python's default context: trust the given CA there too.
        os.environ["SSL_CERT_FILE"] = plan["caFile"]
    limit = float(plan.get("seconds", 8)) * 4 + 90
    try:
        report = asyncio.run(asyncio.wait_for(run(plan), limit))
    except asyncio.TimeoutError:
        report = {"ok": False, "error": "the call did not end within %d s (the connections to the HPB hung)" % limit}
    except Exception as e:  # the report is the client's only answer: say what broke rather than die silently
        report = {"ok": False, "error": "the call client failed: %s: %s" % (type(e).__name__, e)}
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
