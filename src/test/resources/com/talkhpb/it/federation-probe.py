#!/usr/bin/python3
"""A participant asks the HPB's signaling server to join a room federated with another HPB, as any Talk
participant can, and prints what the server answered: signaling 2.0.2 dials the URL it is given and
reports the network error back. Prints one JSON line: {"answer": <the server's reply to the join>}.
Usage: federation-probe.py <wss URL of the HPB> <CA file> <hello body JSON> <federated signaling URL>"""
import asyncio
import json
import ssl
import sys

import websockets


async def main():
    url, ca_file, hello, federated = sys.argv[1:5]
    context = ssl.create_default_context(cafile=ca_file)
    async with websockets.connect(url, ssl=context) as ws:
        json.loads(await ws.recv())  # welcome
        await ws.send(json.dumps({"id": "1", "type": "hello", "hello": json.loads(hello)}))
        reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if reply.get("type") != "hello":
            print(json.dumps({"answer": reply}))
            return
        await ws.send(json.dumps({"id": "2", "type": "room", "room": {"roomid": "federated-room", "sessionid": "nc-probe",
                                  "federation": {"signaling": federated, "url": "https://remote.example.com/",
                                                 "roomid": "remote-room", "token": "probe-token"}}}))
        while True:
            reply = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if reply.get("id") == "2" or reply.get("type") in ("error", "room"):
                print(json.dumps({"answer": reply}))
                return


asyncio.run(main())
