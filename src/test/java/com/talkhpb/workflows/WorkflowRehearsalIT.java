package com.talkhpb.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.workflows.WorkflowRehearsal.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows rehearsed locally: each job's steps run from the YAML itself, in order, with the real
 * git, java, jq and bash, and stand-ins for pulumi and gh that behave as the real ones do where it
 * matters (secret outputs print "[secret]" without --show-secrets, a missing output is an error, a
 * fork's token cannot comment, --edit-last needs an earlier comment).
 */
class WorkflowRehearsalIT {
    static final Path WORKFLOWS = Path.of(".github", "workflows").toAbsolutePath();
    static final Path JAR = Path.of("target", "talk-hpb.jar").toAbsolutePath();
    static final String REPO = "talk-hpb/talk-hpb";

    @TempDir
    Path work;
    Path workspace;
    Path state;
    String baseSha;

    @BeforeEach
    void repository() throws Exception {
        workspace = Files.createDirectories(work.resolve("checkout"));
        state = Files.createDirectories(work.resolve("state"));
        Files.copy(Path.of("Pulumi.yaml"), workspace.resolve("Pulumi.yaml"));
        try (Stream<Path> stacks = Files.list(Path.of("src", "test", "resources", "stacks"))) {
            for (Path stack : stacks.toList()) {
                Files.copy(stack, workspace.resolve(stack.getFileName()));
            }
        }
        git("init", "-q");
        git("add", ".");
        git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-q", "-m", "base");
        baseSha = git("rev-parse", "HEAD").strip();
    }

    String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    void pullRequestChanges(String from, String to) throws Exception {
        Path stack = workspace.resolve("Pulumi.prod.yaml");
        String text = Files.readString(stack);
        assertThat(text).contains(from);
        Files.writeString(stack, text.replace(from, to));
        git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-q", "-am", "pull request");
    }

    /** Each run gets a fresh runner: nothing the last one left beside the checkout. */
    void freshRunner() throws Exception {
        for (String left : List.of("base", "bundles")) {
            Path dir = work.resolve(left);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        git("worktree", "prune");
    }

    Map<String, Object> pullRequest(String headRepository, String token) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("github.repository", REPO);
        context.put("github.token", token);
        context.put("github.event.action", "synchronize");
        context.put("github.event.pull_request.number", "7");
        context.put("github.event.pull_request.base.sha", baseSha);
        context.put("github.event.pull_request.head.repo.full_name", headRepository);
        context.put("github.event.pull_request.labels.*.name", List.of());
        context.put("vars.PULUMI_BACKEND_URL", "file://" + state.resolve("backend"));
        context.put("vars.TEST_DNS_ZONE", "test.example.com");
        context.put("vars.DEPLOY_RUNNER", "");
        // Unset repository variables read as empty: the test stack is self-signed.
        context.put("vars.TEST_STACK_TLS", "");
        context.put("vars.TEST_ACME_EMAIL", "");
        for (String secret : List.of("PULUMI_CONFIG_PASSPHRASE", "HCLOUD_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            context.put("secrets." + secret, "stand-in-" + secret);
        }
        return context;
    }

    WorkflowRehearsal rehearse(String workflow, Map<String, Object> context) {
        return new WorkflowRehearsal(WORKFLOWS.resolve(workflow), context).env("REHEARSAL_JAR", JAR.toString());
    }

    @Test
    void aChangedSettingIsCommentedAsABundleDiffInOneCommentUpdatedOnEveryPush() throws Exception {
        pullRequestChanges("talk-hpb:turnPort: 3478", "talk-hpb:turnPort: 3479");

        Result first = rehearse("pr-review.yml", pullRequest(REPO, "token")).run("bundle-diff", workspace, state);
        freshRunner();
        Result second = rehearse("pr-review.yml", pullRequest(REPO, "token")).run("bundle-diff", workspace, state);

        assertThat(first.succeeded()).as(first.steps().toString()).isTrue();
        assertThat(second.succeeded()).as(second.steps().toString()).isTrue();
        List<String> comments = second.comments("7");
        assertThat(comments).as("one comment, edited on the second push").hasSize(1);
        assertThat(comments.get(0)).contains("### Rendered bundle diff", "-listening-port=3478", "+listening-port=3479")
                .doesNotContainPattern("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}");
    }

    @Test
    void aSettingThatNoLongerRendersFailsTheJobAndTheCommentSaysWhy() throws Exception {
        pullRequestChanges("talk-hpb:turnPort: 3478", "talk-hpb:turnPort: 443");

        Result result = rehearse("pr-review.yml", pullRequest(REPO, "token")).run("bundle-diff", workspace, state);

        assertThat(result.succeeded()).as("the job fails").isFalse();
        assertThat(result.comments("7")).singleElement().asString()
                .contains("### Stack prod does not render", "talk-hpb:turnPort: 443 is outside 1024-65535")
                .doesNotContain("-listening-port");
    }

    @Test
    void aPullRequestFromAForkGetsTheDiffInTheLogAndNoCommentItsTokenCouldNotWrite() throws Exception {
        pullRequestChanges("talk-hpb:turnPort: 3478", "talk-hpb:turnPort: 3479");

        Result result = rehearse("pr-review.yml", pullRequest("someone/talk-hpb", "fork-read-only-token"))
                .run("bundle-diff", workspace, state);

        assertThat(result.succeeded()).as(result.steps().toString()).isTrue();
        assertThat(result.comments("7")).isEmpty();
        assertThat(result.step("Write the diff, or why a stack does not render").output()).contains("+listening-port=3479");
        Result preview = rehearse("pr-review.yml", pullRequest("someone/talk-hpb", "fork-read-only-token"))
                .run("preview", workspace, state);
        assertThat(preview.step("(job)").outcome()).as("forks get no secrets, so no preview").isEqualTo("skipped");
    }

    @Test
    void aPullRequestFromTheRepositoryGetsAPreviewOfTheProductionStackBuiltFromItsCode() throws Exception {
        pullRequestChanges("talk-hpb:turnPort: 3478", "talk-hpb:turnPort: 3479");

        Result preview = rehearse("pr-review.yml", pullRequest(REPO, "token")).run("preview", workspace, state);

        assertThat(preview.succeeded()).as(preview.steps().toString()).isTrue();
        assertThat(preview.calls()).containsSubsequence("mvn -B -q package -DskipTests", "pulumi preview --yes --stack prod");
        assertThat(preview.step("pulumi preview").output()).contains("Previewing update (prod)");
    }

    @Test
    void aLabelledPullRequestGetsATestStackThatIsUpVerifiedWithItsRealSecretsAndDestroyed() throws Exception {
        Map<String, Object> context = pullRequest(REPO, "token");
        context.put("github.event.action", "labeled");
        context.put("github.event.pull_request.labels.*.name", List.of("test-stack"));
        String sharedSecret = "S".repeat(48);
        Path outputs = Files.writeString(work.resolve("outputs.json"), "{\"signalingUrl\":\"https://pr-7.test.example.com/standalone-signaling/\","
                + "\"sharedSecrets\":{\"https://cloud-test.example.com\":\"" + sharedSecret + "\"},\"turnSecret\":\"" + "T".repeat(48) + "\"}");

        Result up = rehearse("pr-stack.yml", context).env("STANDIN_OUTPUTS", outputs.toString())
                .run("up-and-verify", workspace, state);

        assertThat(up.succeeded()).as(up.steps().toString()).isTrue();
        assertThat(Files.readString(state.resolve("verifysecret-file")).strip()).as("the shared secret itself, not [secret]")
                .isEqualTo(sharedSecret);
        assertThat(up.calls()).contains("java -jar target/talk-hpb.jar verify --url https://pr-7.test.example.com/standalone-signaling/",
                "--nextcloud-url https://cloud-test.example.com");
        assertThat(up.comments("7")).singleElement().asString().contains("### Test stack pr-7", "11 passed, 0 failed");
        assertThat(workspace.resolve("shared-secret")).as("secret files are removed").doesNotExist();

        context.put("github.event.action", "closed");
        Result destroy = rehearse("pr-stack.yml", context).run("destroy", workspace, state);
        assertThat(destroy.succeeded()).as(destroy.steps().toString()).isTrue();
        assertThat(destroy.calls()).contains("pulumi destroy --yes --remove --stack pr-7");
    }

    @Test
    void withTestStackTlsAcmeStagingTheTestStackProvesTheAcmePathAndVerifyTrustsTheStagingRoots() throws Exception {
        Map<String, Object> context = pullRequest(REPO, "token");
        context.put("github.event.action", "labeled");
        context.put("github.event.pull_request.labels.*.name", List.of("test-stack"));
        context.put("vars.TEST_STACK_TLS", "acme-staging");
        context.put("vars.TEST_ACME_EMAIL", "hpb-tests@example.com");
        Path outputs = Files.writeString(work.resolve("outputs.json"), "{\"signalingUrl\":\"https://pr-7.test.example.com/standalone-signaling/\","
                + "\"sharedSecrets\":{\"https://cloud-test.example.com\":\"" + "S".repeat(48) + "\"},\"turnSecret\":\"" + "T".repeat(48) + "\"}");

        Result up = rehearse("pr-stack.yml", context).env("STANDIN_OUTPUTS", outputs.toString()).run("up-and-verify", workspace, state);

        assertThat(up.succeeded()).as(up.steps().toString()).isTrue();
        assertThat(up.calls()).contains("pulumi config set talk-hpb:tlsMode acme", "pulumi config set talk-hpb:acmeServer letsencrypt-staging",
                "pulumi config set talk-hpb:acmeEmail hpb-tests@example.com",
                "curl -fsS https://letsencrypt.org/certs/staging/letsencrypt-stg-root-x1.pem")
                .doesNotContain("pulumi config set talk-hpb:tlsMode self-signed");
        assertThat(up.calls().lines()).noneMatch(call -> call.startsWith("openssl s_client"))
                .anyMatch(call -> call.startsWith("java -jar target/talk-hpb.jar verify") && call.contains("--ca-file hpb-certificate.pem"));
    }

    @Test
    void aDeployFromARunnerThatCannotReachSshFailsAtOnceSayingWhatToDo() throws Exception {
        Path outputs = existingProdStack();

        Result deploy = rehearse("deploy.yml", pullRequest(REPO, "token")).env("STANDIN_OUTPUTS", outputs.toString())
                .wrappedIn(isolatedNetwork(false)).run("up", workspace, state);

        assertThat(deploy.succeeded()).isFalse();
        assertThat(deploy.step("Check that this runner can reach the HPB over SSH").output())
                .contains("cannot reach SSH on the HPB (127.0.0.1)", "198.51.100.99/32", "talk-hpb:sshSourceCidrs");
        assertThat(deploy.calls()).doesNotContain("pulumi up");
    }

    @Test
    void aDeployFromARunnerThatReachesSshRunsPulumiUp() throws Exception {
        Path outputs = existingProdStack();

        Result deploy = rehearse("deploy.yml", pullRequest(REPO, "token")).env("STANDIN_OUTPUTS", outputs.toString())
                .wrappedIn(isolatedNetwork(true)).run("up", workspace, state);

        assertThat(deploy.succeeded()).as(deploy.steps().toString()).isTrue();
        assertThat(deploy.step("Check that this runner can reach the HPB over SSH").output()).contains("answers this runner");
        assertThat(deploy.calls()).contains("pulumi up --yes --stack prod");
    }

    /** A prod stack that was deployed before: its server at 127.0.0.1 (inside the step's own network). */
    Path existingProdStack() throws Exception {
        Path outputs = Files.writeString(work.resolve("outputs.json"), "{\"publicIpv4\":\"127.0.0.1\"}");
        Path prod = Files.createDirectories(state.resolve("pulumi").resolve("prod"));
        Files.copy(outputs, prod.resolve("outputs.json"));
        Files.writeString(state.resolve("pulumi").resolve("current"), "prod\n");
        return outputs;
    }

    /** Each step in a network namespace of its own with only loopback, where SSH answers or nothing does. */
    static List<String> isolatedNetwork(boolean sshAnswers) {
        String listener = sshAnswers ? "python3 -m http.server 22 --bind 127.0.0.1 >/dev/null 2>&1 & sleep 1; " : "";
        return List.of("unshare", "--net", "--pid", "--mount-proc", "--fork", "--kill-child", "bash", "-c",
                "ip link set lo up; " + listener + "\"$@\"", "isolated");
    }
}
