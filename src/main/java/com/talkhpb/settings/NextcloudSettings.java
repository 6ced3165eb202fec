package com.talkhpb.settings;

import java.net.URI;

/** One Nextcloud server that uses this HPB: its base URL and its shared secret. */
public record NextcloudSettings(URI url, SecretInput secret) {
}
