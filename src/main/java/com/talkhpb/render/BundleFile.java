package com.talkhpb.render;

import java.util.Optional;

/**
 * One file of the bundle the host receives.
 *
 * @param installPath   absolute path on the host (under the topology's root)
 * @param bundlePath    the same path relative to the root, as stored in the bundle
 * @param mode          octal permission bits, e.g. 0640
 * @param service       systemd unit to act on when the file changes
 * @param action        what to do to that unit (NONE: only systemd reads it again, for a drop-in that needs no restart)
 * @param secret        whether the content holds secret values
 * @param reloadableKey an INI key ({@code section.key}) whose change alone needs only a reload, not the action
 */
public record BundleFile(String installPath, String bundlePath, String content, String mode, String owner, String group,
        String service, Action action, boolean secret, Optional<String> reloadableKey) {

    public enum Action { RESTART, RELOAD, NONE }

    public BundleFile(String installPath, String bundlePath, String content, String mode, String owner, String group,
            String service, Action action, boolean secret) {
        this(installPath, bundlePath, content, mode, owner, group, service, action, secret, Optional.empty());
    }

    /** This file, where a change of only {@code sectionDotKey} reloads the service (e.g. {@code mcu.url}). */
    public BundleFile withReloadableKey(String sectionDotKey) {
        return new BundleFile(installPath, bundlePath, content, mode, owner, group, service, action, secret, Optional.of(sectionDotKey));
    }
}
