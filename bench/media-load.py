#!/usr/bin/python3
"""Media load for bench/media.sh, through the HPB's signaling and Janus:
  fanout N: one video publisher, N subscribers;
  mesh N:   N participants, each publishing video and subscribing to every other (N(N-1) streams).

Reuses the product's call client (its signaling and WebRTC code) and changes three things for load:
publishers send moving noise (the worst case for an encoder: it fills the bitrate Janus allows), each
publisher encodes for real until it has 90 steady frames past the encoder's warm-up, then repeats them (so N publishers cost the client no N
VP8 encoders; Janus forwards them the same), and subscribers count complete frames as they leave the
jitter buffer instead of decoding them. The client's own CPU then goes to SRTP and packet handling.

Usage (plan on stdin, one JSON result line on stdout):
  media-load.py <call-client.py> <janus pid> <fanout|mesh> <N> <seconds>
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
from aiortc.codecs.vpx import Vp8Encoder
from aiortc.mediastreams import VIDEO_TIME_BASE, VideoStreamTrack, convert_timebase
from av import VideoFrame

# The call client lives among the jar's resources: leave no bytecode cache there.
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("call_client", sys.argv[1])
call_client = importlib.util.module_from_spec(spec)
spec.loader.exec_module(call_client)

JANUS_PID = int(sys.argv[2])
MODE = sys.argv[3]
COUNT = int(sys.argv[4])
SECONDS = float(sys.argv[5])
WIDTH, HEIGHT = 640, 360
CACHED_FRAMES = 90
WARMUP_FRAMES = 90
TARGET_BITRATE = 1_000_000

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

real_encode = Vp8Encoder.encode


def cached_encode(self, frame, force_keyframe=False):
    """Encodes the first frames for real at the target bitrate, then repeats them (key frames stay real)."""
    cache = self.__dict__.setdefault("bench_cache", [])
    encoded = self.__dict__.setdefault("bench_encoded", [0])
    if len(cache) < CACHED_FRAMES or force_keyframe:
        self.target_bitrate = TARGET_BITRATE
        payloads, timestamp = real_encode(self, frame, force_keyframe)
        encoded[0] += 1
        # Past the rate control's warm-up, and no key frame: a steady stretch at the target bitrate.
        if encoded[0] > WARMUP_FRAMES and len(cache) < CACHED_FRAMES and not force_keyframe:
            cache.append(payloads)
        return payloads, timestamp
    index = self.__dict__.get("bench_index", 0)
    self.bench_index = index + 1
    return cache[index % CACHED_FRAMES], convert_timebase(frame.pts, frame.time_base, VIDEO_TIME_BASE)


Vp8Encoder.encode = cached_encode


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


async def settle(queues):
    """Everyone receiving, then a few seconds for the encoders to reach the bitrate Janus grants."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(received.get(q, [0])[0] > 0 for q in queues):
        await asyncio.sleep(0.5)
    await asyncio.sleep(3)


async def measure(streams, tracks):
    """streams: [(publisher track, subscriber queue id)]; delivery is frames received over frames sent."""
    queues = [q for _, q in streams]
    await settle(queues)
    before = {q: list(received.get(q, [0, 0])) for q in queues}
    sent_before = {id(t): t.sent for t in tracks}
    cpu_before, client_before, started = janus_cpu_seconds(), time.process_time(), time.monotonic()
    await asyncio.sleep(SECONDS)
    elapsed = time.monotonic() - started
    cpu = janus_cpu_seconds() - cpu_before
    client_cpu = time.process_time() - client_before
    sent = {id(t): t.sent - sent_before[id(t)] for t in tracks}
    delivered, kbits = [], []
    for track, q in streams:
        after = received.get(q, [0, 0])
        delivered.append((after[0] - before[q][0]) / sent[id(track)] if sent[id(track)] else 0)
        kbits.append((after[1] - before[q][1]) * 8 / elapsed / 1000)
    return {"mode": MODE, "n": COUNT, "streams": len(streams), "sentFramesPerPublisher": min(sent.values()) if sent else 0,
            "worstDelivery": round(min(delivered), 3) if delivered else 0,
            "meanKbitPerStream": round(sum(kbits) / len(kbits)) if kbits else 0,
            "janusCpuPercent": round(100 * cpu / elapsed, 1), "janusRssKiB": janus_rss_kib(),
            "clientCpuPercent": round(100 * client_cpu / elapsed, 1)}


def stream_queues(subscriber, publisher_id):
    return [id(counter.track_queue) for counter in subscriber.counters.get(publisher_id, [])]


async def run(plan):
    if MODE == "fanout":
        participants = [call_client.Participant(plan, internal_client(plan, "p%d" % i)) for i in range(COUNT + 1)]
        publishers = participants[:1]
    else:
        participants = [call_client.Participant(plan, internal_client(plan, "p%d" % i)) for i in range(COUNT)]
        publishers = participants
    tracks = {}
    try:
        for p in participants:
            await p.connect()
            await p.join(plan["room"])
        for p in publishers:
            tracks[p.session_id] = NoiseTrack()
            await p.publish([tracks[p.session_id]])
        streams = []
        for subscriber in participants:
            for publisher in publishers:
                if publisher is not subscriber:
                    await subscriber.subscribe(publisher.session_id)
        for subscriber in participants:
            for publisher in publishers:
                if publisher is not subscriber:
                    streams += [(tracks[publisher.session_id], q) for q in stream_queues(subscriber, publisher.session_id)]
        result = await measure(streams, list(tracks.values()))
        result["connectedStreams"] = len(streams)
        return result
    finally:
        for participant in participants:
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
