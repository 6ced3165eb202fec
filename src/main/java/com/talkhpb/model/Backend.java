package com.talkhpb.model;

import com.talkhpb.settings.NextcloudAccess;
import com.talkhpb.settings.SecretInput;
import java.net.URI;
import java.util.Optional;

/**
 * One Nextcloud server in signaling's [backend] list, with the secret it shares with the HPB (given
 * in the stack, or to be generated) and, when the stack gives one, how to reach it to configure Talk.
 */
public record Backend(String id, URI url, SecretRef secret, SecretInput explicitSecret, Optional<NextcloudAccess> access) {
}
