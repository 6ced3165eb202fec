package com.talkhpb.render;

import com.talkhpb.model.SecretRef;

/** Supplies the value written wherever a config needs a secret. */
public interface SecretValues {
    String valueOf(SecretRef secret);

    /** Placeholders such as {@code {{secret:turnSecret}}}: a bundle safe to show in a pull request. */
    SecretValues PLACEHOLDERS = SecretRef::placeholder;
}
