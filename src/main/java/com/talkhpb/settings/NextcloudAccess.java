package com.talkhpb.settings;

/**
 * How talk-hpb reaches a Nextcloud server to configure Talk: SSH as {@code user} to {@code host}, which
 * must present {@code hostKey} (an OpenSSH public key, "type base64") before any secret travels, and
 * the command that runs occ there (plain, through sudo as the web server user, or in a container).
 */
public record NextcloudAccess(String user, String host, int port, String occ, String hostKey) {
    /** Debian/Ubuntu packages and the tarball install under /var/www/nextcloud, run as www-data. */
    public static final String DEFAULT_OCC = "sudo -u www-data php /var/www/nextcloud/occ";
}
