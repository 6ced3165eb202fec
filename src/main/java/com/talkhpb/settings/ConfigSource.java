package com.talkhpb.settings;

import java.util.Optional;
import java.util.Set;

/**
 * The raw stack configuration of the {@code talk-hpb} namespace, as Pulumi hands it to a program:
 * scalar values as strings, lists and objects as JSON text.
 */
public interface ConfigSource {
    /** The stack's name ({@code prod}, {@code test}, ...). */
    String stackName();

    /** The raw value of a key of the project namespace, without the {@code talk-hpb:} prefix. */
    Optional<String> get(String key);

    /** Every key set in the project namespace, without the prefix. */
    Set<String> keys();

    /**
     * Whether the key's value is stored encrypted (set with {@code pulumi config set --secret}); true
     * when this source cannot tell. A secret written in plain text sits unencrypted in the stack file.
     */
    default boolean storedAsSecret(String key) {
        return true;
    }

    /** Keys the stack file writes without any namespace (Pulumi reads none of them as talk-hpb's). */
    default Set<String> keysWithoutNamespace() {
        return Set.of();
    }

    /**
     * Stands in for a secret this process cannot read (a {@code secure:} value in a stack file read
     * without the Pulumi engine), at the top level or nested in a list or object. Such a secret is
     * known to exist, not what it is.
     */
    String ENCRYPTED = "<encrypted>";
}
