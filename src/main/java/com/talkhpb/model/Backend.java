package com.talkhpb.model;

import java.net.URI;

/** One Nextcloud server in signaling's [backend] list, with the secret it shares with the HPB. */
public record Backend(String id, URI url, SecretRef secret) {
}
