package com.talkhpb.settings;

import java.net.URI;
import java.util.Optional;

/**
 * One Nextcloud server that uses this HPB: its base URL, its shared secret and, when talk-hpb is to
 * configure Talk there itself, how to reach it.
 */
public record NextcloudSettings(URI url, SecretInput secret, Optional<NextcloudAccess> access) {
}
