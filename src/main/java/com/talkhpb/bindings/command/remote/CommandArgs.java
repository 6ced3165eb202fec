package com.talkhpb.bindings.command.remote;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link Command}. */
public final class CommandArgs extends ResourceArgs {
    public static final CommandArgs Empty = new CommandArgs();

    @Import(name = "connection", required = true)
    private @Nullable Output<ConnectionArgs> connection;

    public Output<ConnectionArgs> connection() {
        return this.connection;
    }

    @Import(name = "create")
    private @Nullable Output<String> create;

    public Optional<Output<String>> create() {
        return Optional.ofNullable(this.create);
    }

    @Import(name = "update")
    private @Nullable Output<String> update;

    public Optional<Output<String>> update() {
        return Optional.ofNullable(this.update);
    }

    @Import(name = "delete")
    private @Nullable Output<String> delete;

    public Optional<Output<String>> delete() {
        return Optional.ofNullable(this.delete);
    }

    @Import(name = "stdin")
    private @Nullable Output<String> stdin;

    public Optional<Output<String>> stdin() {
        return Optional.ofNullable(this.stdin);
    }

    @Import(name = "environment")
    private @Nullable Output<Map<String, String>> environment;

    public Optional<Output<Map<String, String>>> environment() {
        return Optional.ofNullable(this.environment);
    }

    @Import(name = "triggers")
    private @Nullable Output<List<Object>> triggers;

    public Optional<Output<List<Object>>> triggers() {
        return Optional.ofNullable(this.triggers);
    }

    @Import(name = "addPreviousOutputInEnv")
    private @Nullable Output<Boolean> addPreviousOutputInEnv;

    public Optional<Output<Boolean>> addPreviousOutputInEnv() {
        return Optional.ofNullable(this.addPreviousOutputInEnv);
    }

    private CommandArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final CommandArgs $ = new CommandArgs();

        public Builder connection(@Nullable Output<ConnectionArgs> connection) {
            $.connection = connection;
            return this;
        }

        public Builder connection(ConnectionArgs connection) {
            return connection(Output.of(connection));
        }

        public Builder create(@Nullable Output<String> create) {
            $.create = create;
            return this;
        }

        public Builder create(String create) {
            return create(Output.of(create));
        }

        public Builder update(@Nullable Output<String> update) {
            $.update = update;
            return this;
        }

        public Builder update(String update) {
            return update(Output.of(update));
        }

        public Builder delete(@Nullable Output<String> delete) {
            $.delete = delete;
            return this;
        }

        public Builder delete(String delete) {
            return delete(Output.of(delete));
        }

        public Builder stdin(@Nullable Output<String> stdin) {
            $.stdin = stdin;
            return this;
        }

        public Builder stdin(String stdin) {
            return stdin(Output.of(stdin));
        }

        public Builder environment(@Nullable Output<Map<String, String>> environment) {
            $.environment = environment;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            return environment(Output.of(environment));
        }

        public Builder triggers(@Nullable Output<List<Object>> triggers) {
            $.triggers = triggers;
            return this;
        }

        public Builder triggers(List<Object> triggers) {
            return triggers(Output.of(triggers));
        }

        public Builder addPreviousOutputInEnv(@Nullable Output<Boolean> addPreviousOutputInEnv) {
            $.addPreviousOutputInEnv = addPreviousOutputInEnv;
            return this;
        }

        public Builder addPreviousOutputInEnv(Boolean addPreviousOutputInEnv) {
            return addPreviousOutputInEnv(Output.of(addPreviousOutputInEnv));
        }

        public CommandArgs build() {
            $.connection = Objects.requireNonNull($.connection, "CommandArgs.connection is required");
            return $;
        }
    }
}
