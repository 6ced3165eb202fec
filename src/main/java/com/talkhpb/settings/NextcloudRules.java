package com.talkhpb.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.talkhpb.facts.SecretKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nextcloud entries: each base URL canonicalised (or refused with the fix), its shared secret,
 * and how to reach it over SSH to configure Talk.
 */
final class NextcloudRules {
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** Words of letters, digits and the characters paths, options and container names use, separated by spaces. */
    private static final Pattern OCC_WORDS = Pattern.compile("[A-Za-z0-9_./:=@+,%-]+( [A-Za-z0-9_./:=@+,%-]+)*");
    private static final List<String> NEXTCLOUD_FIELDS = List.of("url", "secret", "ssh", "sshHostKey", "occ");
    private static final Pattern SSH_TARGET = Pattern.compile("([a-z_][a-z0-9_.-]*)@([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\])(?::([0-9]{1,5}))?");

    private final RawValues values;
    private final Problems problems;
    private final SecretRules secrets;

    NextcloudRules(RawValues values, Problems problems, SecretRules secrets) {
        this.values = values;
        this.problems = problems;
        this.secrets = secrets;
    }

    List<NextcloudSettings> nextcloud(String domain) {
        ConfigKey key = ConfigKey.NEXTCLOUD;
        String example = "write in Pulumi.<stack>.yaml:  " + key.qualified() + ": [{url: https://cloud.example.com}]";
        Optional<JsonNode> node = values.json(key, "a list of {url, secret} objects; " + example);
        if (node.isEmpty()) {
            if (values.raw(key).isEmpty()) {
                problems.add(key, "is not set: the HPB needs at least one Nextcloud server.", "Add one; " + example);
            }
            return List.of();
        }
        if (!node.get().isArray() || node.get().isEmpty()) {
            problems.add(key, "must be a non-empty list of {url, secret} objects.", example);
            return List.of();
        }
        List<NextcloudSettings> result = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (int i = 0; i < node.get().size(); i++) {
            JsonNode entry = node.get().get(i);
            String entryKey = key.key() + "[" + i + "]";
            if (!entry.isObject()) {
                problems.add(entryKey, "must be an object with url and optional secret.", "Write {url: https://cloud.example.com}.");
                continue;
            }
            entry.fieldNames().forEachRemaining(field -> {
                if (!NEXTCLOUD_FIELDS.contains(field)) {
                    problems.add(entryKey + "." + field, "is not a Nextcloud setting.", "Use only " + String.join(", ", NEXTCLOUD_FIELDS) + ".");
                }
            });
            URI url = nextcloudUrl(entryKey + ".url", entry.path("url"), domain);
            JsonNode secretNode = entry.path("secret");
            SecretInput secret = secretNode.isMissingNode() || secretNode.isNull()
                    ? SecretInput.GENERATE
                    : secrets.secretValue(entryKey + ".secret", secretNode.asText(), SecretKind.BACKEND_SECRET);
            if (secretNode.isTextual()) {
                secrets.requireEncrypted(entryKey + ".secret", key.key(), secretNode.asText());
            }
            if (url != null) {
                if (!seen.add(url)) {
                    problems.add(entryKey + ".url", "'" + url + "' is listed twice.", "List each Nextcloud server once.");
                } else {
                    result.add(new NextcloudSettings(url, secret, nextcloudAccess(entryKey, entry)));
                }
            }
        }
        return result;
    }

    Optional<NextcloudAccess> nextcloudAccess(String entryKey, JsonNode entry) {
        JsonNode ssh = entry.path("ssh");
        JsonNode occ = entry.path("occ");
        if (ssh.isMissingNode() || ssh.isNull()) {
            if (!occ.isMissingNode()) {
                problems.add(entryKey + ".occ", "is set without ssh: talk-hpb runs occ only over SSH.",
                        "Add ssh: admin@cloud.example.com, or remove occ.");
            }
            return Optional.empty();
        }
        Matcher target = SSH_TARGET.matcher(ssh.asText());
        if (!ssh.isTextual() || !target.matches()) {
            problems.add(entryKey + ".ssh", "'" + ssh.asText() + "' is not user@host or user@host:port.",
                    "Write how to log in to the Nextcloud server, e.g. ssh: root@cloud.example.com or deploy@203.0.113.5:2222.");
            return Optional.empty();
        }
        int port = target.group(3) == null ? 22 : Integer.parseInt(target.group(3));
        if (port < 1 || port > 65535) {
            problems.add(entryKey + ".ssh", "port " + port + " is outside 1-65535.", "Write user@host:port with a valid port.");
        }
        Optional<String> hostKey = SshHostKeys.read(entryKey + ".sshHostKey", entry.path("sshHostKey"), target.group(2), port, problems);
        String occCommand = occ.isMissingNode() || occ.isNull() ? NextcloudAccess.DEFAULT_OCC : occ.asText().strip().replaceAll("[ \\t]+", " ");
        if (occCommand.isEmpty() || !OCC_WORDS.matcher(occCommand).matches()) {
            problems.add(entryKey + ".occ", "must be the words of a command that runs occ: it runs as a list of words,"
                    + " never through a shell, so quotes, ;, |, &, $, `, <, >, ( ) and line breaks have no place in it.",
                    "Write e.g. '" + NextcloudAccess.DEFAULT_OCC + "', 'php /var/www/html/occ' or 'docker exec -u www-data nextcloud php occ'.");
        }
        return Optional.of(new NextcloudAccess(target.group(1), target.group(2), port, occCommand, hostKey.orElse("")));
    }

    SecretInput nextcloudSshKey(List<NextcloudSettings> nextcloud) {
        boolean wired = nextcloud.stream().anyMatch(n -> n.access().isPresent());
        Optional<String> value = values.get(ConfigKey.NEXTCLOUD_SSH_KEY.key()).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            if (wired) {
                problems.add(ConfigKey.NEXTCLOUD_SSH_KEY, "is not set, but a Nextcloud entry has ssh.",
                        "Store the private key that logs in there: pulumi config set --secret " + ConfigKey.NEXTCLOUD_SSH_KEY.qualified()
                                + " < ~/.ssh/id_ed25519");
            }
            return SecretInput.GENERATE;
        }
        if (!wired) {
            problems.add(ConfigKey.NEXTCLOUD_SSH_KEY, "is set, but no Nextcloud entry has ssh.",
                    "Add ssh: user@host to the Nextcloud entry to configure, or remove the key.");
        }
        return secrets.privateKey(ConfigKey.NEXTCLOUD_SSH_KEY, value.get(),
                "Store the whole key file: pulumi config set --secret " + ConfigKey.NEXTCLOUD_SSH_KEY.qualified() + " < ~/.ssh/id_ed25519");
    }

    URI nextcloudUrl(String key, JsonNode node, String domain) {
        String fix = "Write the Nextcloud base URL, e.g. https://cloud.example.com (with its path if Nextcloud is not at the root).";
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add(key, "is missing.", fix);
            return null;
        }
        String text = node.asText().strip();
        if (text.contains("$")) {
            problems.add(key, "'" + text + "' contains '$'; the signaling server would expand $(NAME) in it from its environment.", fix);
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(key, "'" + text + "' is not a URL (" + e.getReason() + ").", fix);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(key, "'" + text + "' is not an http(s) URL with a host.", fix);
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !isLoopback(host)) {
            problems.add(key, "'" + text + "' uses plain http; the HPB sends room and user data to it.",
                    "Use https:// (plain http is accepted only for a loopback test backend).");
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(key, "'" + text + "' has user info, a query or a fragment.", fix);
            return null;
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            problems.add(key, "'" + text + "' has port " + port + ", outside 1-65535.", fix);
            return null;
        }
        if (port == (scheme.equals("https") ? 443 : 80)) {
            port = -1; // the scheme's own port: the same backend as without it
        }
        if (host.equalsIgnoreCase(domain)) {
            problems.add(key, "'" + text + "' is on the HPB's own domain; the HPB's nginx owns that name.",
                    "Give the HPB its own name (e.g. hpb." + domain + ") or fix the Nextcloud URL.");
            return null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (List.of(path.split("/")).contains("..")) {
            problems.add(key, "'" + text + "' has a /../ segment; the signaling server matches backends by URL prefix.", fix);
            return null;
        }
        String normalised = path.replaceAll("/\\.(?=/|$)", "").replaceAll("/{2,}", "/").replaceAll("/+$", "");
        try {
            // The decoded path: this constructor encodes it once (%20 stays %20, never %2520).
            return new URI(scheme, null, host, port, normalised.isEmpty() ? null : normalised, null, null);
        } catch (URISyntaxException e) {
            problems.add(key, "'" + text + "' cannot be normalised (" + e.getReason() + ").", fix);
            return null;
        }
    }

    /** localhost or a loopback address literal (127.0.0.0/8, ::1); not a name that merely starts like one. */
    static boolean isLoopback(String host) {
        return host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches() || host.equals("[::1]");
    }
}
