#!/usr/bin/python3
"""talk-hpb's watchdog, run every minute by talk-hpb-watchdog.timer: checks what systemd cannot see
and restarts the unit that fixes it, within bounds, and records the result for monitoring.

systemd restarts a daemon that dies (the units' Restart=on-failure); this catches the rest:
- a unit systemd gave up on ("failed": too many restarts in a row) is started again;
- the signaling server that does not answer its welcome on loopback is restarted;
- the signaling server that holds no connection to a running NATS is restarted: signaling 2.0.2's
  NATS client gives up for good after an outage of about 150 s and never reconnects, while its
  welcome still answers (upstream made reconnects endless only in 2.0.3);
- the signaling server that reports its own Janus disconnected while Janus runs is restarted;
- on a media node, the signaling proxy that holds no connection to a running Janus is restarted.
It also looks up the Nextcloud backends' names again for the host firewall (backend-addresses.py).
A unit stopped by hand (inactive, not failed) is reported and left alone. A check must fail
failuresBeforeRestart runs in a row before it restarts anything (a daemon reconnecting by itself is
not disturbed), and one unit is restarted at most restartsPerHour times an hour.

Usage: watchdog.py <config.json>   (rendered by talk-hpb: /etc/talk-hpb/watchdog.json)
Writes <stateDir>/last.json: {"time", "healthy", "checks": [{"name", "ok", "detail"}], "restarts": [...]}.
With metrics on, also the node exporter's textfile (config "textfile"): each check's result, the
restarts it made, and what only this host sees: the served certificate's expiry ("certificate") and
the TURN allocations coturn holds, as its relay sockets ("turnRelayPorts").
It prints only problems and what it did, to the journal (journalctl -u talk-hpb-watchdog). Exit status
1 when a check failed. Python's standard library only; the environment may name other commands for tests
(TALK_HPB_SYSTEMCTL, TALK_HPB_SS)."""
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

SYSTEMCTL = os.environ.get("TALK_HPB_SYSTEMCTL", "systemctl")
SS = os.environ.get("TALK_HPB_SS", "ss")
OPENSSL = os.environ.get("TALK_HPB_OPENSSL", "openssl")
HOUR = 3600


def log(message):
    print("talk-hpb-watchdog: " + message, flush=True)


def unit_state(unit):
    """systemd's ActiveState: active, activating, reloading, inactive, failed, deactivating."""
    result = subprocess.run([SYSTEMCTL, "show", "--property=ActiveState", "--value", unit],
                            capture_output=True, text=True, timeout=30)
    return result.stdout.strip() or "unknown"


def established_to(port):
    """Whether any TCP connection to a local port is established (the daemons talk over loopback)."""
    result = subprocess.run([SS, "-Htn", "state", "established", "( dport = :%d )" % port],
                            capture_output=True, text=True, timeout=30)
    return bool(result.stdout.strip())


def http_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode())


class Watchdog:
    def __init__(self, config, state, now):
        self.config = config
        self.state = state
        self.now = now
        self.checks = []
        self.restarts = []
        self.failures = state.setdefault("failures", {})
        self.history = state.setdefault("restarts", {})
        self.restart_counts = state.setdefault("restartCounts", {})

    def record(self, name, ok, detail):
        self.checks.append({"name": name, "ok": ok, "detail": detail})
        if ok:
            self.failures.pop(name, None)
        else:
            self.failures[name] = self.failures.get(name, 0) + 1
            log("%s: %s (%d run(s) in a row)" % (name, detail, self.failures[name]))

    def failed_long_enough(self, name):
        return self.failures.get(name, 0) >= self.config["failuresBeforeRestart"]

    def restart(self, unit, reason):
        recent = [t for t in self.history.get(unit, []) if self.now - t < HOUR]
        self.history[unit] = recent
        if len(recent) >= self.config["restartsPerHour"]:
            log("not restarting %s (%s): restarted %d times in the last hour already; see journalctl -u %s"
                % (unit, reason, len(recent), unit))
            self.restarts.append({"unit": unit, "reason": reason, "done": False})
            return
        log("restarting %s: %s" % (unit, reason))
        subprocess.run([SYSTEMCTL, "reset-failed", unit], capture_output=True, timeout=30)
        done = subprocess.run([SYSTEMCTL, "restart", unit], capture_output=True, text=True, timeout=120).returncode == 0
        if not done:
            log("restarting %s failed; see journalctl -u %s" % (unit, unit))
        recent.append(self.now)
        self.restart_counts[unit] = self.restart_counts.get(unit, 0) + 1
        self.restarts.append({"unit": unit, "reason": reason, "done": done})

    def units(self):
        """Every daemon unit: running, or failed (systemd gave up) and then started again."""
        states = {}
        for unit in self.config["units"]:
            state = unit_state(unit)
            states[unit] = state
            if state in ("active", "activating", "reloading"):
                self.record(unit, True, state)
            elif state == "failed":
                self.record(unit, False, "failed: systemd gave up restarting it")
                self.restart(unit, "systemd gave up on it")
            else:
                # Stopped by hand (or not yet started): an admin's stop is respected.
                self.checks.append({"name": unit, "ok": False, "detail": state + " (stopped, not by a crash: left alone)"})
        return states

    def signaling(self, spec, states):
        unit = spec["unit"]
        if states.get(unit) != "active":
            return
        try:
            welcome = http_json(spec["url"] + "/api/v1/welcome")
            self.record("signaling-welcome", welcome.get("nextcloud-spreed-signaling") == "Welcome", "welcome answers")
        except (OSError, ValueError) as error:
            self.record("signaling-welcome", False, "no welcome on %s: %s" % (spec["url"], error))
        if self.failed_long_enough("signaling-welcome"):
            self.restart(unit, "its welcome does not answer")
            return
        nats = spec["nats"]
        if states.get(nats["unit"]) == "active":
            connected = established_to(nats["port"])
            self.record("signaling-nats", connected, "connected to NATS" if connected
                        else "no connection to NATS on port %d, which runs" % nats["port"])
            if self.failed_long_enough("signaling-nats"):
                self.restart(unit, "it holds no connection to NATS (its client gave up)")
                return
        janus = spec.get("janus")
        if janus and states.get(janus["unit"]) == "active":
            try:
                connected = http_json(spec["url"] + "/api/v1/stats").get("mcu", {}).get("connected") is True
                self.record("signaling-janus", connected, "Janus connected" if connected else "Janus runs but is not connected")
            except (OSError, ValueError) as error:
                self.record("signaling-janus", False, "no stats: %s" % error)
            if self.failed_long_enough("signaling-janus"):
                self.restart(unit, "it does not reconnect to Janus")

    def proxy(self, spec, states):
        unit, janus = spec["unit"], spec["janus"]
        if states.get(unit) != "active" or states.get(janus["unit"]) != "active":
            return
        connected = established_to(janus["port"])
        self.record("proxy-janus", connected, "connected to Janus" if connected
                    else "no connection to Janus on port %d, which runs" % janus["port"])
        if self.failed_long_enough("proxy-janus"):
            self.restart(unit, "it holds no connection to Janus")

    def backend_addresses(self, command):
        """The firewall's sets of the backends' addresses, looked up again (backend-addresses.py)."""
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log((result.stdout + result.stderr).strip())

    def run(self):
        if self.config.get("backendAddresses"):
            self.backend_addresses(self.config["backendAddresses"])
        states = self.units()
        if self.config.get("signaling"):
            self.signaling(self.config["signaling"], states)
        if self.config.get("proxy"):
            self.proxy(self.config["proxy"], states)
        return {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now)), "timestamp": int(self.now),
                "healthy": all(check["ok"] for check in self.checks), "checks": self.checks, "restarts": self.restarts}


def certificate_expiry(path):
    """The certificate's notAfter as a Unix time, or None when it cannot be read."""
    result = subprocess.run([OPENSSL, "x509", "-enddate", "-noout", "-in", path], capture_output=True, text=True, timeout=30)
    if result.returncode != 0 or not result.stdout.startswith("notAfter="):
        log("cannot read the certificate %s: %s" % (path, result.stderr.strip()))
        return None
    return ssl.cert_time_to_seconds(result.stdout.strip()[len("notAfter="):])


def turn_allocations(low, high):
    """coturn's relay sockets in its relay range: one per allocation (the ephemeral range overlaps it, so by owner)."""
    result = subprocess.run([SS, "-Hunap", "( sport >= :%d and sport <= :%d )" % (low, high)],
                            capture_output=True, text=True, timeout=30)
    return sum(1 for line in result.stdout.splitlines() if '"turnserver"' in line)


def label(value):
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")


def metrics(config, result, restart_counts):
    """The node exporter's text format: what Prometheus's alerts and the dashboard read (README, Monitoring)."""
    lines = ["# HELP talkhpb_watchdog_last_run_timestamp_seconds When the watchdog last ran.",
             "# TYPE talkhpb_watchdog_last_run_timestamp_seconds gauge",
             "talkhpb_watchdog_last_run_timestamp_seconds %d" % result["timestamp"],
             "# HELP talkhpb_check_ok Whether a watchdog check passed in its last run (1) or failed (0).",
             "# TYPE talkhpb_check_ok gauge"]
    for check in result["checks"]:
        lines.append('talkhpb_check_ok{check="%s"} %d' % (label(check["name"]), 1 if check["ok"] else 0))
    lines += ["# HELP talkhpb_watchdog_restarts_total Restarts the watchdog made, by unit.",
              "# TYPE talkhpb_watchdog_restarts_total counter"]
    for unit in config["units"]:
        lines.append('talkhpb_watchdog_restarts_total{unit="%s"} %d' % (label(unit), restart_counts.get(unit, 0)))
    if config.get("certificate"):
        expiry = certificate_expiry(config["certificate"])
        if expiry is not None:
            lines += ["# HELP talkhpb_certificate_expiry_timestamp_seconds When the HPB's certificate expires.",
                      "# TYPE talkhpb_certificate_expiry_timestamp_seconds gauge",
                      'talkhpb_certificate_expiry_timestamp_seconds{path="%s"} %d' % (label(config["certificate"]), expiry)]
    if config.get("turnRelayPorts"):
        low, high = config["turnRelayPorts"]
        lines += ["# HELP talkhpb_turn_allocations TURN allocations coturn holds (its relay sockets), each minute.",
                  "# TYPE talkhpb_turn_allocations gauge",
                  "talkhpb_turn_allocations %d" % turn_allocations(low, high)]
    return "\n".join(lines) + "\n"


def write_atomically(path, data):
    """JSON for a dict, text as it is; readers never see half a file."""
    directory = os.path.dirname(path)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".watchdog.")
    with os.fdopen(fd, "w") as out:
        if isinstance(data, str):
            out.write(data)
        else:
            json.dump(data, out, indent=1, sort_keys=True)
            out.write("\n")
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    state_dir = config["stateDir"]
    os.makedirs(state_dir, mode=0o755, exist_ok=True)
    state_path = os.path.join(state_dir, "state.json")
    try:
        with open(state_path) as f:
            state = json.load(f)
    except (OSError, ValueError):
        state = {}
    watchdog = Watchdog(config, state, time.time())
    result = watchdog.run()
    write_atomically(state_path, watchdog.state)
    write_atomically(os.path.join(state_dir, "last.json"), result)
    textfile = config.get("textfile")
    if textfile:
        if os.path.isdir(os.path.dirname(textfile)):
            write_atomically(textfile, metrics(config, result, watchdog.restart_counts))
        else:
            log("no %s (is prometheus-node-exporter installed?): the results stay in %s" % (os.path.dirname(textfile), state_dir))
    sys.exit(0 if result["healthy"] else 1)


if __name__ == "__main__":
    main()
