#!/usr/bin/python3
"""Media load for bench/media.sh: one video publisher, N subscribers, through the HPB's signaling and Janus.

Reuses the product's call client (its signaling and WebRTC code) and changes two things for load:
the publisher sends moving noise (the worst case for the encoder: it fills the bitrate Janus allows),
and the subscribers count complete frames as they leave the jitter buffer instead of decoding them,
so the client's own CPU goes to SRTP and packet handling, not to N VP8 decoders.

Usage (plan on stdin, one JSON result line on stdout):
  media-load.py <call-client.py> <janus pid> <subscribers> <seconds>
The plan: signalingUrl, caFile, room, internalSecret, backendUrl. Every participant is an internal
client (as verify --call's), so no Nextcloud takes part.
"""
import asyncio
import hashlib
import hmac
import importlib.util
import json
import os
import secrets
import sys
import time

import aiortc.rtcrtpreceiver
import numpy
from aiortc.mediastreams import VideoStreamTrack
from av import VideoFrame

spec = importlib.util.spec_from_file_location("call_client", sys.argv[1])
call_client = importlib.util.module_from_spec(spec)
spec.loader.exec_module(call_client)

JANUS_PID = int(sys.argv[2])
SUBSCRIBERS = int(sys.argv[3])
SECONDS = float(sys.argv[4])
WIDTH, HEIGHT = 640, 360

received = {}   # id(track queue) -> [frames, bytes]


def counting_worker(loop, input_q, output_q):
    """Stands in for aiortc's decoder thread: counts each complete encoded frame, decodes nothing."""
    tally = received.setdefault(id(output_q), [0, 0])
    while True:
        task = input_q.get()
        if task is None:
            break
        tally[0] += 1
        tally[1] += len(task[1].data)


aiortc.rtcrtpreceiver.decoder_worker = counting_worker


class NoiseTrack(VideoStreamTrack):
    """Moving noise at 30 frames a second: no encoder can compress it below the bitrate it is given."""

    def __init__(self):
        super().__init__()
        self.sent = 0
        self.noise = numpy.random.default_rng().integers(0, 255, (HEIGHT * 2, WIDTH, 3), dtype=numpy.uint8)

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        offset = (self.sent * 7) % HEIGHT
        frame = VideoFrame.from_ndarray(self.noise[offset:offset + HEIGHT], format="bgr24")
        frame.pts, frame.time_base = pts, time_base
        self.sent += 1
        return frame


def janus_cpu_seconds():
    with open("/proc/%d/stat" % JANUS_PID) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def janus_rss_kib():
    with open("/proc/%d/status" % JANUS_PID) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def internal_client(plan, name):
    random = secrets.token_hex(32)
    token = hmac.new(plan["internalSecret"].encode(), random.encode(), hashlib.sha256).hexdigest()
    return {"name": name, "hello": {"version": "1.0", "auth": {"type": "internal", "params": {
        "random": random, "token": token, "backend": plan["backendUrl"]}}}}


async def request_keyframe(receiver, counter):
    """As the call client's, but judged by the counted (undecoded) frames."""
    for _ in range(40):
        await asyncio.sleep(0.25)
        if received.get(id(counter.track_queue), [0])[0] > 0:
            return
        for source in receiver.getSynchronizationSources():
            await receiver._send_rtcp_pli(source.source)


async def run(plan):
    publisher = call_client.Participant(plan, internal_client(plan, "publisher"))
    subscribers = [call_client.Participant(plan, internal_client(plan, "subscriber-%d" % i)) for i in range(SUBSCRIBERS)]
    track = NoiseTrack()
    queues = []
    try:
        await publisher.connect()
        await publisher.join(plan["room"])
        await publisher.publish([track])
        for subscriber in subscribers:
            await subscriber.connect()
            await subscriber.join(plan["room"])

        for subscriber in subscribers:
            await subscriber.subscribe(publisher.session_id)
        for subscriber in subscribers:
            for counter in subscriber.counters.get(publisher.session_id, []):
                queues.append(id(counter.track_queue))
        # Everyone receiving, then settle for the encoder to reach the bitrate Janus grants.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(received.get(q, [0])[0] > 0 for q in queues):
            await asyncio.sleep(0.5)
        await asyncio.sleep(3)

        before = {q: list(received.get(q, [0, 0])) for q in queues}
        sent_before, cpu_before, started = track.sent, janus_cpu_seconds(), time.monotonic()
        await asyncio.sleep(SECONDS)
        elapsed = time.monotonic() - started
        sent = track.sent - sent_before
        cpu = janus_cpu_seconds() - cpu_before
        delivered = []
        kbits = []
        for q in queues:
            after = received.get(q, [0, 0])
            delivered.append((after[0] - before[q][0]) / sent if sent else 0)
            kbits.append((after[1] - before[q][1]) * 8 / elapsed / 1000)
        return {"subscribers": SUBSCRIBERS, "connected": len(queues), "sentFrames": sent,
                "worstDelivery": round(min(delivered), 3) if delivered else 0,
                "meanKbitPerSubscriber": round(sum(kbits) / len(kbits)) if kbits else 0,
                "janusCpuPercent": round(100 * cpu / elapsed, 1), "janusRssKiB": janus_rss_kib()}
    finally:
        for participant in [publisher] + subscribers:
            await participant.leave()


def main():
    plan = json.load(sys.stdin)
    # FrameCounter keeps the track; remember its queue so counts can be matched to subscribers.
    original = call_client.FrameCounter.__init__

    def keep_queue(self, track):
        original(self, track)
        self.track_queue = track._queue

    call_client.FrameCounter.__init__ = keep_queue
    call_client.request_keyframe = request_keyframe
    result = asyncio.run(asyncio.wait_for(run(plan), SECONDS + 180))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
