package com.talkhpb.render;

/**
 * One file of the bundle the host receives.
 *
 * @param installPath absolute path on the host (under the topology's root)
 * @param bundlePath  the same path relative to the root, as stored in the bundle
 * @param mode        octal permission bits, e.g. 0640
 * @param service     systemd unit to act on when the file changes
 * @param action      what to do to that unit
 * @param secret      whether the content holds secret values
 */
public record BundleFile(String installPath, String bundlePath, String content, String mode, String owner, String group,
        String service, Action action, boolean secret) {

    public enum Action { RESTART, RELOAD }
}
