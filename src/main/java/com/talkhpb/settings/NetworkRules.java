package com.talkhpb.settings;

import com.talkhpb.facts.WellKnownPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who may reach SSH, and the ports of TURN and media: every public port of the plan comes from here. */
final class NetworkRules {
    private static final Pattern PORT_RANGE = Pattern.compile("\\s*([0-9]{1,5})\\s*-\\s*([0-9]{1,5})\\s*");

    static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 1000;
    /** Each WebSocket holds four of nginx's connections (NginxConf); one address may not take a whole worker's. */
    static final int MAX_CONNECTIONS_PER_ADDRESS = 16384;

    private final RawValues values;
    private final Problems problems;

    NetworkRules(RawValues values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    List<Cidr> sshSourceCidrs() {
        ConfigKey key = ConfigKey.SSH_SOURCE_CIDRS;
        String fix = "List the addresses you run pulumi from, e.g. " + key.qualified() + ": [\"198.51.100.7/32\"].";
        List<String> entries = values.stringList(key, fix);
        if (entries == null) {
            return List.of();
        }
        if (entries.isEmpty()) {
            problems.add(key, "is empty: provisioning runs over SSH, so pulumi's own address must be allowed.", fix);
            return List.of();
        }
        List<Cidr> result = cidrs(key, entries, "opens SSH to the whole Internet.", "List only the networks you administer from and run pulumi from.");
        if (!result.isEmpty() && result.stream().allMatch(Cidr::ipv6)) {
            problems.add(key, "lists IPv6 networks only, but provisioning connects to the server's IPv4 address.",
                    "Add the IPv4 address you run pulumi from, e.g. 198.51.100.7/32.");
        }
        return result;
    }

    /** Where Prometheus scrapes from; none (the key unset) exposes no metrics at all. */
    List<Cidr> metricsSourceCidrs() {
        ConfigKey key = ConfigKey.METRICS_SOURCE_CIDRS;
        String fix = "List your Prometheus servers' addresses, e.g. " + key.qualified() + ": [\"198.51.100.9/32\"], or remove the key"
                + " to expose no metrics.";
        if (values.raw(key).isEmpty()) {
            return List.of();
        }
        List<String> entries = values.stringList(key, fix);
        if (entries == null) {
            return List.of();
        }
        if (entries.isEmpty()) {
            problems.add(key, "is empty, which would open a metrics endpoint nobody may reach.", fix);
            return List.of();
        }
        return cidrs(key, entries, "lets the whole Internet ask the metrics endpoint (its token still guards it).",
                "List only your Prometheus servers' addresses.");
    }

    /** Each entry as a CIDR (a problem naming its index when it is not one), warning for a /0. */
    private List<Cidr> cidrs(ConfigKey key, List<String> entries, String everywhereWarning, String everywhereFix) {
        List<Cidr> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String value = entries.get(i).strip();
            Optional<String> why = Cidr.problemWith(value);
            if (why.isPresent()) {
                problems.add(key.key() + "[" + i + "]", "'" + value + "' " + why.get() + ".",
                        "Write a network in CIDR form, e.g. 198.51.100.7/32 or 2001:db8::/64.");
            } else {
                Cidr cidr = Cidr.parse(value);
                if (cidr.prefixLength() == 0) {
                    problems.warn(key.key() + "[" + i + "]", "'" + value + "' " + everywhereWarning, everywhereFix);
                }
                result.add(cidr);
            }
        }
        return result;
    }

    int turnPort() {
        ConfigKey key = ConfigKey.TURN_PORT;
        String value = values.raw(key).orElse(Integer.toString(WellKnownPorts.TURN_DEFAULT));
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(key, "'" + value + "' is not a port number.", "Write a number, e.g. 3478.");
            return WellKnownPorts.TURN_DEFAULT;
        }
        Set<Integer> taken = Set.of(WellKnownPorts.SSH, WellKnownPorts.HTTP, WellKnownPorts.HTTPS,
                WellKnownPorts.SIGNALING, WellKnownPorts.JANUS_WEBSOCKET, WellKnownPorts.NATS, WellKnownPorts.METRICS);
        if (port < 1024 || port > 65535) {
            problems.add(key, port + " is outside 1024-65535 (coturn runs unprivileged).", "Write 3478, TURN's standard port.");
        } else if (taken.contains(port)) {
            problems.add(key, port + " is already used by another HPB service.", "Write 3478, TURN's standard port.");
        } else if (port >= WellKnownPorts.TURN_RELAY_MIN) {
            problems.add(key, port + " lies in coturn's relay range " + WellKnownPorts.TURN_RELAY_MIN + "-"
                    + WellKnownPorts.TURN_RELAY_MAX + ".", "Write 3478, TURN's standard port.");
        }
        return port;
    }

    /** 0 means no limit; above half of nginx's connections per worker a limit would protect nothing. */
    int connectionsPerAddress() {
        ConfigKey key = ConfigKey.CONNECTIONS_PER_ADDRESS;
        String value = values.raw(key).orElse(Integer.toString(DEFAULT_CONNECTIONS_PER_ADDRESS));
        String fix = "Write a number from 1 to " + MAX_CONNECTIONS_PER_ADDRESS + " (default "
                + DEFAULT_CONNECTIONS_PER_ADDRESS + "), or 0 for no limit.";
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 0 && limit <= MAX_CONNECTIONS_PER_ADDRESS) {
                return limit;
            }
            problems.add(key, limit + " is outside 0-" + MAX_CONNECTIONS_PER_ADDRESS + ".", fix);
        } catch (NumberFormatException e) {
            problems.add(key, "'" + value + "' is not a number.", fix);
        }
        return DEFAULT_CONNECTIONS_PER_ADDRESS;
    }

    PortRange rtpPortRange(int turnPort) {
        ConfigKey key = ConfigKey.RTP_PORT_RANGE;
        String value = values.raw(key).orElse(WellKnownPorts.RTP_DEFAULT_MIN + "-" + WellKnownPorts.RTP_DEFAULT_MAX);
        String fix = "Write MIN-MAX within 1024-" + (WellKnownPorts.TURN_RELAY_MIN - 1) + ", e.g. "
                + WellKnownPorts.RTP_DEFAULT_MIN + "-" + WellKnownPorts.RTP_DEFAULT_MAX + ".";
        Matcher m = PORT_RANGE.matcher(value);
        if (!m.matches()) {
            problems.add(key, "'" + value + "' is not a range MIN-MAX.", fix);
            return null;
        }
        int min = Integer.parseInt(m.group(1));
        int max = Integer.parseInt(m.group(2));
        if (min < 1024 || max >= WellKnownPorts.TURN_RELAY_MIN || min >= max) {
            problems.add(key, "'" + value + "' must rise and stay within 1024-" + (WellKnownPorts.TURN_RELAY_MIN - 1)
                    + " (above is coturn's relay range).", fix);
            return null;
        }
        PortRange range = new PortRange(min, max);
        if (range.size() < WellKnownPorts.RTP_MINIMUM_PORTS) {
            problems.add(key, "'" + value + "' has only " + range.size() + " ports; Janus needs one per media stream.",
                    "Give at least " + WellKnownPorts.RTP_MINIMUM_PORTS + " ports; " + fix);
            return null;
        }
        // coturn also listens on turnPort + 1 (its alternative port for RFC 5780, kept closed but bound).
        for (int port : List.of(WellKnownPorts.SIGNALING, WellKnownPorts.JANUS_WEBSOCKET, WellKnownPorts.NATS, turnPort, turnPort + 1)) {
            if (range.contains(port)) {
                problems.add(key, "'" + value + "' contains port " + port + ", which another HPB service uses.", fix);
                return null;
            }
        }
        return range;
    }
}
