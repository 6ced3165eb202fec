package com.talkhpb.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's SSH host key as the stack gives it: an OpenSSH public key ("ssh-ed25519 AAAA…"), or the
 * line {@code ssh-keyscan} prints ("host ssh-ed25519 AAAA…"). Read into "type base64", the form the
 * SSH connection compares with what the server presents; refused with the command that prints it.
 */
final class SshHostKeys {
    private static final Pattern HOST_KEY = Pattern.compile(
            "(?:\\S+ )?(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)) ([A-Za-z0-9+/]+={0,3})(?: [^\\r\\n]*)?");

    private SshHostKeys() {
    }

    static Optional<String> read(String key, JsonNode node, String host, int port, Problems problems) {
        return read(key, node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.isTextual() ? node.asText() : ""),
                host, port, problems, "sshHostKey: %s");
    }

    /** @param example how to write the key, %s standing for it */
    static Optional<String> read(String key, Optional<String> value, String host, int port, Problems problems, String example) {
        String fix = "Write the key the server presents, as `ssh-keyscan" + (port == 22 ? "" : " -p " + port) + " -t ed25519 "
                + host.replaceAll("[\\[\\]]", "") + "` prints it (check it against /etc/ssh/ssh_host_ed25519_key.pub on the server"
                + " itself), e.g. " + example.formatted("ssh-ed25519 AAAAC3Nza…");
        if (value.isEmpty()) {
            problems.add(key, "is required: talk-hpb sends secrets to this server over SSH and must know that the server answering"
                    + " is yours.", fix);
            return Optional.empty();
        }
        Matcher m = HOST_KEY.matcher(value.get().strip());
        if (!m.matches() || !embeddedTypeIs(m.group(2), m.group(1))) {
            problems.add(key, "is not an SSH host key (type and base64 key, as ssh-keyscan prints it).", fix);
            return Optional.empty();
        }
        return Optional.of(m.group(1) + " " + m.group(2));
    }

    /** The key's own blob names its type first: a key pasted under another type is refused. */
    private static boolean embeddedTypeIs(String base64, String type) {
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
            byte[] name = new byte[blob.getInt()];
            blob.get(name);
            return new String(name, StandardCharsets.US_ASCII).equals(type);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
