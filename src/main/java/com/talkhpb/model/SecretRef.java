package com.talkhpb.model;

import com.talkhpb.facts.SecretKind;

/** One secret the HPB needs: a stable name (used for resource names and placeholders) and its kind. */
public record SecretRef(String name, SecretKind kind) {
    public int length() {
        return kind.generatedLength();
    }

    /** How the secret appears in a bundle rendered for review. */
    public String placeholder() {
        return "{{secret:" + name + "}}";
    }
}
