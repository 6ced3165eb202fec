package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link ZoneRrset}. */
public final class ZoneRrsetArgs extends ResourceArgs {
    public static final ZoneRrsetArgs Empty = new ZoneRrsetArgs();

    @Import(name = "zone", required = true)
    private @Nullable Output<String> zone;

    public Output<String> zone() {
        return this.zone;
    }

    @Import(name = "name")
    private @Nullable Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    @Import(name = "type", required = true)
    private @Nullable Output<String> type;

    public Output<String> type() {
        return this.type;
    }

    @Import(name = "ttl")
    private @Nullable Output<Integer> ttl;

    public Optional<Output<Integer>> ttl() {
        return Optional.ofNullable(this.ttl);
    }

    @Import(name = "records", required = true)
    private @Nullable Output<List<ZoneRrsetRecordArgs>> records;

    public Output<List<ZoneRrsetRecordArgs>> records() {
        return this.records;
    }

    @Import(name = "labels")
    private @Nullable Output<Map<String, String>> labels;

    public Optional<Output<Map<String, String>>> labels() {
        return Optional.ofNullable(this.labels);
    }

    private ZoneRrsetArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ZoneRrsetArgs $ = new ZoneRrsetArgs();

        public Builder zone(@Nullable Output<String> zone) {
            $.zone = zone;
            return this;
        }

        public Builder zone(String zone) {
            return zone(Output.of(zone));
        }

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder type(@Nullable Output<String> type) {
            $.type = type;
            return this;
        }

        public Builder type(String type) {
            return type(Output.of(type));
        }

        public Builder ttl(@Nullable Output<Integer> ttl) {
            $.ttl = ttl;
            return this;
        }

        public Builder ttl(Integer ttl) {
            return ttl(Output.of(ttl));
        }

        public Builder records(@Nullable Output<List<ZoneRrsetRecordArgs>> records) {
            $.records = records;
            return this;
        }

        public Builder records(List<ZoneRrsetRecordArgs> records) {
            return records(Output.of(records));
        }

        public Builder labels(@Nullable Output<Map<String, String>> labels) {
            $.labels = labels;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return labels(Output.of(labels));
        }

        public ZoneRrsetArgs build() {
            $.zone = Objects.requireNonNull($.zone, "ZoneRrsetArgs.zone is required");
            $.type = Objects.requireNonNull($.type, "ZoneRrsetArgs.type is required");
            $.records = Objects.requireNonNull($.records, "ZoneRrsetArgs.records is required");
            return $;
        }
    }
}
