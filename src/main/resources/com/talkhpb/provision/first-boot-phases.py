"""Where the first boot's time went, from cloud-init's own log: printed by the step that waits for
cloud-init, so every `pulumi up` that creates a server says it. Seconds since the kernel started.
Prints nothing it cannot read (another cloud-init version, a log rotated away): never fails the step.
Usage: python3 first-boot-phases.py [cloud-init.log]
"""
import datetime
import re
import sys

LOG = "/var/log/cloud-init.log"
LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) - (.*)$")
STAGE = re.compile(r"Cloud-init v\. \S+ running '([^']+)' .* Up ([\d.]+) seconds")
FINISHED = re.compile(r"Cloud-init v\. \S+ finished at .* Up ([\d.]+) seconds")
APT = re.compile(r"Running command \['apt-get'.*'(update|upgrade|dist-upgrade|install)'")
PACKAGES_DONE = "finish: modules-final/config-package-update-upgrade-install"
NAMES = {"update": "apt: package lists (update)", "upgrade": "apt: security updates (upgrade)",
         "dist-upgrade": "apt: security updates (dist-upgrade)", "install": "apt: the HPB's packages (install)"}


def events(path):
    """(seconds since boot, event) for this boot's stages, apt runs and the end, in log order."""
    found, anchor = [], None
    with open(path, errors="replace") as log:
        for line in log:
            match = LINE.match(line)
            if not match:
                continue
            at = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            text = match.group(2)
            stage = STAGE.search(text)
            if stage and stage.group(1) == "init-local":
                found, anchor = [], (at, float(stage.group(2)))   # a later boot starts the list again
                found.append((anchor[1], "cloud-init"))
            elif anchor is None:
                continue
            elif APT.search(text):
                found.append((anchor[1] + at - anchor[0], APT.search(text).group(1)))
            elif PACKAGES_DONE in text:
                found.append((anchor[1] + at - anchor[0], "after-packages"))
            elif FINISHED.search(text):
                found.append((float(FINISHED.search(text).group(1)), "done"))
    return found


def main():
    try:
        found = events(sys.argv[1] if len(sys.argv) > 1 else LOG)
    except (OSError, ValueError):
        return
    if not found or found[-1][1] != "done":
        return
    rows = [("kernel and systemd until cloud-init", found[0][0])]
    labels = {"cloud-init": "cloud-init before the packages", "after-packages": "cloud-init after the packages"}
    for (at, what), (until, _) in zip(found, found[1:]):
        rows.append((NAMES.get(what) or labels.get(what, what), until - at))
    print("talk-hpb: first boot, from cloud-init's log (seconds):")
    for label, seconds in rows:
        print("talk-hpb:   %-40s %7.1f" % (label, seconds))
    print("talk-hpb:   %-40s %7.1f" % ("cloud-init done after", found[-1][0]))


if __name__ == "__main__":
    sys.exit(main())
