package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link Server}. */
public final class ServerArgs extends ResourceArgs {
    public static final ServerArgs Empty = new ServerArgs();

    @Import(name = "name")
    private @Nullable Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    @Import(name = "serverType", required = true)
    private @Nullable Output<String> serverType;

    public Output<String> serverType() {
        return this.serverType;
    }

    @Import(name = "image")
    private @Nullable Output<String> image;

    public Optional<Output<String>> image() {
        return Optional.ofNullable(this.image);
    }

    @Import(name = "location")
    private @Nullable Output<String> location;

    public Optional<Output<String>> location() {
        return Optional.ofNullable(this.location);
    }

    @Import(name = "userData")
    private @Nullable Output<String> userData;

    public Optional<Output<String>> userData() {
        return Optional.ofNullable(this.userData);
    }

    @Import(name = "sshKeys")
    private @Nullable Output<List<String>> sshKeys;

    public Optional<Output<List<String>>> sshKeys() {
        return Optional.ofNullable(this.sshKeys);
    }

    @Import(name = "firewallIds")
    private @Nullable Output<List<Integer>> firewallIds;

    public Optional<Output<List<Integer>>> firewallIds() {
        return Optional.ofNullable(this.firewallIds);
    }

    @Import(name = "labels")
    private @Nullable Output<Map<String, String>> labels;

    public Optional<Output<Map<String, String>>> labels() {
        return Optional.ofNullable(this.labels);
    }

    @Import(name = "publicNets")
    private @Nullable Output<List<ServerPublicNetArgs>> publicNets;

    public Optional<Output<List<ServerPublicNetArgs>>> publicNets() {
        return Optional.ofNullable(this.publicNets);
    }

    @Import(name = "deleteProtection")
    private @Nullable Output<Boolean> deleteProtection;

    public Optional<Output<Boolean>> deleteProtection() {
        return Optional.ofNullable(this.deleteProtection);
    }

    @Import(name = "rebuildProtection")
    private @Nullable Output<Boolean> rebuildProtection;

    public Optional<Output<Boolean>> rebuildProtection() {
        return Optional.ofNullable(this.rebuildProtection);
    }

    @Import(name = "shutdownBeforeDeletion")
    private @Nullable Output<Boolean> shutdownBeforeDeletion;

    public Optional<Output<Boolean>> shutdownBeforeDeletion() {
        return Optional.ofNullable(this.shutdownBeforeDeletion);
    }

    private ServerArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServerArgs $ = new ServerArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder serverType(@Nullable Output<String> serverType) {
            $.serverType = serverType;
            return this;
        }

        public Builder serverType(String serverType) {
            return serverType(Output.of(serverType));
        }

        public Builder image(@Nullable Output<String> image) {
            $.image = image;
            return this;
        }

        public Builder image(String image) {
            return image(Output.of(image));
        }

        public Builder location(@Nullable Output<String> location) {
            $.location = location;
            return this;
        }

        public Builder location(String location) {
            return location(Output.of(location));
        }

        public Builder userData(@Nullable Output<String> userData) {
            $.userData = userData;
            return this;
        }

        public Builder userData(String userData) {
            return userData(Output.of(userData));
        }

        public Builder sshKeys(@Nullable Output<List<String>> sshKeys) {
            $.sshKeys = sshKeys;
            return this;
        }

        public Builder sshKeys(List<String> sshKeys) {
            return sshKeys(Output.of(sshKeys));
        }

        public Builder firewallIds(@Nullable Output<List<Integer>> firewallIds) {
            $.firewallIds = firewallIds;
            return this;
        }

        public Builder firewallIds(List<Integer> firewallIds) {
            return firewallIds(Output.of(firewallIds));
        }

        public Builder labels(@Nullable Output<Map<String, String>> labels) {
            $.labels = labels;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return labels(Output.of(labels));
        }

        public Builder publicNets(@Nullable Output<List<ServerPublicNetArgs>> publicNets) {
            $.publicNets = publicNets;
            return this;
        }

        public Builder publicNets(List<ServerPublicNetArgs> publicNets) {
            return publicNets(Output.of(publicNets));
        }

        public Builder deleteProtection(@Nullable Output<Boolean> deleteProtection) {
            $.deleteProtection = deleteProtection;
            return this;
        }

        public Builder deleteProtection(Boolean deleteProtection) {
            return deleteProtection(Output.of(deleteProtection));
        }

        public Builder rebuildProtection(@Nullable Output<Boolean> rebuildProtection) {
            $.rebuildProtection = rebuildProtection;
            return this;
        }

        public Builder rebuildProtection(Boolean rebuildProtection) {
            return rebuildProtection(Output.of(rebuildProtection));
        }

        public Builder shutdownBeforeDeletion(@Nullable Output<Boolean> shutdownBeforeDeletion) {
            $.shutdownBeforeDeletion = shutdownBeforeDeletion;
            return this;
        }

        public Builder shutdownBeforeDeletion(Boolean shutdownBeforeDeletion) {
            return shutdownBeforeDeletion(Output.of(shutdownBeforeDeletion));
        }

        public ServerArgs build() {
            $.serverType = Objects.requireNonNull($.serverType, "ServerArgs.serverType is required");
            return $;
        }
    }
}
