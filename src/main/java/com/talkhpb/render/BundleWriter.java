package com.talkhpb.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.talkhpb.model.IcmpRule;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a bundle to a directory: the config files at their install paths (relative), {@code
 * manifest.json}, {@code firewall.json} and {@code cloud-init/user-data.yaml}. Same bundle, same bytes.
 */
public final class BundleWriter {
    public static final String MANIFEST = "manifest.json";
    public static final String FIREWALL = "firewall.json";
    public static final String USER_DATA = "cloud-init/user-data.yaml";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BundleWriter() {
    }

    public static void write(Bundle bundle, Path out) throws IOException {
        for (BundleFile file : bundle.files()) {
            write(out.resolve(file.bundlePath()), file.content(), file.mode());
        }
        write(out.resolve(MANIFEST), manifestJson(bundle), "0644");
        write(out.resolve(FIREWALL), firewallJson(bundle), "0644");
        write(out.resolve(USER_DATA), bundle.userData(), "0644");
    }

    /** The manifest: every file with install path, mode, owner, group, and the unit to act on when it changes. */
    public static String manifestJson(Bundle bundle) {
        return json(manifest(bundle, false));
    }

    /**
     * What the host's install-bundle.sh reads on standard input: the manifest with each file's content.
     * It holds secret values whenever the bundle does.
     */
    public static String installDocument(Bundle bundle) {
        return json(manifest(bundle, true));
    }

    private static Map<String, Object> manifest(Bundle bundle, boolean withContent) {
        List<Map<String, Object>> files = new ArrayList<>();
        Set<String> services = new LinkedHashSet<>();
        for (BundleFile f : bundle.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", f.installPath());
            entry.put("source", f.bundlePath());
            entry.put("mode", f.mode());
            entry.put("owner", f.owner());
            entry.put("group", f.group());
            entry.put("secret", f.secret());
            entry.put("service", f.service());
            entry.put("action", f.action().name().toLowerCase(Locale.ROOT));
            f.reloadableKey().ifPresent(key -> entry.put("reloadableKey", key));
            if (withContent) {
                entry.put("content", f.content());
            }
            files.add(entry);
            services.add(f.service());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", 1);
        manifest.put("domain", bundle.deployment().domain());
        manifest.put("files", files);
        manifest.put("services", List.copyOf(services)); // start order: dependencies first
        manifest.put("users", bundle.systemUsers());
        // Debian's default site also claims port 80 as default_server; earlier versions named the sshd drop-in
        // so that it sorted after cloud-init's, which then won.
        // With metrics off, the metrics endpoint of an earlier run (and its token) goes.
        List<Map<String, Object>> removals = new ArrayList<>(List.of(removal(bundle.deployment().paths().nginxDefaultSite(), NginxConf.SERVICE),
                removal(bundle.deployment().paths().sshdDropInBefore(), SshAccess.SERVICE)));
        if (bundle.deployment().monitoring().isEmpty() && bundle.files().stream().anyMatch(f -> f.service().equals(NginxConf.SERVICE))) {
            removals.add(removal(bundle.deployment().paths().metricsSite(), NginxConf.SERVICE));
        }
        manifest.put("remove", removals);
        return manifest;
    }

    /** The files the install removes (the manifest's "remove"), which a server may have had before. */
    public static List<String> removedPaths(Bundle bundle) {
        return manifest(bundle, false).get("remove") instanceof List<?> removals
                ? removals.stream().map(r -> (String) ((Map<?, ?>) r).get("path")).toList() : List.of();
    }

    /** In a fixed order (not Map.of's, which changes from one JVM to the next): same bundle, same bytes. */
    private static Map<String, Object> removal(String path, String service) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("service", service);
        entry.put("action", "reload");
        return entry;
    }

    /** The public port plan, exactly what the cloud firewall opens. */
    public static String firewallJson(Bundle bundle) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (PortRule rule : bundle.deployment().portPlan().rules()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("protocol", rule.protocol().lower());
            entry.put("ports", rule.ports().toString());
            entry.put("sources", rule.sourceCidrs());
            entry.put("reason", rule.reason());
            rules.add(entry);
        }
        for (IcmpRule icmp : bundle.deployment().portPlan().icmp()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("protocol", icmp.family());
            entry.put("type", icmp.type());
            if (icmp.code() != IcmpRule.ANY_CODE) {
                entry.put("code", icmp.code());
            }
            entry.put("sources", List.of(icmp.ipv6() ? "::/0" : "0.0.0.0/0"));
            entry.put("reason", icmp.reason());
            rules.add(entry);
        }
        return json(Map.of("inbound", rules));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path path, String content, String mode) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = Files.createTempFile(path.getParent(), ".talk-hpb-", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, permissions(mode));
        Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        int bits = Integer.parseInt(octal, 8);
        StringBuilder rwx = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int b = (bits >> shift) & 7;
            rwx.append((b & 4) != 0 ? 'r' : '-').append((b & 2) != 0 ? 'w' : '-').append((b & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(rwx.toString());
    }
}
