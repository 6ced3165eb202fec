package com.talkhpb.settings;

import java.util.Optional;

/** A secret as the stack config gives it: absent (generate one), given, or given but unreadable here. */
public record SecretInput(State state, Optional<String> value) {
    public enum State { GENERATE, GIVEN, GIVEN_ENCRYPTED }

    public static final SecretInput GENERATE = new SecretInput(State.GENERATE, Optional.empty());
    public static final SecretInput ENCRYPTED = new SecretInput(State.GIVEN_ENCRYPTED, Optional.empty());

    public static SecretInput given(String value) {
        return new SecretInput(State.GIVEN, Optional.of(value));
    }

    public boolean isGiven() {
        return state != State.GENERATE;
    }

    @Override
    public String toString() {
        return "SecretInput[" + state + "]"; // never the value
    }
}
