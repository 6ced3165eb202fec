package com.talkhpb.testing;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import pulumirpc.AliasOuterClass;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The SDK's mock monitor, which also keeps each registration's resource options (protect,
 * ignoreChanges, …) as the engine would receive them: the mocks' callback sees only type, name and
 * inputs, but what a change does depends on the options too.
 */
final class RecordingMonitor extends MockMonitor {
    private final Map<String, ProgramRun.Options> options;

    RecordingMonitor(Mocks mocks, Map<String, ProgramRun.Options> options) {
        super(mocks, Log.ignore());
        this.options = options;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        options.put(ProgramRun.key(request.getType(), request.getName()), optionsOf(request));
        return super.registerResourceAsync(resource, request);
    }

    static ProgramRun.Options optionsOf(RegisterResourceRequest request) {
        List<String> aliases = new ArrayList<>();
        request.getAliasURNsList().forEach(urn -> aliases.add(nameInUrn(urn)));
        for (AliasOuterClass.Alias alias : request.getAliasesList()) {
            aliases.add(alias.hasSpec() ? alias.getSpec().getName() : nameInUrn(alias.getUrn()));
        }
        return new ProgramRun.Options(request.getProtect(), List.copyOf(request.getIgnoreChangesList()),
                List.copyOf(request.getReplaceOnChangesList()),
                request.getDeleteBeforeReplaceDefined() || request.getDeleteBeforeReplace()
                        ? Optional.of(request.getDeleteBeforeReplace()) : Optional.empty(),
                request.getRetainOnDelete(), aliases.stream().filter(name -> !name.isEmpty()).toList());
    }

    /** A URN ends with the resource's name: urn:pulumi:stack::project::type$type::name. */
    private static String nameInUrn(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }
}
